"""The pages: who sees what, the queue's constant queries, notices as HTML and PDF."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from customs_valuation import services, views
from customs_valuation.models import CaseStatus, DecisionKind, ValuationCase
from taxportal import paging
from taxportal.roles import Role

from .factories import vehicle_case

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def notice_case(people):
    case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
    notice = services.case_notice_of_intent(actor=people.officer, case=case, reasons="Cheap.")
    return case, notice


def test_importer_sees_only_their_own_cases(client, people):
    case, notice = notice_case(people)
    client.force_login(people.importer)
    assert client.get(reverse("customs_valuation:my_case", args=[case.pk])).status_code == 200
    assert case.reference in client.get(reverse("customs_valuation:my_cases")).content.decode()
    client.force_login(people.other_importer)
    for name, args in [
        ("my_case", [case.pk]),
        ("my_case_answer", [case.pk]),
        ("my_case_upload", [case.pk]),
        ("notice", [case.pk, notice.pk]),
        ("notice_pdf", [case.pk, notice.pk]),
    ]:
        assert client.get(reverse(f"customs_valuation:{name}", args=args)).status_code == 404
    assert case.reference not in client.get(reverse("customs_valuation:my_cases")).content.decode()


def test_importer_cannot_open_staff_pages(client, people):
    case, _ = notice_case(people)
    client.force_login(people.importer)
    assert client.get(reverse("customs_valuation:case", args=[case.pk])).status_code == 403
    assert client.get(reverse("customs_valuation:queue")).status_code == 403


@pytest.mark.parametrize(
    "role", [Role.LICENSING_CLERK, Role.INSPECTOR, Role.THIRD_PARTY_SUBMITTER, Role.CITIZEN]
)
def test_other_roles_get_403(client_as, people, role):
    case, notice = notice_case(people)
    client = client_as(role)
    assert client.get(reverse("customs_valuation:queue")).status_code == 403
    assert client.get(reverse("customs_valuation:appeals")).status_code == 403
    assert client.get(reverse("customs_valuation:case", args=[case.pk])).status_code == 403
    url = reverse("customs_valuation:case_action", args=[case.pk, "supervisor"])
    assert client.get(url).status_code == 403


def test_anonymous_is_sent_to_log_in(client, people):
    case, notice = notice_case(people)
    assert client.get(reverse("customs_valuation:queue")).url.startswith(reverse("login"))
    # REG-20: pages the importer uses go to the citizen login (which links to the staff one).
    for url in [
        reverse("customs_valuation:my_case", args=[case.pk]),
        reverse("customs_valuation:notice", args=[case.pk, notice.pk]),
    ]:
        assert client.get(url).url.startswith(reverse("registration:login"))


def test_officer_may_not_take_the_supervisors_decision(client, people):
    case, _ = notice_case(people)
    client.force_login(people.officer)
    url = reverse("customs_valuation:case_action", args=[case.pk, "supervisor"])
    assert client.get(url).status_code == 403


def test_committee_member_reads_the_case_but_not_the_queue(client, people):
    case, _ = notice_case(people)
    client.force_login(people.committee[0])
    page = client.get(reverse("customs_valuation:case", args=[case.pk]))
    assert page.status_code == 200
    assert client.get(reverse("customs_valuation:queue")).status_code == 403
    assert client.get(reverse("customs_valuation:appeals")).status_code == 200
    # Issue 16: the page leads the member back to the appeals they decide, never to the
    # officers' queue that would answer 403.
    for shown in (page, client.get(reverse("customs_valuation:appeals"))):
        html = shown.content.decode()
        assert f'href="{reverse("customs_valuation:queue")}"' not in html
    assert f'href="{reverse("customs_valuation:appeals")}"' in page.content.decode()


def test_queue_queries_do_not_grow_with_the_list(client, people, django_assert_max_num_queries):
    client.force_login(people.officer)
    for _ in range(2):
        notice_case(people)
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("customs_valuation:queue"))
    for _ in range(8):
        case, _notice = notice_case(people)
        services.release_record(
            actor=people.officer, case=case, form="bank_guarantee", reference="G",
            lodged_on=case.valuation_date,
        )  # fmt: skip
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("customs_valuation:queue"))
    assert response.content.decode().count("/customs/cases/") >= 10


def test_officer_decides_a_notice_of_intent_in_the_case_screen(client, people):
    case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
    client.force_login(people.officer)
    page = client.get(reverse("customs_valuation:case", args=[case.pk])).content.decode()
    assert 'data-line="depreciation"' in page
    url = reverse("customs_valuation:case_action", args=[case.pk, "decide"])
    response = client.post(url, {"decision": "notice", "reasons": ""})
    assert response.status_code == 200 and 'href="#id_reasons"' in response.content.decode()
    answers = {"decision": "notice", "reasons": "The invoice is too low.", "confirmed": "yes"}
    response = client.post(url, answers)
    case.refresh_from_db()
    assert case.status == CaseStatus.NOTICE_OF_INTENT
    notice = case.decisions.get(kind=DecisionKind.NOTICE_OF_INTENT)
    assert response.url == reverse("customs_valuation:notice", args=[case.pk, notice.pk])


def test_notice_is_hebrew_html_and_pdf(client, people):
    case, notice = notice_case(people)
    client.force_login(people.importer)
    html = client.get(reverse("customs_valuation:notice", args=[case.pk, notice.pk]))
    text = html.content.decode()
    assert 'dir="rtl"' in text and "Cheap." in text
    pdf = client.get(reverse("customs_valuation:notice_pdf", args=[case.pk, notice.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_importer_answers_and_uploads(client, people):
    case, _ = notice_case(people)
    client.force_login(people.importer)
    upload = SimpleUploadedFile("receipt.pdf", PDF, content_type="application/pdf")
    response = client.post(
        reverse("customs_valuation:my_case_upload", args=[case.pk]),
        {"kind": "deal_evidence", "file": upload},
    )
    assert response.status_code == 302
    bad = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(
        reverse("customs_valuation:my_case_upload", args=[case.pk]),
        {"kind": "deal_evidence", "file": bad},
    )
    assert response.status_code == 200
    response = client.post(
        reverse("customs_valuation:my_case_answer", args=[case.pk]), {"text": "Auction."}
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.ANSWERED
    assert case.documents.filter(kind="deal_evidence").count() == 1


def test_personal_area_section_lists_the_importers_cases(people):
    case, _ = notice_case(people)
    section = views.personal_area_section(people.importer, "basic")
    assert [c.pk for c in section.context["valuation_cases"]] == [case.pk]
    html = render_to_string(section.template, section.context)
    case.refresh_from_db()
    assert case.reference in html and case.answer_due.strftime("%d/%m/%Y") in html
    assert views.personal_area_section(people.other_importer, "basic") is None


def test_officer_opens_a_case_by_identity_number(client, people):
    client.force_login(people.officer)
    url = reverse("customs_valuation:case_open")
    response = client.post(
        url,
        {"importer_national_id": "000000019", "kind": "vehicle", "valuation_date": "2026-01-05"},
    )
    assert response.status_code == 200  # not a valid identity number (check digit)
    response = client.post(
        url,
        {
            "importer_national_id": people.importer.national_id,
            "kind": "vehicle",
            "valuation_date": "2026-01-05",
        },
    )
    assert response.status_code == 302
    case = ValuationCase.objects.get(importer_national_id=people.importer.national_id)
    assert case.importer_name == people.importer.get_full_name()  # from the portal account


def test_officer_records_case_data_with_a_reason(client, people):
    case = vehicle_case(officer=people.officer, importer=people.importer)
    client.force_login(people.officer)
    url = reverse("customs_valuation:case_edit", args=[case.pk])
    assert client.get(url).status_code == 200
    data = {
        "valuation_date": case.valuation_date.isoformat(),
        "price_list_entry": case.price_list_entry_id,
        "make": "Toyota", "model": "Corolla", "version": "", "manufacture_year": 2022,
        "first_road_date": "", "chassis_number": "X1", "engine_number": "", "engine_volume": "",
        "category": "private", "used_abroad_basis": "", "has_invoice": "on",
        "invoice_value": "", "invoice_date": "", "export_taxes": "0", "freight": "4100",
        "freight_origin": "europe", "insurance": "0", "licence_fee": "0", "other_costs": "0",
        "note4_reductions": "0", "damage_reduction": "0", "reason": "Freight bill received.",
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200 and 'href="#id_invoice_value"' in response.content.decode()
    response = client.post(url, {**data, "invoice_value": "25000"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.freight, case.first_road_date) == (Decimal("4100"), None)


def test_pages_read_in_english(client, people):
    case, _notice = notice_case(people)
    client.force_login(people.officer)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("customs_valuation:case", args=[case.pk])).content.decode()
    assert "Valuation worksheet" in html and 'dir="ltr"' in html


def test_queue_shows_a_page_at_a_time_keeping_the_filter(client, people, monkeypatch):
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    cases = [notice_case(people)[0] for _ in range(3)]
    client.force_login(people.officer)
    url = reverse("customs_valuation:queue")
    first = client.get(url, {"status": "notice_of_intent"})
    assert first.context["pager"].page.paginator.count == 3
    assert "status=notice_of_intent&amp;page=2" in first.content.decode()
    second = client.get(url, {"status": "notice_of_intent", "page": "2"}).content.decode()
    assert sum(case.reference in second for case in cases) == 1


def test_queue_filters_by_status(client, people):
    case, _notice = notice_case(people)
    other = vehicle_case(officer=people.officer, importer=people.importer, chassis_number="X2")
    client.force_login(people.officer)
    url = reverse("customs_valuation:queue")
    html = client.get(url, {"status": "notice_of_intent"}).content.decode()
    assert case.reference in html and other.reference not in html
    html = client.get(url, {"status": ""}).content.decode()
    assert case.reference in html and other.reference in html


def test_importer_list_queries_do_not_grow(client, people, django_assert_max_num_queries):
    client.force_login(people.importer)
    notice_case(people)
    with django_assert_max_num_queries(10) as small:
        client.get(reverse("customs_valuation:my_cases"))
    for _ in range(6):
        notice_case(people)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("customs_valuation:my_cases"))


def test_issue_16_case_history_reads_in_the_readers_language(client, people):
    """The same stored history shows "Case opened · Personal import declared" to a clerk reading
    in English and the Hebrew to one reading in Hebrew, and the extra's source by its name (not
    the code "manufacturer"): the system's texts are stored as codes."""
    from customs_valuation.models import ExtraSource, OptionalExtra

    with translation.override("he"):  # whoever opens it, in whatever language
        case = vehicle_case(officer=people.officer, importer=people.importer)
        services.extra_add(
            actor=people.officer,
            case=case,
            extra=OptionalExtra.objects.get(code="sunroof"),
            source=ExtraSource.MANUFACTURER,
        )
    client.force_login(people.officer)
    client.cookies["django_language"] = "en"
    english = client.get(reverse("customs_valuation:case", args=[case.pk])).content.decode()
    assert "Case opened · <bdi>Personal import declared</bdi>" in english
    assert "Manufacturer&#x27;s document by chassis number" in english
    assert "הוצהר יבוא אישי" not in english
    client.cookies["django_language"] = "he"
    hebrew = client.get(reverse("customs_valuation:case", args=[case.pk])).content.decode()
    assert "הוצהר יבוא אישי" in hebrew
    assert "מסמך יצרן לפי מספר שלדה" in hebrew
    assert "· manufacturer" not in hebrew
