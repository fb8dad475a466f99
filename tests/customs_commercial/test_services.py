"""Part 2.2 through its services, one rule at a time, on PostgreSQL: a commercial valuation case
for an entry, its grounds, triggers, documents, checks, worksheet, decisions, alternative methods
and notices. Amounts are worked out by hand in the comments."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from customs_valuation.commercial import rules, selectors
from customs_valuation.commercial.choices import (
    AssistCheck,
    CandidateVerdict,
    CaseStatus,
    CheckResult,
    CommissionKind,
    CreditNoteStatus,
    DiscountKind,
    FallbackBasis,
    FreightKind,
    Ground,
    ImporterOption,
    InvoiceKind,
    LineKind,
    Method,
    NoticeKind,
    SecurityKind,
    SpreadWay,
    Trigger,
)
from customs_valuation.commercial.models import (
    AcceptedValue,
    AssistCheckRecord,
    CommercialCase,
    CommercialNotice,
    CreditNote,
)
from customs_valuation.commercial.services import assists as assist_services
from customs_valuation.commercial.services import cases as case_services
from customs_valuation.commercial.services import checks as check_services
from customs_valuation.commercial.services import credit_notes as credit_services
from customs_valuation.commercial.services import decisions as decision_services
from customs_valuation.commercial.services import documents as document_services
from customs_valuation.commercial.services import methods as method_services
from customs_valuation.commercial.services import values as value_services
from customs_valuation.commercial.services import worksheet as sheet_services
from customs_valuation.declarations.choices import NotificationKind
from customs_valuation.declarations.models import AgentNotification
from customs_valuation.declarations.services import entries as entry_services
from taxportal.models import AuditEvent
from tests.customs_declarations import helpers as declaration_helpers

from .helpers import entry, open_case

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="doc.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def line(world, case, kind, amount, **extra):
    return sheet_services.line_add(
        actor=world.valuer, case=case, kind=kind, amount=D(amount), **extra
    )


def history(tariff_item, values, *, country="CN", day=None, maker="Acme"):
    day = day or timezone.localdate() - timedelta(days=10)
    return [
        AcceptedValue.objects.create(
            tariff_item=tariff_item,
            country_id=country,
            imported_on=day,
            unit_value=D(v),
            manufacturer=maker,
            quantity=100,
            method=Method.TRANSACTION,
            entry_number=f"H{n}",
        )
        for n, v in enumerate(values)
    ]


# --- Opening a case; roles ------------------------------------------------------------------------


def test_cus_95_a_valuer_opens_a_case_for_an_entry_once_and_it_is_audited(commercial):
    case = open_case(commercial)
    assert case.status == CaseStatus.OPEN
    assert case.customs_house == commercial.haifa
    assert case.declared_value == D("10000.00")  # the entry's goods value
    assert AuditEvent.objects.filter(action__startswith="commercial.", target_id=str(case.pk))
    with pytest.raises(ValidationError):
        case_services.case_open(
            actor=commercial.valuer,
            entry=case.entry,
            exchange_rate=D("3.7"),
            country_of_export="CN",
        )


def test_cus_95_an_agent_or_the_valuation_unit_cannot_open_a_case(commercial):
    the_entry = entry(commercial)
    for actor in (commercial.agent_user, commercial.unit):
        with pytest.raises(ValidationError):
            case_services.case_open(
                actor=actor, entry=the_entry, exchange_rate=D("3.7"), country_of_export="CN"
            )


def test_cus_95_a_valuer_of_another_customs_house_answers_404_the_unit_reads_all(commercial):
    case = open_case(commercial)
    assert selectors.case_for_staff(commercial.valuer, case.pk) == case
    assert selectors.case_for_staff(commercial.unit, case.pk) == case
    with pytest.raises(Http404):
        selectors.case_for_staff(commercial.other_valuer, case.pk)
    with pytest.raises(Http404):
        selectors.case_for_agent(commercial.other_agent, case.pk)
    assert selectors.case_for_agent(commercial.agent, case.pk) == case


def test_cus_58_the_exchange_rate_must_be_positive(commercial):
    the_entry = entry(commercial)
    for rate in (D(0), D("-1")):
        with pytest.raises(ValidationError):
            case_services.case_open(
                actor=commercial.valuer,
                entry=the_entry,
                exchange_rate=rate,
                country_of_export="CN",
            )


# --- CUS-29, CUS-58: grounds -----------------------------------------------------------------


def test_cus_29_disqualifying_needs_a_recorded_ground(commercial):
    case = open_case(commercial)
    with pytest.raises(ValidationError):
        decision_services.case_disqualify(actor=commercial.valuer, case=case)
    check_services.ground_record(
        actor=commercial.valuer,
        case=case,
        code=Ground.PROCEEDS,
        reason="The distribution contract pays the supplier 5% of resale proceeds.",
    )
    case = decision_services.case_disqualify(actor=commercial.valuer, case=case)
    assert case.status == CaseStatus.METHODS


def test_cus_29_f_is_refused_without_the_importers_question_and_answer(commercial):
    case = open_case(commercial)
    with pytest.raises(ValidationError):
        check_services.ground_record(
            actor=commercial.valuer, case=case, code=Ground.DOUBT, reason="Half the median."
        )
    check_services.ground_record(
        actor=commercial.valuer,
        case=case,
        code=Ground.DOUBT,
        reason="Half the median.",
        asked="Explain the price (request of 1 March).",
        answered="Clearance sale; no proof.",
    )
    assert decision_services.case_disqualify(actor=commercial.valuer, case=case).status == (
        CaseStatus.METHODS
    )


def test_cus_89_a_pro_forma_invoice_is_never_accepted_as_the_transaction_value(commercial):
    case = open_case(commercial, invoice_kind=InvoiceKind.PRO_FORMA)
    with pytest.raises(ValidationError):
        decision_services.case_accept(actor=commercial.valuer, case=case)
    with pytest.raises(ValidationError):
        decision_services.case_set_transaction_value(
            actor=commercial.valuer, case=case, reasons="Per the invoice."
        )


# --- CUS-60: triggers ------------------------------------------------------------------------


def test_cus_60_e1_is_flagged_from_the_value_history(commercial):
    # History of 8516.40 from CN: 20.00, 40.00, 60.00 -> median 40.00 NIS a unit; 70% = 28.00.
    # Declared: 10,000.00 USD x 3.7 = 37,000.00 NIS for 1,000 units... 37.00 a unit: no flag.
    history("8516.40", ["20.00", "40.00", "60.00"])
    case = open_case(commercial)
    assert not case.triggers.filter(code=Trigger.LOW_VALUE, flagged=True).exists()
    # 700 USD for 1,000 units = 2,590.00 NIS = 2.59 a unit, under 28.00: flagged (e1).
    low = open_case(commercial, items=(("8516.40", "Hair dryers", 1000, "700.00"),))
    flag = low.triggers.get(code=Trigger.LOW_VALUE)
    assert flag.flagged and flag.marked and flag.bases == ["e1"]


def test_cus_60_f_is_flagged_when_the_invoice_total_differs_and_blocks_acceptance(commercial):
    case = open_case(commercial, invoice_total=D("10500.00"), incoterm="CIF")
    trigger = case.triggers.get(code=Trigger.DOCUMENTS_MISMATCH)
    assert trigger.flagged and trigger.marked
    with pytest.raises(ValidationError):
        decision_services.case_accept(actor=commercial.valuer, case=case)
    with pytest.raises(ValidationError):  # cleared only with a reason
        check_services.trigger_set(
            actor=commercial.valuer, case=case, code=Trigger.DOCUMENTS_MISMATCH, marked=False
        )
    check_services.trigger_set(
        actor=commercial.valuer,
        case=case,
        code=Trigger.DOCUMENTS_MISMATCH,
        marked=False,
        resolution="The 500.00 is the freight, billed on the same invoice.",
    )
    assert decision_services.case_accept(actor=commercial.valuer, case=case).status == (
        CaseStatus.ACCEPTED
    )


def test_cus_60_a_trigger_the_valuer_marks_needs_its_resolution_before_acceptance(commercial):
    case = open_case(commercial, incoterm="CIF")
    check_services.trigger_set(
        actor=commercial.valuer,
        case=case,
        code=Trigger.COMMISSIONS,
        marked=True,
        note="The invoice mentions an agent in Ningbo.",
    )
    with pytest.raises(ValidationError):
        decision_services.case_accept(actor=commercial.valuer, case=case)
    check_services.trigger_set(
        actor=commercial.valuer,
        case=case,
        code=Trigger.COMMISSIONS,
        marked=True,
        resolution="Buying agent; agreement and separate invoice on file.",
    )
    decision_services.case_accept(actor=commercial.valuer, case=case)


# --- CUS-61, CUS-62: documents -----------------------------------------------------------------


def test_cus_61_a_request_is_dated_has_its_items_and_a_30_day_default_and_tells_the_agent(
    commercial,
):
    case = open_case(commercial)
    request = document_services.documents_request(
        actor=commercial.valuer,
        case=case,
        items=[("a", ""), ("g7", "The licence agreement with the brand owner.")],
    )
    assert request.due_on == request.requested_on + timedelta(days=30)
    assert [i.code for i in request.items.all()] == ["a", "g7"]
    notice = AgentNotification.objects.get(kind=NotificationKind.DOCUMENTS_REQUESTED)
    assert notice.agent == commercial.agent and notice.entry == case.entry


def test_cus_61_the_agent_uploads_against_each_item_another_agent_cannot(commercial):
    case = open_case(commercial)
    request = document_services.documents_request(
        actor=commercial.valuer, case=case, items=[("c", "Transfers for invoice 77")]
    )
    item = request.items.get()
    document = document_services.document_upload(
        actor=commercial.agent_user,
        agent=commercial.agent,
        item=item,
        upload=pdf(),
        answer="Two transfers, March and April.",
    )
    assert document.item == item and document.case == case
    with pytest.raises((ValidationError, Http404)):
        document_services.document_upload(
            actor=commercial.other_agent_user,
            agent=commercial.other_agent,
            item=item,
            upload=pdf(),
        )


def test_cus_61_a_file_that_is_not_a_document_is_refused(commercial):
    case = open_case(commercial)
    item = document_services.documents_request(
        actor=commercial.valuer, case=case, items=[("a", "")]
    ).items.get()
    fake = SimpleUploadedFile("list.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError):
        document_services.document_upload(
            actor=commercial.agent_user, agent=commercial.agent, item=item, upload=fake
        )


def test_cus_62_a_form_145_failing_a_check_is_asked_for_again_and_not_relied_on(commercial):
    case = open_case(commercial)
    item = document_services.documents_request(
        actor=commercial.valuer, case=case, items=[("f", "")]
    ).items.get()
    form = document_services.document_upload(
        actor=commercial.agent_user, agent=commercial.agent, item=item, upload=pdf("145.pdf")
    )
    check = document_services.form_145_check(
        actor=commercial.valuer,
        document=form,
        signer_is_importer=False,
        properly_filled=True,
        note="Signed by the forwarder.",
    )
    assert check.relied_on is False
    again = case.document_requests.order_by("-pk").first()
    assert again.pk != item.request_id and [i.code for i in again.items.all()] == ["f"]
    good = document_services.document_upload(
        actor=commercial.agent_user,
        agent=commercial.agent,
        item=again.items.get(),
        upload=pdf("145b.pdf"),
    )
    assert document_services.form_145_check(
        actor=commercial.valuer, document=good, signer_is_importer=True, properly_filled=True
    ).relied_on


# --- CUS-63, CUS-64, CUS-66: verification ------------------------------------------------------


def test_cus_63_an_open_problem_blocks_acceptance(commercial):
    case = open_case(commercial, incoterm="CIF")
    check_services.verification_record(
        actor=commercial.valuer,
        case=case,
        step="63a",
        result=CheckResult.PROBLEM,
        note="Only 60% of the price traced in the importer's books.",
    )
    with pytest.raises(ValidationError):
        decision_services.case_accept(actor=commercial.valuer, case=case)
    check_services.verification_record(
        actor=commercial.valuer,
        case=case,
        step="63a",
        result=CheckResult.CONFIRMED,
        note="The rest paid on 2 April.",
    )
    decision_services.case_accept(actor=commercial.valuer, case=case)


def test_cus_64_missing_terms_are_exw_and_require_the_carriage_costs(commercial):
    case = open_case(commercial)
    assert (case.incoterm, case.incoterm_assumed) == ("EXW", True)
    with pytest.raises(ValidationError):
        decision_services.case_accept(actor=commercial.valuer, case=case)
    line(
        commercial,
        case,
        LineKind.FREIGHT,
        "0.00",
        facts={"freight": FreightKind.CARRIAGE},
        description="Carriage included by the supplier at no charge",
    )
    decision_services.case_accept(actor=commercial.valuer, case=case)


def test_cus_66_not_insured_needs_the_forwarders_answer(commercial):
    case = open_case(commercial, incoterm="CFR", insured=False)
    with pytest.raises(ValidationError):
        decision_services.case_accept(actor=commercial.valuer, case=case)
    case_services.case_facts_record(
        actor=commercial.valuer, case=case, forwarder_answer="Zim: no cover was bought."
    )
    decision_services.case_accept(actor=commercial.valuer, case=case)


# --- The worksheet: CUS-65, CUS-67, CUS-68, CUS-72 to CUS-74, CUS-78 ----------------------------


def test_the_worksheet_line_by_line_in_currency_and_shekels(commercial):
    case = open_case(commercial)  # 1,000 hair dryers, 10,000.00 USD at 3.7000
    c = commercial
    line(c, case, LineKind.COMMISSION, "400.00", facts={"commission": CommissionKind.SELLING})
    line(
        c,
        case,
        LineKind.COMMISSION,
        "300.00",
        facts={
            "commission": CommissionKind.BUYING,
            "acts_for_importer": True,
            "amount_detailed": True,
            "charged_separately": True,
        },
    )
    line(
        c,
        case,
        LineKind.ROYALTY,
        "500.00",
        facts={"relates_to_goods": True, "condition_of_sale": True},
    )
    line(c, case, LineKind.FREIGHT, "800.00", facts={"freight": FreightKind.CARRIAGE})
    line(c, case, LineKind.FREIGHT, "50.00", facts={"freight": FreightKind.SURCHARGE})
    line(c, case, LineKind.FREIGHT, "120.00", facts={"freight": FreightKind.DEMURRAGE})
    line(
        c,
        case,
        LineKind.FREIGHT,
        "1000.00",
        in_shekels=True,
        facts={"freight": FreightKind.CARRIAGE},
    )
    line(c, case, LineKind.INSURANCE, "35.00")
    line(c, case, LineKind.KOSHER, "150.00")
    line(
        c,
        case,
        LineKind.DISCOUNT,
        "250.00",
        facts={
            "discount": DiscountKind.QUANTITY,
            "for_these_goods": True,
            "fixed_in_advance": True,
            "unconditional": True,
            "amount_known": True,
        },
    )
    line(
        c,
        case,
        LineKind.DISCOUNT,
        "100.00",
        facts={
            "discount": DiscountKind.ANNUAL_TARGET,
            "for_these_goods": True,
            "fixed_in_advance": True,
            "unconditional": True,
            "amount_known": True,
        },
    )
    sheet = selectors.worksheet(case)
    # Included, in USD: 10,000 + 400 + 500 + 800 + 50 + 35 + 150 - 250 = 11,685.00.
    # In NIS at 3.7: 37,000 + 1,480 + 1,850 + 2,960 + 185 + 1,000 (as charged) + 129.50
    # + 555 - 925 = 44,234.50. Left out: the buying commission (1,110.00), the demurrage
    # (444.00) and the annual-target discount (370.00).
    assert (sheet.total_currency, sheet.total_shekels) == (D("11685.00"), D("44234.50"))
    left_out = sorted(ln.shekels for ln in sheet.lines if not ln.included)
    assert left_out == [D("370.00"), D("444.00"), D("1110.00")]
    assert sum(ln.sign * ln.shekels for ln in sheet.lines if ln.included) == sheet.total_shekels


def test_cus_65_a_special_circumstance_is_left_out_only_naming_a_directors_notice(commercial):
    from customs_valuation.commercial.models import FreightNotice

    case = open_case(commercial)
    with pytest.raises(ValidationError):  # a notice that does not exist
        line(
            commercial,
            case,
            LineKind.FREIGHT,
            "300.00",
            facts={"freight": FreightKind.SPECIAL_CIRCUMSTANCE, "director_notice": 999},
        )
    kept = line(
        commercial,
        case,
        LineKind.FREIGHT,
        "300.00",
        facts={"freight": FreightKind.SPECIAL_CIRCUMSTANCE},
    )
    assert kept.included
    notice = FreightNotice.objects.create(
        number="2026/3",
        title="Red Sea war surcharges",
        issued_by=commercial.director,
        effective_from=date(2024, 1, 1),
    )
    left = line(
        commercial,
        case,
        LineKind.FREIGHT,
        "300.00",
        facts={"freight": FreightKind.SPECIAL_CIRCUMSTANCE, "director_notice": notice.pk},
    )
    assert not left.included


def test_cus_67_export_country_tax_refunded_is_left_out(commercial):
    case = open_case(commercial)
    assert line(commercial, case, LineKind.EXPORT_TAX, "90.00").included
    assert not line(
        commercial, case, LineKind.EXPORT_TAX, "90.00", facts={"refund_proven": True}
    ).included


def test_cus_74_interest_without_a_written_arrangement_is_included(commercial):
    case = open_case(commercial)
    added = line(
        commercial, case, LineKind.INTEREST, "210.00", facts={"separate": True, "in_writing": False}
    )
    assert added.included and added.shekels == D("777.00")  # 210 x 3.7
    left = line(
        commercial, case, LineKind.INTEREST, "210.00", facts={"separate": True, "in_writing": True}
    )
    assert not left.included


def test_cus_78_a_royalty_whose_amount_is_unknown_bars_the_transaction_value(commercial):
    case = open_case(commercial, incoterm="CIF")
    line(
        commercial,
        case,
        LineKind.ROYALTY,
        "0.00",
        facts={"relates_to_goods": True, "condition_of_sale": True, "amount_known": False},
    )
    with pytest.raises(ValidationError):
        decision_services.case_accept(actor=commercial.valuer, case=case)
    with pytest.raises(ValidationError):
        decision_services.case_set_transaction_value(
            actor=commercial.valuer, case=case, reasons="With the royalty."
        )


def test_cus_68_a_line_for_another_case_or_a_negative_amount_is_refused(commercial):
    case = open_case(commercial)
    with pytest.raises(ValidationError):
        line(commercial, case, LineKind.KOSHER, "-1.00")
    with pytest.raises(ValidationError):
        line(commercial, case, LineKind.PRICE, "1.00")  # the price comes from the items


# --- CUS-69: free goods --------------------------------------------------------------------------


def test_cus_69_a_shipment_all_free_is_never_recognised(commercial):
    case = open_case(commercial, incoterm="CIF", items=(("6403.99", "Shoes, free", 20, "0.00"),))
    case.items.update(free=True)
    with pytest.raises(ValidationError):
        decision_services.case_accept(actor=commercial.valuer, case=case)


def test_cus_69_free_goods_tested_as_a_discount_are_approved_at_the_price_paid(commercial):
    case = open_case(
        commercial,
        entry(commercial, usd="1000.00"),
        incoterm="CIF",
        items=(("6403.99", "Shoes", 100, "1000.00"),),
    )
    case_services.item_add(
        actor=commercial.valuer,
        case=case,
        tariff_item="6403.99",
        description="Shoes, free",
        quantity=10,
        value=D("0.00"),
        free=True,
    )
    # The usual freight from China (9,500.00 NIS) is over half of 3,700.00 NIS under CIF: (e)(3).
    assert case.triggers.get(code=Trigger.LOW_VALUE).bases == ["e3"]
    check_services.trigger_set(
        actor=commercial.valuer,
        case=case,
        code=Trigger.LOW_VALUE,
        marked=False,
        resolution="A part-container shipment; the freight invoice is 210.00 USD.",
    )
    sheet = selectors.worksheet(case)
    # 10 free pairs at 10.00 = 100.00 given, 100 / 1,100 = 9.09%.
    assert (sheet.free_goods.amount, sheet.free_goods.percent) == (D("100.00"), D("9.09"))
    with pytest.raises(ValidationError):  # not yet tested as a discount
        decision_services.case_accept(actor=commercial.valuer, case=case)
    case_services.case_facts_record(
        actor=commercial.valuer,
        case=case,
        free_goods_retroactive=False,
        free_goods_conditional=False,
        free_goods_reasonable=True,
    )
    accepted = decision_services.case_accept(actor=commercial.valuer, case=case)
    # The price actually paid: 1,000.00 USD = 3,700.00 NIS.
    assert accepted.final_value == D("3700.00")


def test_cus_69_free_goods_not_identical_to_the_paid_ones_are_flagged(commercial):
    case = open_case(commercial, items=(("6203.42", "Trousers", 200, "4000.00"),))
    case_services.item_add(
        actor=commercial.valuer,
        case=case,
        tariff_item="6403.99",
        description="Shoes, free",
        quantity=20,
        value=D("0"),
        free=True,
    )
    assert selectors.worksheet(case).free_goods.unmatched == ("6403.99",)


# --- CUS-70: credit notes -------------------------------------------------------------------------


def _credit_note(world, number="CN-1", amount="400.00"):
    supplier = declaration_helpers.supplier(world, name="Credit Supplier")
    declaration_helpers.declaration(world, supplier)
    note = credit_services.credit_note_request(
        actor=world.agent_user,
        agent=world.agent,
        importer=world.importer,
        supplier_number=supplier.pk,
        customs_house=world.haifa,
        number=number,
        kind="credit_note",
        amount=D(amount),
        currency="USD",
        description="Quantity rebate on this shipment, agreed in the order.",
    )
    return supplier, note


def test_cus_70_an_entry_citing_a_credit_note_not_approved_is_refused_at_filing(commercial):
    supplier, note = _credit_note(commercial)
    assert note.status == CreditNoteStatus.REQUESTED
    with pytest.raises(ValidationError):
        declaration_helpers.file_entry(commercial, supplier, credit_notes=["CN-1"])
    credit_services.credit_note_decide(
        actor=commercial.chief, credit_note=note, approve=True, reason="Order confirms it."
    )
    filing = declaration_helpers.file_entry(commercial, supplier, credit_notes=["CN-1"])
    assert filing.entry is not None


def test_cus_70_only_the_chief_valuer_approves_a_credit_note_with_a_reason(commercial):
    _supplier, note = _credit_note(commercial)
    with pytest.raises(ValidationError):
        credit_services.credit_note_decide(
            actor=commercial.valuer, credit_note=note, approve=True, reason="Fine."
        )
    with pytest.raises(ValidationError):
        credit_services.credit_note_decide(
            actor=commercial.chief, credit_note=note, approve=False, reason=""
        )
    refused = credit_services.credit_note_decide(
        actor=commercial.chief, credit_note=note, approve=False, reason="An annual rebate."
    )
    assert refused.status == CreditNoteStatus.REFUSED


def test_cus_70_a_credit_note_line_is_deducted_only_once_approved(commercial):
    supplier, note = _credit_note(commercial)
    credit_services.credit_note_decide(
        actor=commercial.chief, credit_note=note, approve=True, reason="Order confirms it."
    )
    case = open_case(commercial, entry(commercial, supplier=supplier))
    deducted = line(commercial, case, LineKind.CREDIT_NOTE, "400.00", credit_note=note)
    assert deducted.included and deducted.sign == -1 and deducted.shekels == D("1480.00")
    other = CreditNote.objects.create(
        importer=commercial.importer,
        supplier=supplier,
        agent=commercial.agent,
        customs_house=commercial.haifa,
        number="CN-2",
        kind="credit_note",
        amount=D("1"),
        currency="USD",
        requested_by=commercial.agent_user,
    )
    assert not line(commercial, case, LineKind.CREDIT_NOTE, "1.00", credit_note=other).included


# --- CUS-71: special relationships ----------------------------------------------------------------


def test_cus_71_the_examination_records_the_alternative_its_value_and_the_difference(commercial):
    case = open_case(commercial)
    exam = sheet_services.related_examination_record(
        actor=commercial.valuer,
        case=case,
        alternative="unrelated_buyers",
        test_value=D("10250.00"),
        close=True,
        reason="Sales of the same model to two unrelated Israeli buyers in March.",
    )
    # (10,000 - 10,250) / 10,250 x 100 = -2.4390...% -> -2.44%.
    assert exam.percent_difference == D("-2.44")


# --- CUS-75 to CUS-77: assists ----------------------------------------------------------------


def _mould(world, supplier, way=SpreadWay.PRODUCED):
    return assist_services.assist_record(
        actor=world.agent_user,
        agent=world.agent,
        importer=world.importer,
        supplier_number=supplier.pk,
        description="Injection mould for the dryer body",
        category="b",
        cost=D("50000.00"),
        way=way,
        first_shipment=1000,
        produced=4000,
        contract=10000,
    )


def test_cus_77_the_importers_way_spreads_the_mould_and_the_entries_use_it_up(commercial):
    supplier = declaration_helpers.supplier(commercial, name="Mould Supplier")
    mould = _mould(commercial, supplier)
    # (b): 50,000 / 4,000 produced = 12.50 a unit.
    assert mould.per_unit == D("12.50")
    first = open_case(commercial, entry(commercial, supplier=supplier))
    charged = assist_services.assist_charge(
        actor=commercial.valuer, case=first, assist=mould, units=1000
    )
    # 1,000 x 12.50 = 12,500.00 NIS; 37,500.00 remain.
    assert charged.shekels == D("12500.00") and charged.included
    mould.refresh_from_db()
    assert (mould.used_amount, mould.remaining) == (D("12500.00"), D("37500.00"))
    second = open_case(commercial, entry(commercial, supplier=supplier))
    last = assist_services.assist_charge(
        actor=commercial.valuer, case=second, assist=mould, units=3500
    )
    # 3,000 units would use it up (4,000 in all): the last takes exactly 37,500.00.
    assert last.shekels == D("37500.00")


def _check(world, case, assist, code, result=CheckResult.CONFIRMED, note="Seen the documents."):
    return assist_services.assist_check_record(
        actor=world.valuer, case=case, assist=assist, code=code, result=result, note=note
    )


def test_cus_76_the_transaction_value_waits_for_the_valuers_checks_of_a_charged_assist(commercial):
    supplier = declaration_helpers.supplier(commercial, name="Mould Supplier")
    mould = _mould(commercial, supplier, way=SpreadWay.FIRST_SHIPMENT)
    case = open_case(commercial, entry(commercial, supplier=supplier), incoterm="CIF")
    assist_services.assist_charge(actor=commercial.valuer, case=case, assist=mould, units=1000)
    problems = value_services.transaction_value_problems(case, selectors.worksheet(case))
    assert len(problems) == 1 and "CUS-76" in problems[0]
    with pytest.raises(ValidationError):
        decision_services.case_set_transaction_value(
            actor=commercial.valuer, case=case, reasons="The mould is an assist."
        )
    for code in AssistCheck.values[:-1]:
        _check(commercial, case, mould, code)
    # The third-party check is the one that may be not applicable.
    _check(commercial, case, mould, AssistCheck.THIRD_PARTY, CheckResult.NA, "")
    # A problem holds the decision until the check is recorded again.
    _check(commercial, case, mould, AssistCheck.FITS, CheckResult.PROBLEM, "Not this model.")
    assert value_services.transaction_value_problems(case, selectors.worksheet(case))
    check = _check(commercial, case, mould, AssistCheck.FITS, note="Drawing no. 4 matches.")
    assert (check.result, check.recorded_by) == (CheckResult.CONFIRMED, commercial.valuer)
    assert AssistCheckRecord.objects.filter(case=case).count() == 6  # one record per check
    notice = decision_services.case_set_transaction_value(
        actor=commercial.valuer, case=case, reasons="The mould is an assist."
    )
    # (a) over the first shipment: 50,000 / 1,000 = 50.00 a unit, the 1,000 units carry all
    # 50,000.00 NIS; 10,000.00 USD x 3.7 = 37,000.00; 37,000.00 + 50,000.00 = 87,000.00.
    assert notice.value == D("87000.00")
    # Every recording is in the trail: 5 confirmed + 1 not applicable + the problem + again = 8.
    assert AuditEvent.objects.filter(action="commercial.assist_check").count() == 8


def test_cus_76_the_checks_are_the_valuers_for_an_assist_charged_to_the_entry(commercial):
    supplier = declaration_helpers.supplier(commercial, name="Mould Supplier")
    mould = _mould(commercial, supplier)
    case = open_case(commercial, entry(commercial, supplier=supplier))
    with pytest.raises(ValidationError):  # not charged to this entry
        _check(commercial, case, mould, AssistCheck.SUPPLIED)
    assist_services.assist_charge(actor=commercial.valuer, case=case, assist=mould, units=10)
    for user in (commercial.agent_user, commercial.other_valuer, commercial.unit):
        with pytest.raises((ValidationError, Http404)):
            assist_services.assist_check_record(
                actor=user,
                case=case,
                assist=mould,
                code=AssistCheck.SUPPLIED,
                result=CheckResult.CONFIRMED,
            )
    with pytest.raises(ValidationError):  # only the third-party check may be not applicable
        _check(commercial, case, mould, AssistCheck.SUPPLIED, CheckResult.NA)
    assert not AssistCheckRecord.objects.exists()


def test_cus_77_the_choice_is_recorded_once_only_the_valuer_changes_it_with_a_reason(commercial):
    supplier = declaration_helpers.supplier(commercial, name="Mould Supplier")
    mould = _mould(commercial, supplier)
    with pytest.raises(ValidationError):
        assist_services.assist_change_way(
            actor=commercial.agent_user, assist=mould, way=SpreadWay.CONTRACT, reason="Better."
        )
    with pytest.raises(ValidationError):
        assist_services.assist_change_way(
            actor=commercial.valuer, assist=mould, way=SpreadWay.CONTRACT, reason=""
        )
    changed = assist_services.assist_change_way(
        actor=commercial.valuer,
        assist=mould,
        way=SpreadWay.CONTRACT,
        reason="The 10,000-unit contract was produced.",
    )
    assert changed.per_unit == D("5.00")  # 50,000 / 10,000


def test_cus_77_the_contract_way_without_a_contract_is_refused(commercial):
    supplier = declaration_helpers.supplier(commercial, name="Mould Supplier")
    with pytest.raises(ValidationError):
        assist_services.assist_record(
            actor=commercial.agent_user,
            agent=commercial.agent,
            importer=commercial.importer,
            supplier_number=supplier.pk,
            description="Mould",
            category="b",
            cost=D("50000"),
            way=SpreadWay.CONTRACT,
            first_shipment=1000,
            produced=4000,
            contract=None,
        )


# --- CUS-79: entry data per tariff item --------------------------------------------------------


def test_cus_79_the_entry_data_per_tariff_item(commercial):
    case = open_case(
        commercial,
        items=(
            ("8516.40", "Dryers", 600, "6000.00"),
            ("8516.31", "Hair irons", 300, "3000.00"),
            ("8516.32", "Brushes", 100, "1000.00"),
        ),
    )
    line(
        commercial,
        case,
        LineKind.DISCOUNT,
        "100.00",
        facts={
            "discount": DiscountKind.CASH,
            "for_these_goods": True,
            "fixed_in_advance": True,
            "unconditional": True,
            "amount_known": True,
        },
    )
    data = selectors.worksheet(case).entry_data
    # 100.00 divided by 6,000 / 3,000 / 1,000: 60.00 / 30.00 / 10.00.
    assert [(d.goods_value, d.conversion_value) for d in data] == [
        (D("6000.00"), D("5940.00")),
        (D("3000.00"), D("2970.00")),
        (D("1000.00"), D("990.00")),
    ]


# --- CUS-80, CUS-81: not convinced --------------------------------------------------------------


def _not_satisfied(world, case):
    return decision_services.case_not_satisfied(
        actor=world.valuer,
        case=case,
        reasons="The bank transfers cover 60% of the invoice.",
        provisional_value=D("52000.00"),
        taxes_declared=D("12400.00"),
        taxes_provisional=D("15150.50"),
    )


def test_cus_80_the_notice_names_the_provisional_value_and_the_taxes_and_holds_release(
    commercial,
):
    case = open_case(commercial)
    notice = _not_satisfied(commercial, case)
    assert notice.kind == NoticeKind.NOT_SATISFIED
    assert notice.security_amount == D("2750.50")  # 15,150.50 - 12,400.00
    case.refresh_from_db()
    assert case.status == CaseStatus.NOT_CONVINCED
    assert AgentNotification.objects.filter(
        kind=NotificationKind.VALUATION_NOTICE, entry=case.entry
    ).exists()
    with pytest.raises(ValidationError):
        entry_services.entry_release(actor=commercial.valuer, entry=case.entry)


def test_cus_80_b_protest_release_after_the_payment_is_recorded(commercial):
    case = open_case(commercial)
    _not_satisfied(commercial, case)
    case = decision_services.case_choose(
        actor=commercial.agent_user,
        agent=commercial.agent,
        case=case,
        option=ImporterOption.PROTEST,
    )
    assert case.status == CaseStatus.UNDER_CHECK
    with pytest.raises(ValidationError):
        entry_services.entry_release(actor=commercial.valuer, entry=case.entry)
    decision_services.case_security_record(
        actor=commercial.valuer,
        case=case,
        kind=SecurityKind.PROTEST_PAYMENT,
        amount=D("15150.50"),
        reference="Receipt 88123",
    )
    assert entry_services.entry_release(actor=commercial.valuer, entry=case.entry).released_at


def test_cus_80_a_payment_without_a_not_satisfied_notice_is_refused_not_a_crash(commercial):
    # A choice put on the case outside the services (the shell, imported data): no CUS-80
    # notice says what the taxes are, so there is nothing to measure the payment against.
    case = open_case(commercial)
    CommercialCase.objects.filter(pk=case.pk).update(
        importer_option=ImporterOption.PROTEST, status=CaseStatus.UNDER_CHECK
    )
    case.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        decision_services.case_security_record(
            actor=commercial.valuer,
            case=case,
            kind=SecurityKind.PROTEST_PAYMENT,
            amount=D("15150.50"),
            reference="Receipt 88123",
        )
    assert "CUS-80" in str(refused.value)
    assert not case.securities.exists()


def test_cus_80_a_supervision_keeps_the_goods_until_the_check_ends(commercial):
    case = open_case(commercial, incoterm="CIF")
    _not_satisfied(commercial, case)
    decision_services.case_choose(
        actor=commercial.agent_user,
        agent=commercial.agent,
        case=case,
        option=ImporterOption.SUPERVISION,
    )
    with pytest.raises(ValidationError):
        entry_services.entry_release(actor=commercial.valuer, entry=case.entry)
    case.refresh_from_db()
    decision_services.case_accept(actor=commercial.valuer, case=case)
    assert entry_services.entry_release(actor=commercial.valuer, entry=case.entry).released_at


def test_cus_81_c_moves_the_file_to_the_chief_valuer_with_a_guarantee(commercial):
    case = open_case(commercial)
    _not_satisfied(commercial, case)
    case = decision_services.case_choose(
        actor=commercial.agent_user,
        agent=commercial.agent,
        case=case,
        option=ImporterOption.SECURITY,
    )
    assert case.status == CaseStatus.CHIEF_VALUER
    with pytest.raises(ValidationError):  # a guarantee below the difference
        decision_services.case_security_record(
            actor=commercial.valuer,
            case=case,
            kind=SecurityKind.BANK_GUARANTEE,
            amount=D("2750.49"),
            reference="G-1",
            expires_on=date(2027, 1, 1),
        )
    with pytest.raises(ValidationError):  # a guarantee needs its expiry
        decision_services.case_security_record(
            actor=commercial.valuer,
            case=case,
            kind=SecurityKind.BANK_GUARANTEE,
            amount=D("2750.50"),
            reference="G-1",
        )
    decision_services.case_security_record(
        actor=commercial.valuer,
        case=case,
        kind=SecurityKind.BANK_GUARANTEE,
        amount=D("2750.50"),
        reference="G-1",
        expires_on=timezone.localdate() + timedelta(days=5),
    )
    assert entry_services.entry_release(actor=commercial.valuer, entry=case.entry).released_at
    # The valuer no longer decides; the chief valuer does, and the queue warns of the guarantee.
    with pytest.raises(ValidationError):
        decision_services.case_accept(actor=commercial.valuer, case=case)
    assert case in [row.case for row in selectors.guarantees_expiring(commercial.chief)]
    decision_services.case_return_to_valuer(
        actor=commercial.chief, case=case, reason="Check the supplier's price list first."
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.UNDER_CHECK


def test_cus_80_only_the_cases_agent_records_the_choice_once(commercial):
    case = open_case(commercial)
    with pytest.raises(ValidationError):  # no notice yet
        decision_services.case_choose(
            actor=commercial.agent_user,
            agent=commercial.agent,
            case=case,
            option=ImporterOption.PROTEST,
        )
    _not_satisfied(commercial, case)
    with pytest.raises((ValidationError, Http404)):
        decision_services.case_choose(
            actor=commercial.other_agent_user,
            agent=commercial.other_agent,
            case=case,
            option=ImporterOption.PROTEST,
        )


# --- CUS-83: the notices of the value set ------------------------------------------------------


def test_cus_83_a_different_transaction_value_before_release_a_correction_notice(commercial):
    case = open_case(commercial, incoterm="CIF")
    line(
        commercial,
        case,
        LineKind.ROYALTY,
        "500.00",
        facts={"relates_to_goods": True, "condition_of_sale": True},
    )
    with pytest.raises(ValidationError):  # the total differs from the declared value
        decision_services.case_accept(actor=commercial.valuer, case=case)
    notice = decision_services.case_set_transaction_value(
        actor=commercial.valuer, case=case, reasons="The licence fee is a condition of sale."
    )
    # 10,500.00 USD x 3.7 = 38,850.00 NIS.
    assert (notice.kind, notice.method, notice.value) == (
        NoticeKind.ENTRY_CORRECTION,
        Method.TRANSACTION,
        D("38850.00"),
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.VALUE_SET and case.final_value == D("38850.00")


def test_cus_83_after_release_a_deficit_notice(commercial):
    case = open_case(commercial, incoterm="CIF")
    entry_services.entry_release(actor=commercial.valuer, entry=case.entry)
    line(commercial, case, LineKind.KOSHER, "150.00")
    notice = decision_services.case_set_transaction_value(
        actor=commercial.valuer, case=case, reasons="Kashrut supervision billed apart."
    )
    assert notice.kind == NoticeKind.DEFICIT


def test_cus_83_the_same_value_is_accepted_not_noticed(commercial):
    case = open_case(commercial, incoterm="CIF")
    with pytest.raises(ValidationError):
        decision_services.case_set_transaction_value(
            actor=commercial.valuer, case=case, reasons="Same."
        )


# --- CUS-30, CUS-84 to CUS-88: the alternative methods -------------------------------------------


def _disqualified(world, **kwargs):
    case = open_case(world, **kwargs)
    check_services.ground_record(
        actor=world.valuer,
        case=case,
        code=Ground.RELATIONSHIP,
        reason="Supplier owned by the importer's parent.",
    )
    return decision_services.case_disqualify(actor=world.valuer, case=case)


def test_cus_30_a_method_out_of_order_is_refused(commercial):
    case = _disqualified(commercial)
    with pytest.raises(ValidationError):
        method_services.method_apply(
            actor=commercial.valuer,
            case=case,
            method=Method.FALLBACK,
            reasons="Quicker.",
            basis=FallbackBasis.OTHER_REASONABLE,
            description="Average of quotes.",
            value=D("40000.00"),
        )
    with pytest.raises(ValidationError):
        method_services.method_refuse(
            actor=commercial.valuer, case=case, method=Method.SIMILAR, reason="None."
        )


def test_cus_30_methods_only_after_disqualification(commercial):
    case = open_case(commercial)
    with pytest.raises(ValidationError):
        method_services.method_refuse(
            actor=commercial.valuer, case=case, method=Method.IDENTICAL, reason="None."
        )


def test_cus_84_identical_goods_two_candidates_the_lowest_is_taken(commercial):
    today = timezone.localdate()
    history("8516.40", ["41.00"], day=today - timedelta(days=30), maker="Other")
    history("8516.40", ["39.50"], day=today - timedelta(days=60), maker="Other")
    history("8516.40", ["10.00"], day=today - timedelta(days=91), maker="Other")  # outside
    history("8516.40", ["11.00"], country="VN")  # another country
    case = _disqualified(commercial)
    candidates = method_services.candidates_search(
        actor=commercial.valuer, case=case, method=Method.IDENTICAL
    )
    assert sorted(c.unit_value for c in candidates) == [D("39.50"), D("41.00")]
    notice = method_services.method_apply(
        actor=commercial.valuer,
        case=case,
        method=Method.IDENTICAL,
        reasons="Two entries of the same model from China in the last 60 days.",
    )
    # The lowest, 39.50 NIS a unit x 1,000 units = 39,500.00 NIS.
    assert (notice.method, notice.value) == (Method.IDENTICAL, D("39500.00"))
    verdicts = {c.unit_value: c.verdict for c in case.candidates.all()}
    assert verdicts == {D("39.50"): CandidateVerdict.CHOSEN, D("41.00"): CandidateVerdict.HIGHER}


def test_cus_84_the_same_manufacturer_is_preferred(commercial):
    history("8516.40", ["30.00"], maker="Other Co")
    history("8516.40", ["45.00"], maker="Acme Appliances")
    case = _disqualified(commercial, manufacturer="ACME appliances")
    method_services.candidates_search(actor=commercial.valuer, case=case, method=Method.IDENTICAL)
    notice = method_services.method_apply(
        actor=commercial.valuer, case=case, method=Method.IDENTICAL, reasons="Same maker."
    )
    assert notice.value == D("45000.00")  # 45.00 x 1,000


def test_cus_84_the_same_manufacturer_spelled_otherwise_is_found_beyond_the_cap(commercial):
    """The policy keeps the 20 lowest values of the item (fixtures: candidates_per_item 20) and
    the 20 lowest of the same maker; the maker's one value, 45.00, is the 21st lowest and
    written "A.C.M.E. appliances, " on the entry: still the same maker, and chosen."""
    history("8516.40", [f"{10 + n}.00" for n in range(20)], maker="Other Co")  # 10.00 .. 29.00
    history("8516.40", ["45.00"], maker="A.C.M.E. appliances, ")
    case = _disqualified(commercial, manufacturer="ACME Appliances")
    found = method_services.candidates_search(
        actor=commercial.valuer, case=case, method=Method.IDENTICAL
    )
    assert len(found) == 21 and D("45.00") in {c.unit_value for c in found}
    notice = method_services.method_apply(
        actor=commercial.valuer, case=case, method=Method.IDENTICAL, reasons="Same maker."
    )
    assert notice.value == D("45000.00")  # 45.00 x 1,000 units


def test_cus_84_the_valuer_drops_a_candidate_with_a_reason_and_adjusts_another(commercial):
    history("8516.40", ["20.00"])
    history("8516.40", ["50.00"])
    case = _disqualified(commercial)
    low, high = sorted(
        method_services.candidates_search(
            actor=commercial.valuer, case=case, method=Method.IDENTICAL
        ),
        key=lambda c: c.unit_value,
    )
    with pytest.raises(ValidationError):
        method_services.candidate_assess(
            actor=commercial.valuer, candidate=low, identical=False, note=""
        )
    method_services.candidate_assess(
        actor=commercial.valuer,
        candidate=low,
        identical=False,
        note="A travel model, not the salon one.",
    )
    method_services.candidate_assess(
        actor=commercial.valuer,
        candidate=high,
        identical=True,
        adjusted_unit_value=D("48.25"),
        note="Retail level: 3.5% trade margin taken off (50.00 - 1.75).",
    )
    notice = method_services.method_apply(
        actor=commercial.valuer, case=case, method=Method.IDENTICAL, reasons="Adjusted."
    )
    assert notice.value == D("48250.00")  # 48.25 x 1,000


def test_cus_84_no_candidate_means_the_method_is_refused_with_a_reason(commercial):
    case = _disqualified(commercial)
    method_services.candidates_search(actor=commercial.valuer, case=case, method=Method.IDENTICAL)
    with pytest.raises(ValidationError):
        method_services.method_apply(
            actor=commercial.valuer, case=case, method=Method.IDENTICAL, reasons="?"
        )
    method_services.method_refuse(
        actor=commercial.valuer,
        case=case,
        method=Method.IDENTICAL,
        reason="No accepted values of 8516.40 from CN in 90 days.",
    )
    assert selectors.next_method(case) == Method.SIMILAR


def _refuse_until(world, case, method):
    for earlier in rules.METHOD_ORDER[: rules.METHOD_ORDER.index(method)]:
        method_services.method_refuse(
            actor=world.valuer, case=case, method=earlier, reason=f"{earlier}: nothing that fits."
        )


def test_cus_85_similar_goods_after_identical_goods_are_refused(commercial):
    history("8516.40", ["33.00"], maker="Other")
    case = _disqualified(commercial)
    _refuse_until(commercial, case, Method.SIMILAR)
    method_services.candidates_search(actor=commercial.valuer, case=case, method=Method.SIMILAR)
    notice = method_services.method_apply(
        actor=commercial.valuer, case=case, method=Method.SIMILAR, reasons="A similar dryer."
    )
    assert (notice.method, notice.value) == (Method.SIMILAR, D("33000.00"))


def test_cus_86_the_deductive_value(commercial):
    case = _disqualified(commercial)
    _refuse_until(commercial, case, Method.DEDUCTIVE)
    notice = method_services.method_apply(
        actor=commercial.valuer,
        case=case,
        method=Method.DEDUCTIVE,
        reasons="Sold in Israel within 90 days.",
        price=D("60000.00"),
        price_date=timezone.localdate(),
        quantity=1000,
        deductions=[
            (D("9000.00"), "Profit and general expenses, 15%"),
            (D("1500.00"), "Inland carriage and storage"),
        ],
    )
    assert notice.value == D("49500.00")  # 60,000 - 9,000 - 1,500


def test_cus_87_the_computed_value_needs_a_production_cost_document(commercial):
    case = _disqualified(commercial)
    _refuse_until(commercial, case, Method.COMPUTED)
    with pytest.raises(ValidationError):
        method_services.method_apply(
            actor=commercial.valuer,
            case=case,
            method=Method.COMPUTED,
            reasons="Costs.",
            value=D("45000.00"),
            documents=[],
        )
    item = document_services.documents_request(
        actor=commercial.valuer, case=case, items=[("h", "Production costs and profit")]
    ).items.get()
    doc = document_services.document_upload(
        actor=commercial.agent_user, agent=commercial.agent, item=item, upload=pdf("costs.pdf")
    )
    notice = method_services.method_apply(
        actor=commercial.valuer,
        case=case,
        method=Method.COMPUTED,
        reasons="Costs + profit.",
        value=D("45000.00"),
        documents=[doc.pk],
    )
    assert notice.method == Method.COMPUTED


@pytest.mark.parametrize("basis", sorted(b.value for b in rules.FORBIDDEN_BASES))
def test_cus_88_a_forbidden_fallback_basis_is_refused(commercial, basis):
    case = _disqualified(commercial)
    _refuse_until(commercial, case, Method.FALLBACK)
    with pytest.raises(ValidationError):
        method_services.method_apply(
            actor=commercial.valuer,
            case=case,
            method=Method.FALLBACK,
            reasons="Because.",
            basis=basis,
            description="Taken from it.",
            value=D("40000.00"),
        )


def test_cus_88_the_fallback_applied_flexibly(commercial):
    case = _disqualified(commercial)
    _refuse_until(commercial, case, Method.FALLBACK)
    notice = method_services.method_apply(
        actor=commercial.valuer,
        case=case,
        method=Method.FALLBACK,
        reasons="Identical goods from Vietnam, whose economy is like China's for this sector.",
        basis=FallbackBasis.FLEXIBLE_IDENTICAL,
        description="Entry H9 from VN, 40.00 a unit.",
        value=D("40000.00"),
    )
    assert notice.method == Method.FALLBACK
    case.refresh_from_db()
    assert case.status == CaseStatus.VALUE_SET


def test_value_history_records_the_value_set_and_shows_the_distribution(commercial):
    history("8516.40", ["20.00", "40.00", "60.00", "80.00"])
    case = open_case(commercial, incoterm="CIF")
    shown = selectors.value_history(case)
    # 20, 40, 60, 80: median (40 + 60) / 2 = 50.00.
    assert shown["8516.40"] == rules.Distribution(D("20.00"), D("50.00"), D("80.00"), 4)
    decision_services.case_accept(actor=commercial.valuer, case=case)
    added = AcceptedValue.objects.get(entry_number=case.entry.number)
    # 37,000.00 NIS / 1,000 units = 37.00.
    assert (added.tariff_item, added.unit_value, added.country_id) == ("8516.40", D("37.00"), "CN")


def test_value_history_the_same_figures_without_postgresql_aggregates(commercial):
    """SQLite, the development default, reads the values and applies the pure rule; on the same
    rows it gives what PostgreSQL's aggregate gives: 8516.40 has 15, 35, 35, 90, 100 (median
    35.00), 8516.60 has 10 and 13 (median (10 + 13) / 2 = 11.50)."""
    from customs_valuation.commercial.selectors.history import _distributions_in_python

    history("8516.40", ["100.00", "35.00", "15.00", "90.00", "35.00"])
    history("8516.60", ["13.00", "10.00"])
    expected = {
        "8516.40": rules.Distribution(D("15.00"), D("35.00"), D("100.00"), 5),
        "8516.60": rules.Distribution(D("10.00"), D("11.50"), D("13.00"), 2),
    }
    assert _distributions_in_python(AcceptedValue.objects.all()) == expected
    day = timezone.localdate()
    assert selectors.distributions(["8516.40", "8516.60"], "CN", day, 12) == expected


# --- Special cases: CUS-91 to CUS-94 ------------------------------------------------------------


def test_cus_91_the_vat_base_without_the_section_26b_payment(commercial):
    case = open_case(
        commercial,
        incoterm="CIF",
        vat_26b_reference="Bank Leumi 2026-118",
        vat_26b_amount=D("30000.00"),
    )
    sheet = selectors.worksheet(case)
    # The value stays whole, 37,000.00; the VAT base 37,000 - 30,000 = 7,000.00.
    assert (sheet.total_shekels, sheet.vat_base) == (D("37000.00"), D("7000.00"))


def test_cus_92_no_case_for_a_used_vehicle(commercial):
    the_entry = entry(commercial)
    for destination in ("israel", "autonomy"):
        with pytest.raises(ValidationError):
            case_services.case_open(
                actor=commercial.valuer,
                entry=the_entry,
                exchange_rate=D("3.7"),
                country_of_export="DE",
                used_vehicle=True,
                destination=destination,
            )
    assert not CommercialCase.objects.exists()


def test_cus_93_damaged_goods_the_agent_asks_the_committee_decides(commercial):
    from customs_valuation.commercial.services import special as special_services

    case = open_case(commercial)
    request = special_services.damage_request(
        actor=commercial.agent_user,
        agent=commercial.agent,
        case=case,
        description="Cartons soaked in the hold; 40% unusable.",
    )
    decided = special_services.damage_decide(
        actor=commercial.valuer,
        request=request,
        members=["Valuer A", "Valuer B", "Valuer C"],
        examined_on=timezone.localdate(),
        reasons="40% of the units are unusable.",
        amount=D("22200.00"),
        appraiser_opinion=False,
    )
    assert decided.amount == D("22200.00") and decided.decided_by == commercial.valuer


def test_cus_94_a_consultation_does_not_stop_the_case(commercial):
    from customs_valuation.commercial.services import special as special_services

    case = open_case(commercial, incoterm="CIF")
    asked = special_services.consultation_ask(
        actor=commercial.valuer, case=case, question="Is the tooling fee an assist?"
    )
    with pytest.raises(ValidationError):
        special_services.consultation_answer(
            actor=commercial.valuer, consultation=asked, answer="Yes."
        )
    special_services.consultation_answer(
        actor=commercial.unit, consultation=asked, answer="Yes, under section 133(a)(2)."
    )
    assert decision_services.case_accept(actor=commercial.valuer, case=case).status == (
        CaseStatus.ACCEPTED
    )


def test_cus_95_every_decision_is_audited_with_who_and_why(commercial):
    case = open_case(commercial, incoterm="CIF")
    decision_services.case_accept(actor=commercial.valuer, case=case, reason="All checked.")
    event = AuditEvent.objects.filter(target_id=str(case.pk), action="commercial.accepted").get()
    assert event.actor == commercial.valuer and event.reason == "All checked."


def test_cus_80_each_notice_is_kept_on_the_case(commercial):
    case = open_case(commercial)
    _not_satisfied(commercial, case)
    assert CommercialNotice.objects.filter(case=case).count() == 1


def test_cus_75_an_assist_recorded_by_the_agent_is_added_to_the_value(commercial):
    supplier = declaration_helpers.supplier(commercial, name="Label Supplier")
    with pytest.raises(ValidationError):  # only the four categories (a) to (d)
        assist_services.assist_record(
            actor=commercial.agent_user,
            agent=commercial.agent,
            importer=commercial.importer,
            supplier_number=supplier.pk,
            description="Labels",
            category="e",
            cost=D("900"),
            way=SpreadWay.FIRST_SHIPMENT,
            first_shipment=1000,
            produced=1000,
        )
    with pytest.raises(ValidationError):  # another agent's importer
        assist_services.assist_record(
            actor=commercial.other_agent_user,
            agent=commercial.other_agent,
            importer=commercial.importer,
            supplier_number=supplier.pk,
            description="Labels",
            category="a",
            cost=D("900"),
            way=SpreadWay.FIRST_SHIPMENT,
            first_shipment=1000,
            produced=1000,
        )
    labels = assist_services.assist_record(
        actor=commercial.agent_user,
        agent=commercial.agent,
        importer=commercial.importer,
        supplier_number=supplier.pk,
        description="Printed labels and instruction sheets",
        category="a",
        cost=D("900.00"),
        way=SpreadWay.FIRST_SHIPMENT,
        first_shipment=1000,
        produced=1000,
    )
    case = open_case(commercial, entry(commercial, supplier=supplier))
    line = assist_services.assist_charge(
        actor=commercial.valuer, case=case, assist=labels, units=1000
    )
    # (a) over the first shipment: 900 / 1,000 = 0.90 a unit; 1,000 units carry all 900.00.
    assert (line.included, line.sign, line.shekels) == (True, 1, D("900.00"))
    # 37,000.00 + 900.00 = 37,900.00 NIS.
    assert selectors.worksheet(case).total_shekels == D("37900.00")
    other = open_case(commercial)  # another supplier's entry
    with pytest.raises(ValidationError):
        assist_services.assist_charge(actor=commercial.valuer, case=other, assist=labels, units=1)


def test_cus_82_a_price_not_proved_goes_to_the_alternative_methods_not_the_declared_value(
    commercial,
):
    case = open_case(commercial, incoterm="CIF")
    _not_satisfied(commercial, case)
    case = decision_services.case_choose(
        actor=commercial.agent_user,
        agent=commercial.agent,
        case=case,
        option=ImporterOption.SUPERVISION,
    )
    check_services.ground_record(
        actor=commercial.valuer,
        case=case,
        code=Ground.DOUBT,
        reason="The transfers cover 60% of the invoice.",
        asked="Prove the full payment.",
        answered="The rest was paid in cash; no receipt.",
    )
    case = decision_services.case_disqualify(actor=commercial.valuer, case=case)
    assert case.status == CaseStatus.METHODS
    with pytest.raises(ValidationError):
        decision_services.case_accept(actor=commercial.valuer, case=case)
    with pytest.raises(ValidationError):
        decision_services.case_set_transaction_value(
            actor=commercial.valuer, case=case, reasons="The declared price."
        )
    assert selectors.next_method(case) == Method.IDENTICAL


def test_cus_65_a_directors_notice_not_in_force_on_the_entrys_date_is_refused(commercial):
    from customs_valuation.commercial.models import FreightNotice

    case = open_case(commercial)
    later = FreightNotice.objects.create(
        number="2099/1",
        title="Not yet",
        issued_by=commercial.director,
        effective_from=timezone.localdate() + timedelta(days=1),
    )
    with pytest.raises(ValidationError):
        line(
            commercial,
            case,
            LineKind.FREIGHT,
            "300.00",
            facts={"freight": FreightKind.SPECIAL_CIRCUMSTANCE, "director_notice": later.pk},
        )
    assert not case.lines.exists()
