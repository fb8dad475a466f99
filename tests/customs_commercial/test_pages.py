"""Part 2.2's pages through the test client: each page answers its people and a constant number
of queries at two sizes; every endpoint refuses another customs house's valuer or another agent
(404, as a missing id), another role (403), and empty, huge, mistyped or mis-encoded input (400,
nothing stored); the notices are Hebrew documents, as a page and a PDF."""

from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from customs_valuation.commercial.choices import (
    CaseStatus,
    FreightKind,
    Ground,
    LineKind,
    Method,
    NoticeKind,
)
from customs_valuation.commercial.models import (
    AcceptedValue,
    CommercialCase,
    CommercialNotice,
    FreightNotice,
    WorksheetLine,
)
from customs_valuation.commercial.services import assists as assist_services
from customs_valuation.commercial.services import cases as case_services
from customs_valuation.commercial.services import checks as check_services
from customs_valuation.commercial.services import credit_notes as credit_services
from customs_valuation.commercial.services import decisions as decision_services
from customs_valuation.commercial.services import documents as document_services
from customs_valuation.commercial.services import worksheet as sheet_services
from taxportal.models import AuditEvent
from tests.customs_declarations import helpers as declaration_helpers

from .helpers import entry, open_case

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def url(name, *args):
    return reverse(f"customs_commercial:{name}", args=args)


def action(case, name, arg=None):
    return url("case_action_on", case.pk, name, arg) if arg else url("case_action", case.pk, name)


PAGES = ("case", "case_documents", "case_worksheet", "case_decision")


def _grow(world, case, n):
    for k in range(n):
        case_services.item_add(
            actor=world.valuer,
            case=case,
            tariff_item=f"8516.{k + 10:02d}",
            description=f"Item {k}",
            quantity=10,
            value=D("100.00"),
        )
        sheet_services.line_add(
            actor=world.valuer, case=case, kind=LineKind.KOSHER, amount=D("1.00")
        )
        document_services.documents_request(actor=world.valuer, case=case, items=[("a", "")])


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", PAGES)
def test_each_case_page_keeps_a_constant_number_of_queries(commercial, client, page):
    case = open_case(commercial)
    _grow(commercial, case, 1)
    client.force_login(commercial.valuer)
    few = _queries(client, url(page, case.pk))
    _grow(commercial, case, 6)
    assert _queries(client, url(page, case.pk)) == few


def test_the_queue_keeps_a_constant_number_of_queries(commercial, client):
    open_case(commercial)
    entry(commercial)  # an entry still to verify
    client.force_login(commercial.valuer)
    few = _queries(client, url("queue"))
    for _ in range(4):
        case = open_case(commercial)
        document_services.documents_request(actor=commercial.valuer, case=case, items=[("a", "")])
        entry(commercial)  # an entry still to verify
    assert _queries(client, url("queue")) == few


def test_the_agents_case_page_keeps_a_constant_number_of_queries(commercial, client):
    case = open_case(commercial)
    _grow(commercial, case, 1)
    client.force_login(commercial.agent_user)
    few = _queries(client, url("agent_case", case.pk))
    _grow(commercial, case, 5)
    assert _queries(client, url("agent_case", case.pk)) == few


# --- Who sees what ---------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_cus_95_staff_pages_answer_their_people_only(commercial, client, page):
    case = open_case(commercial)
    path = url(page, case.pk)
    for user, code in (
        (commercial.valuer, 200),
        (commercial.chief, 200),
        (commercial.unit, 200),
        (commercial.other_valuer, 404),
        (commercial.agent_user, 403),
    ):
        client.force_login(user)
        assert client.get(path).status_code == code, user.username
    client.logout()
    assert client.get(path).status_code == 302
    client.force_login(commercial.valuer)
    assert client.get(url(page, 999999)).status_code == 404


def test_cus_95_the_agents_pages_answer_the_cases_agent_only(commercial, client):
    case = open_case(commercial)
    client.force_login(commercial.other_agent_user)
    assert client.get(url("agent_case", case.pk)).status_code == 404
    assert case.entry.number not in client.get(url("agent_cases")).content.decode()
    client.force_login(commercial.valuer)
    assert client.get(url("agent_case", case.pk)).status_code == 403
    client.force_login(commercial.agent_user)
    page = client.get(url("agent_case", case.pk))
    assert page.status_code == 200 and case.entry.number in page.content.decode()


# --- Every staff action, attacked ---------------------------------------------------------------

STAFF_ACTIONS = [
    (
        "facts",
        None,
        {
            "facts-transport_mode": "sea",
            "facts-nature": "sale",
            "facts-invoice_kind": "sales_invoice",
            "facts-incoterm": "CIF",
        },
    ),
    (
        "item",
        None,
        {
            "item-tariff_item": "8516.40",
            "item-description": "x",
            "item-quantity": "1",
            "item-value": "1.00",
        },
    ),
    ("trigger", "j", {"trigger-j-code": "j", "trigger-j-marked": "on", "trigger-j-note": "n"}),
    ("ground", None, {"ground-code": "b", "ground-reason": "Resale restricted to one town."}),
    ("check", None, {"check-step": "63a", "check-result": "confirmed", "check-note": ""}),
    (
        "related",
        None,
        {
            "related-alternative": "deductive",
            "related-test_value": "100.00",
            "related-close": "on",
            "related-reason": "Close.",
        },
    ),
    ("consult", None, {"consult-question": "Is this an assist?"}),
    ("request", None, {"request-item_a": "on", "request-note_a": "2026 list"}),
    ("line", None, {"line-kind": "kosher", "line-amount": "10.00", "line-amount_known": "on"}),
    (
        "not_satisfied",
        None,
        {
            "not_satisfied-reasons": "Low.",
            "not_satisfied-provisional_value": "50000",
            "not_satisfied-taxes_declared": "1000",
            "not_satisfied-taxes_provisional": "2000",
        },
    ),
    ("accept", None, {"accept-reason": "All checked."}),
    ("disqualify", None, {"disqualify-reason": ""}),
]


@pytest.mark.parametrize(("name", "arg", "data"), STAFF_ACTIONS, ids=[a[0] for a in STAFF_ACTIONS])
def test_staff_actions_refuse_another_house_another_role_and_bad_input(
    commercial, client, name, arg, data
):
    case = open_case(commercial, incoterm="CIF")
    path = action(case, name, arg)
    before = AuditEvent.objects.count()
    client.force_login(commercial.other_valuer)
    assert client.post(path, data).status_code == 404
    client.force_login(commercial.agent_user)
    assert client.post(path, data).status_code == 403
    client.force_login(commercial.unit)
    assert client.post(path, data | {"confirmed": "yes"}).status_code in {400, 403}
    assert AuditEvent.objects.count() == before
    client.force_login(commercial.valuer)
    assert client.get(path).status_code == 405
    if name not in {"accept", "disqualify"}:  # these have no required field
        assert client.post(path, {}).status_code == 400
    huge = dict.fromkeys(data, "9" * 100_000)
    assert client.post(path, huge).status_code == 400
    numeric = [k for k in data if any(w in k for w in ("value", "amount", "quantity", "taxes"))]
    if numeric:
        typed = data | dict.fromkeys(numeric, "not-a-number")
        assert client.post(path, typed).status_code == 400
        assert AuditEvent.objects.count() == before
    mis_encoded = client.generic(
        "POST",
        path,
        b"facts-incoterm=\xff\xfe&x=\xc3&confirmed=yes",
        content_type="application/x-www-form-urlencoded",
    )
    assert mis_encoded.status_code in {400, 302}


def test_an_unknown_action_or_argument_answers_404(commercial, client):
    case = open_case(commercial)
    client.force_login(commercial.valuer)
    assert client.post(url("case_action", case.pk, "launch")).status_code == 404
    assert client.post(url("case_action", case.pk, "trigger")).status_code == 404
    assert client.post(action(case, "trigger", "z"), {"trigger-z-code": "z"}).status_code in {
        400,
        404,
    }
    assert client.post(action(case, "remove", "abc"), {"remove-abc-reason": "x"}).status_code == 404


def test_a_line_of_another_case_answers_404(commercial, client):
    case, other = open_case(commercial), open_case(commercial)
    line = sheet_services.line_add(
        actor=commercial.valuer, case=other, kind=LineKind.KOSHER, amount=D("5.00")
    )
    client.force_login(commercial.valuer)
    response = client.post(action(case, "remove", line.pk), {f"remove-{line.pk}-reason": "x"})
    assert response.status_code == 404
    assert WorksheetLine.objects.filter(pk=line.pk).exists()


# --- Flows through the pages --------------------------------------------------------------------


def test_cus_58_a_valuer_opens_a_case_from_the_queue_and_accepts_it(commercial, client):
    the_entry = entry(commercial)
    client.force_login(commercial.valuer)
    assert the_entry.number in client.get(url("queue")).content.decode()
    open_path = url("entry_open", the_entry.number)
    assert client.get(open_path).status_code == 200
    assert (
        client.post(
            open_path, {"exchange_rate": "0", "country_of_export": "CN", "destination": "israel"}
        ).status_code
        == 400
    )
    response = client.post(
        open_path, {"exchange_rate": "3.7", "country_of_export": "CN", "destination": "israel"}
    )
    case = CommercialCase.objects.get(entry=the_entry)
    assert response.status_code == 302
    client.post(
        action(case, "item"),
        {
            "item-tariff_item": "8516.40",
            "item-description": "Dryers",
            "item-quantity": "1000",
            "item-value": "10000.00",
        },
    )
    client.post(
        action(case, "facts"),
        {
            "facts-transport_mode": "sea",
            "facts-nature": "sale",
            "facts-invoice_kind": "sales_invoice",
            "facts-incoterm": "CIF",
        },
    )
    accept = {"accept-reason": "Checked.", "confirmed": "yes"}
    assert client.post(action(case, "accept"), accept).status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED and case.final_value == D("37000.00")


def test_cus_92_the_open_form_refuses_a_used_vehicle(commercial, client):
    the_entry = entry(commercial)
    client.force_login(commercial.valuer)
    response = client.post(
        url("entry_open", the_entry.number),
        {
            "exchange_rate": "3.7",
            "country_of_export": "DE",
            "destination": "israel",
            "used_vehicle": "on",
        },
    )
    assert response.status_code == 400 and not CommercialCase.objects.exists()


def test_another_houses_valuer_cannot_open_a_case(commercial, client):
    the_entry = entry(commercial)
    client.force_login(commercial.other_valuer)
    assert client.get(url("entry_open", the_entry.number)).status_code == 404


def test_the_worksheet_page_shows_each_line_and_the_totals(commercial, client):
    case = open_case(commercial)
    sheet_services.line_add(
        actor=commercial.valuer,
        case=case,
        kind=LineKind.FREIGHT,
        amount=D("800.00"),
        facts={"freight": FreightKind.CARRIAGE},
    )
    sheet_services.line_add(
        actor=commercial.valuer,
        case=case,
        kind=LineKind.FREIGHT,
        amount=D("120.00"),
        facts={"freight": FreightKind.DEMURRAGE},
    )
    client.force_login(commercial.valuer)
    html = client.get(url("case_worksheet", case.pk)).content.decode()
    # 10,000 + 800 = 10,800.00 USD; 37,000 + 2,960 = 39,960.00 NIS; demurrage left out.
    assert "10,800.00" in html and "39,960.00" in html
    assert html.count('data-included="0"') == 1


def test_a_refused_line_shows_the_form_again_with_its_error(commercial, client):
    case = open_case(commercial)
    client.force_login(commercial.valuer)
    response = client.post(action(case, "line"), {"line-kind": "commission", "line-amount": "5"})
    assert response.status_code == 400
    assert 'href="#id_line-commission"' in response.content.decode()
    assert not WorksheetLine.objects.exists()


def test_cus_30_methods_through_the_pages_in_order(commercial, client):
    AcceptedValue.objects.create(
        tariff_item="8516.40",
        country_id="CN",
        imported_on=timezone.localdate() - timedelta(5),
        unit_value=D("39.50"),
        quantity=10,
        method=Method.TRANSACTION,
        entry_number="H1",
    )
    case = open_case(commercial)
    check_services.ground_record(
        actor=commercial.valuer,
        case=case,
        code=Ground.RELATIONSHIP,
        reason="Owned by the importer.",
    )
    client.force_login(commercial.valuer)
    assert client.post(action(case, "disqualify"), {"disqualify-reason": ""}).status_code == 302
    # Out of order: the fallback first is refused, nothing stored.
    response = client.post(
        action(case, "apply"),
        {
            "confirmed": "yes",
            "apply-method": "fallback",
            "apply-reasons": "x",
            "apply-basis": "other_reasonable",
            "apply-description": "y",
            "apply-value": "1",
        },
    )
    assert response.status_code == 400
    assert client.post(action(case, "search"), {}).status_code == 302
    page = client.get(url("case_decision", case.pk)).content.decode()
    assert "39.50" in page
    response = client.post(
        action(case, "apply"),
        {"apply-method": "identical", "apply-reasons": "The lowest.", "confirmed": "yes"},
    )
    assert response.status_code == 302
    notice = CommercialNotice.objects.get(case=case)
    assert (notice.method, notice.value) == (Method.IDENTICAL, D("39500.00"))


def test_cus_70_the_chief_valuer_decides_a_credit_note_on_its_page(commercial, client):
    supplier = declaration_helpers.supplier(commercial, name="S")
    note = credit_services.credit_note_request(
        actor=commercial.agent_user,
        agent=commercial.agent,
        importer=commercial.importer,
        supplier_number=supplier.pk,
        customs_house=commercial.haifa,
        number="CN-9",
        kind="credit_note",
        amount=D("10"),
        currency="USD",
    )
    path = url("credit_note", note.pk)
    client.force_login(commercial.valuer)
    assert client.get(path).status_code == 403
    client.force_login(commercial.chief)
    assert note.number in client.get(url("queue")).content.decode()
    assert client.post(path, {"decision": "approve", "reason": ""}).status_code == 400
    approve = {"decision": "approve", "reason": "Order 17."}
    assert client.post(path, approve | {"confirmed": "yes"}).status_code == 302
    assert client.get(path).status_code == 404  # decided: no longer waiting


def test_cus_65_only_the_director_issues_freight_notices(commercial, client):
    client.force_login(commercial.valuer)
    assert client.get(url("freight_notices")).status_code == 403
    client.force_login(commercial.director)
    data = {"number": "2026/1", "title": "Port strike", "effective_from": "2026-01-01"}
    assert client.post(url("freight_notices"), data).status_code == 302
    assert client.post(url("freight_notices"), data).status_code == 400  # the same number
    assert FreightNotice.objects.count() == 1


# --- The agent's actions ---------------------------------------------------------------------


def _requested(world, case, code="a"):
    return document_services.documents_request(
        actor=world.valuer, case=case, items=[(code, "")]
    ).items.get()


def test_cus_61_the_agent_uploads_against_an_item_and_a_fake_is_refused(commercial, client):
    case = open_case(commercial)
    item = _requested(commercial, case)
    path = url("agent_case_action_on", case.pk, "upload", item.pk)
    client.force_login(commercial.agent_user)
    fake = SimpleUploadedFile("a.pdf", b"MZ not a pdf", content_type="application/pdf")
    assert client.post(path, {f"upload-{item.pk}-file": fake}).status_code == 400
    assert client.post(path, {}).status_code == 400
    good = SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")
    assert (
        client.post(
            path, {f"upload-{item.pk}-file": good, f"upload-{item.pk}-answer": "Here."}
        ).status_code
        == 302
    )
    assert item.uploads.count() == 1
    client.force_login(commercial.other_agent_user)
    again = SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")
    assert client.post(path, {f"upload-{item.pk}-file": again}).status_code == 404
    other_case = open_case(commercial)
    client.force_login(commercial.agent_user)
    wrong = url("agent_case_action_on", other_case.pk, "upload", item.pk)
    assert client.post(wrong, {f"upload-{item.pk}-file": again}).status_code == 404


def test_cus_80_the_agent_records_the_choice_on_the_page(commercial, client):
    case = open_case(commercial)
    decision_services.case_not_satisfied(
        actor=commercial.valuer,
        case=case,
        reasons="Low.",
        provisional_value=D("50000"),
        taxes_declared=D("1000"),
        taxes_provisional=D("2000"),
    )
    path = url("agent_case_action", case.pk, "choose")
    client.force_login(commercial.other_agent_user)
    assert client.post(path, {"choose-option": "b"}).status_code == 404
    client.force_login(commercial.agent_user)
    assert client.post(path, {"choose-option": "z"}).status_code == 400
    assert client.post(path, {"choose-option": "c"}).status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CHIEF_VALUER
    assert client.post(path, {"choose-option": "a"}).status_code == 400  # once


def test_cus_93_the_agent_asks_for_a_damage_reduction(commercial, client):
    case = open_case(commercial)
    path = url("agent_case_action", case.pk, "damage")
    client.force_login(commercial.agent_user)
    assert client.post(path, {"damage-description": ""}).status_code == 400
    assert client.post(path, {"damage-description": "Wet cartons."}).status_code == 302
    assert client.post(url("agent_case_action", case.pk, "launch"), {}).status_code == 404


def test_cus_77_and_cus_70_the_agent_records_assists_and_credit_notes(commercial, client):
    supplier = declaration_helpers.supplier(commercial, name="S")
    client.force_login(commercial.agent_user)
    assert client.get(url("agent_assists")).status_code == 200
    data = {
        "importer": commercial.importer.number,
        "supplier_number": supplier.pk,
        "description": "Mould",
        "category": "b",
        "cost": "50000",
        "share_percent": "100",
        "way": "b",
        "first_shipment": "1000",
        "produced": "4000",
    }
    assert client.post(url("agent_assists"), data).status_code == 302
    assert client.post(url("agent_assists"), data | {"way": "c"}).status_code == 400  # no contract
    assert (
        client.post(
            url("agent_assists"), data | {"importer": commercial.other_importer.number}
        ).status_code
        == 400
    )  # not its importer
    note = {
        "importer": commercial.importer.number,
        "supplier_number": supplier.pk,
        "customs_house": "haifa",
        "number": "CN-1",
        "kind": "credit_note",
        "amount": "10",
        "currency": "USD",
    }
    assert client.post(url("agent_credit_notes"), note).status_code == 302
    assert client.post(url("agent_credit_notes"), note).status_code == 400  # the same number


def test_cus_76_the_assist_checklist_on_the_worksheet_page(commercial, client):
    supplier = declaration_helpers.supplier(commercial, name="Mould Supplier")
    mould = assist_services.assist_record(
        actor=commercial.agent_user,
        agent=commercial.agent,
        importer=commercial.importer,
        supplier_number=supplier.pk,
        description="Injection mould",
        category="b",
        cost=D("50000.00"),
        way="a",
        first_shipment=1000,
        produced=4000,
    )
    case = open_case(commercial, entry(commercial, supplier=supplier))
    assist_services.assist_charge(actor=commercial.valuer, case=case, assist=mould, units=1000)
    other_pair = open_case(commercial)  # another supplier: the mould is not charged there
    path = action(case, "assist_check")
    data = {
        "assist_check-assist": mould.pk,
        "assist_check-code": "supplied",
        "assist_check-result": "confirmed",
        "assist_check-note": "Delivery note 17.",
    }
    client.force_login(commercial.other_valuer)
    assert client.post(path, data).status_code == 404
    client.force_login(commercial.agent_user)
    assert client.post(path, data).status_code == 403
    client.force_login(commercial.valuer)
    page = client.get(url("case_worksheet", case.pk)).content.decode()
    assert 'id="assist-checks"' in page and page.count('data-check="') == 6
    assert client.post(path, {}).status_code == 400
    assert client.post(path, data | {"assist_check-note": "9" * 100_000}).status_code == 400
    assert client.post(path, data | {"assist_check-assist": "x"}).status_code == 400
    # Not applicable is for the third-party check only: refused, shown on the page.
    assert client.post(path, data | {"assist_check-result": "na"}).status_code == 400
    assert client.post(action(other_pair, "assist_check"), data).status_code == 400
    assert not AuditEvent.objects.filter(action="commercial.assist_check").exists()
    assert client.post(path, data).status_code == 302
    page = client.get(url("case_worksheet", case.pk)).content.decode()
    assert "Delivery note 17." in page


# --- Notices: Hebrew documents, page and PDF -----------------------------------------------------


def _value_set(world):
    case = open_case(world, incoterm="CIF")
    sheet_services.line_add(
        actor=world.valuer,
        case=case,
        kind=LineKind.ROYALTY,
        amount=D("500.00"),
        facts={"relates_to_goods": True, "condition_of_sale": True},
    )
    return decision_services.case_set_transaction_value(
        actor=world.valuer, case=case, reasons="דמי הרישיון הם תנאי למכירה."
    )


def test_cus_83_the_notice_names_the_method_and_the_reasons_in_hebrew(commercial, client):
    notice = _value_set(commercial)
    client.force_login(commercial.agent_user)
    html = client.get(url("notice", notice.pk)).content.decode()
    assert 'lang="he"' in html and 'dir="rtl"' in html
    assert "ערך עסקה" in html  # the method: transaction value (section 132)
    assert "דמי הרישיון הם תנאי למכירה." in html
    assert "38,850.00" in html  # 10,500 x 3.7
    assert "הודעה על תיקון רשימון" in html


def test_cus_83_after_release_the_notice_is_a_deficit_notice_citing_133h(commercial, client):
    case = open_case(commercial, incoterm="CIF")
    case.entry.released_at = timezone.now()
    case.entry.save(update_fields=["released_at"])
    sheet_services.line_add(
        actor=commercial.valuer, case=case, kind=LineKind.KOSHER, amount=D("1.00")
    )
    notice = decision_services.case_set_transaction_value(
        actor=commercial.valuer, case=case, reasons="Kosher."
    )
    assert notice.kind == NoticeKind.DEFICIT
    client.force_login(commercial.valuer)
    html = client.get(url("notice", notice.pk)).content.decode()
    assert "הודעת גירעון" in html and "133ח" in html


def test_cus_80_the_not_satisfied_notice_lists_the_three_options(commercial, client):
    case = open_case(commercial)
    notice = decision_services.case_not_satisfied(
        actor=commercial.valuer,
        case=case,
        reasons="ההעברות הבנקאיות מכסות 60%.",
        provisional_value=D("52000"),
        taxes_declared=D("12400"),
        taxes_provisional=D("15150.50"),
    )
    client.force_login(commercial.agent_user)
    html = client.get(url("notice", notice.pk)).content.decode()
    assert "אגב מחאה" in html  # (b) paying under protest
    assert "2,750.50" in html and "52,000.00" in html


def test_the_notice_pdf_is_a_pdf_and_only_for_the_case(commercial, client):
    notice = _value_set(commercial)
    client.force_login(commercial.agent_user)
    response = client.get(url("notice_pdf", notice.pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    client.force_login(commercial.other_agent_user)
    assert client.get(url("notice_pdf", notice.pk)).status_code == 404
    assert client.get(url("notice", notice.pk)).status_code == 404
    client.force_login(commercial.other_valuer)
    assert client.get(url("notice", notice.pk)).status_code == 404
    client.force_login(commercial.valuer)
    assert client.get(url("notice", 999999)).status_code == 404


def test_the_notice_page_links_its_style_and_the_pdf_is_given_it(commercial, client, monkeypatch):
    # The strict CSP (style-src 'self') allows no inline style: the page links a static file,
    # and the PDF, which links nothing, is given the same file by the renderer.
    notice = _value_set(commercial)
    client.force_login(commercial.agent_user)
    html = client.get(url("notice", notice.pk)).content.decode()
    assert "<style" not in html and "commercial_notice.css" in html
    given = []
    import weasyprint

    real = weasyprint.HTML.write_pdf

    def write_pdf(self, *args, stylesheets=None, **kwargs):
        given.extend(stylesheets or [])
        return real(self, *args, stylesheets=stylesheets, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", write_pdf)
    assert client.get(url("notice_pdf", notice.pk)).content.startswith(b"%PDF")
    assert len(given) == 1


def test_cus_56_the_agent_reads_the_notice_in_its_inbox(commercial, client):
    notice = _value_set(commercial)
    client.force_login(commercial.agent_user)
    html = client.get(reverse("customs_declarations:inbox")).content.decode()
    assert notice.case.entry.number in html


def test_cus_90_a_cigarette_case_shows_the_wholesale_price_in_force(commercial, client):
    case = open_case(commercial, special="cigarettes")
    client.force_login(commercial.valuer)
    html = client.get(url("case", case.pk)).content.decode()
    # fixtures: brand A 1,175.00 from 2025-01-01 and 1,210.00 from 2026-01-01; today is later.
    assert "1,210.00" in html and "1,175.00" not in html
