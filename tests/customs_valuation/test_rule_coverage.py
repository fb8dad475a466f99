"""Rules that had no test of their own by name: the definitions (CUS-1, CUS-4), the documents
(CUS-5, CUS-19), collector vehicles (CUS-18), the guarantee after a partial appeal (CUS-17),
and the case history and notices as people read them."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from customs_valuation import rules, selectors, services
from customs_valuation.models import (
    AppealOutcome,
    AuditAction,
    DecisionKind,
    DocumentKind,
    OptionalExtra,
    ReleaseForm,
    ReleaseStatus,
    audit_action_label,
)
from taxportal.roles import Role

from .factories import all_documents, goods_case, vehicle_case

pytestmark = pytest.mark.django_db
ISRAEL = ZoneInfo("Asia/Jerusalem")


def today():
    return timezone.localdate()


def test_cus_1_price_list_value_is_the_price_plus_extras_less_depreciation(people):
    case = vehicle_case(officer=people.officer, importer=people.importer, road_months=24)
    extra = OptionalExtra.objects.get(code="sunroof")
    services.extra_add(actor=people.officer, case=case, extra=extra, source="manufacturer")
    sheet = selectors.case_worksheet(case)
    lines = {line.key: line.amount for line in sheet.lines}
    new_price = case.price_list_entry.new_price
    assert lines["price_with_extras"] == new_price + extra.value
    expected = rules.round_agorot(
        (new_price + extra.value) * (100 - sheet.vehicle.depreciation_percent) / 100
    )
    assert lines["price_list_value"] == expected == sheet.vehicle.price_list_value
    assert sheet.vehicle.depreciation_percent > 0


@time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=ISRAEL), tick=False)
def test_cus_4_taxes_follow_the_vehicle_value_the_authority_sets_not_the_declared_one(people):
    case = vehicle_case(
        officer=people.officer, importer=people.importer, invoice="10000",
        export_taxes=Decimal("500"),
    )  # fmt: skip
    # Declared: the invoice without its taxes 10,000 + the export taxes 500 = 10,500.00 (CUS-6).
    assert selectors.declared_value(case) == Decimal("10500.00")
    services.case_notice_of_intent(actor=people.officer, case=case, reasons="Too cheap.")
    services.case_answer_notice(actor=people.importer, case=case, text="My answer.")
    decision = services.case_supervisor_decide(
        actor=people.supervisor, case=case, convinced=False, reasons="Not convinced.",
        value=Decimal("40000"),
    )  # fmt: skip
    case.refresh_from_db()
    assert case.determined_value == Decimal("40000.00")
    # Rates from 1 January 2025 (private: duty 7%, purchase tax 83%, VAT 18%), on the CIF
    # basis (value + freight-table 9,500.00 + insurance 0): base 49,500.00; duty 3,465.00;
    # purchase tax 83% x 52,965.00 = 43,960.95; VAT 18% x 96,925.95 = 17,446.671 -> 17,446.67;
    # total 64,872.62.
    assert decision.taxes == Decimal("64872.62")
    # On the declared value: base 20,000.00; duty 1,400.00; purchase tax 83% x 21,400.00 =
    # 17,762.00; VAT 18% x 39,162.00 = 7,049.16; total 26,211.16.
    assert selectors.case_taxes(case, Decimal("10500")).total == Decimal("26211.16")


def test_cus_5_the_case_shows_which_vehicle_documents_are_present_and_missing(people):
    case = vehicle_case(officer=people.officer, importer=people.importer)
    for kind in (DocumentKind.INVOICE, DocumentKind.FORM_21):
        services.document_add(actor=people.officer, case=case, kind=kind, note="paper")
    checklist = {kind: present for kind, _label, present in selectors.documents_checklist(case)}
    assert set(checklist) == {
        DocumentKind.INVOICE, DocumentKind.IDENTITY, DocumentKind.FREIGHT_BILL,
        DocumentKind.DELIVERY_ORDER, DocumentKind.VEHICLE_LICENCE, DocumentKind.IMPORT_LICENCE,
        DocumentKind.FORM_21, DocumentKind.FORM_139,
    }  # fmt: skip
    assert [kind for kind, present in checklist.items() if present] == [
        DocumentKind.INVOICE,
        DocumentKind.FORM_21,
    ]


def test_cus_5_without_an_invoice_none_is_asked_for(people):
    case = vehicle_case(officer=people.officer, importer=people.importer, has_invoice=False)
    kinds = [kind for kind, _label, _present in selectors.documents_checklist(case)]
    assert DocumentKind.INVOICE not in kinds and DocumentKind.FORM_21 in kinds


def test_cus_18_collector_vehicle_is_compared_with_foreign_collector_price_lists(people):
    case = vehicle_case(
        officer=people.officer, importer=people.importer, invoice="90000",
        collector_vehicle=True, foreign_price_list_value=Decimal("100000"),
    )  # fmt: skip
    sheet = selectors.case_worksheet(case)
    assert sheet.reasonable is True and not sheet.problems
    assert sheet.proposed_value == Decimal("90000")
    assert "foreign_price_list" in {line.key for line in sheet.lines}


def test_cus_18_unreasonable_collector_invoice_goes_to_the_appraiser(people):
    case = vehicle_case(
        officer=people.officer, importer=people.importer, invoice="20000",
        collector_vehicle=True, foreign_price_list_value=Decimal("100000"),
    )  # fmt: skip
    assert selectors.case_worksheet(case).reasonable is False
    with pytest.raises(ValidationError):  # no value is decided before the appraiser's
        services.case_notice_of_intent(actor=people.officer, case=case, reasons="Cheap.")
    services.case_send_to_appraiser(actor=people.officer, case=case, reasons="Collector car.")
    services.case_record_appraisal(
        actor=people.officer, case=case, value=Decimal("85000"), reasons="Appraised."
    )
    notice = services.case_notice_of_intent(actor=people.officer, case=case, reasons="Cheap.")
    assert notice.value == Decimal("85000")


def test_cus_18_collector_vehicle_needs_the_foreign_price_list_value(people):
    case = vehicle_case(officer=people.officer, importer=people.importer, collector_vehicle=True)
    with pytest.raises(ValidationError):
        services.case_accept_declared_value(actor=people.officer, case=case, reasons="Fine.")


def test_cus_19_goods_documents_include_other_expenses_and_refund_proof_when_claimed(people):
    case = goods_case(officer=people.officer, importer=people.importer)
    kinds = [kind for kind, _label, _present in selectors.documents_checklist(case)]
    assert kinds == [DocumentKind.INVOICE, DocumentKind.FREIGHT_BILL, DocumentKind.INSURANCE_BILL]
    case = goods_case(
        officer=people.officer, importer=people.importer, other_costs=Decimal("50"),
        export_taxes=Decimal("200"), export_taxes_refunded=True,
    )  # fmt: skip
    kinds = [kind for kind, _label, _present in selectors.documents_checklist(case)]
    assert DocumentKind.OTHER_EXPENSES in kinds and DocumentKind.REFUND_PROOF in kinds


def test_cus_19_a_tax_refund_counts_only_once_proven(people):
    case = goods_case(
        officer=people.officer, importer=people.importer, export_taxes=Decimal("200"),
        export_taxes_refunded=True,
    )  # fmt: skip
    with pytest.raises(ValidationError):
        services.case_accept_declared_value(actor=people.officer, case=case, reasons="Fine.")
    services.document_add(
        actor=people.officer, case=case, kind=DocumentKind.REFUND_PROOF, note="VAT refund form"
    )
    decision = services.case_accept_declared_value(actor=people.officer, case=case, reasons="OK")
    assert decision.kind == DecisionKind.INVOICE_ACCEPTED


# --- CUS-17: the guarantee after a partial appeal ---------------------------------------------


def _appealed_with_guarantee(people, form=ReleaseForm.BANK_GUARANTEE):
    case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
    services.case_notice_of_intent(actor=people.officer, case=case, reasons="Cheap.")
    release = services.release_record(
        actor=people.officer, case=case, form=form, reference="G-1", lodged_on=today()
    )
    services.case_answer_notice(actor=people.importer, case=case, text="My answer.")
    services.case_supervisor_decide(
        actor=people.supervisor, case=case, convinced=False, reasons="No."
    )
    appeal = services.appeal_file(actor=people.importer, case=case, grounds="Too high.")
    services.appeal_forward(actor=people.supervisor, appeal=appeal, opinion="Partly right.")
    case.refresh_from_db()
    return case, appeal, release


def _decide_appeal(people, appeal, outcome, value=None):
    return services.appeal_decide(
        actor=people.committee[0], appeal=appeal, outcome=outcome, value=value,
        reasons="Mileage documented.", members=people.committee,
        legal_adviser=people.committee[2],
    )  # fmt: skip


@pytest.mark.parametrize("form", [ReleaseForm.BANK_GUARANTEE, ReleaseForm.DEPOSIT])
def test_cus_17_partly_allowed_appeal_forfeits_only_the_difference_it_keeps(people, form):
    case, appeal, release = _appealed_with_guarantee(people, form)
    declared_taxes = selectors.case_taxes(case, selectors.declared_value(case)).total
    new_value = (selectors.declared_value(case) + case.determined_value) / 2
    _decide_appeal(people, appeal, AppealOutcome.VALUE_CHANGED, value=new_value)
    release.refresh_from_db()
    kept = selectors.case_taxes(case, new_value).total - declared_taxes
    assert 0 < kept < release.amount
    assert release.status == ReleaseStatus.PARTLY_FORFEITED
    assert release.forfeited_amount == kept
    assert release.released_amount == release.amount - kept
    settled = case.decisions.get(kind=DecisionKind.GUARANTEE_SETTLED)
    assert settled.is_notice and "Mileage documented." in settled.reasons
    assert f"{kept:,.2f}" in settled.reasons and f"{release.amount - kept:,.2f}" in settled.reasons


@time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=ISRAEL), tick=False)
def test_cus_17_payment_under_protest_keeps_the_taxes_on_the_value_the_appeal_sets(people):
    _case, appeal, release = _appealed_with_guarantee(people, ReleaseForm.PAID_UNDER_PROTEST)
    # All taxes paid under protest on the value considered in the notice, 34,398.49 (the
    # factory's worksheet, see test_services): base 43,898.49; duty 7% = 3,072.8943 ->
    # 3,072.89; purchase tax 83% x 46,971.38 = 38,986.2454 -> 38,986.25; VAT 18% x 85,957.63
    # = 15,472.3734 -> 15,472.37; paid 57,531.51.
    # The appeal sets 34,398.49 - 5,000.00 = 29,398.49: base 38,898.49; duty 2,722.8943 ->
    # 2,722.89; purchase tax 83% x 41,621.38 = 34,545.7454 -> 34,545.75; VAT 18% x 76,167.13 =
    # 13,710.0834 -> 13,710.08; kept 50,978.72; refunded 57,531.51 - 50,978.72 = 6,552.79.
    new_value = Decimal("29398.49")
    _decide_appeal(people, appeal, AppealOutcome.VALUE_CHANGED, value=new_value)
    release.refresh_from_db()
    assert release.amount == Decimal("57531.51")
    assert release.forfeited_amount == Decimal("50978.72")
    assert release.released_amount == Decimal("6552.79")
    assert release.status == ReleaseStatus.PARTLY_FORFEITED


def test_cus_17_dismissed_appeal_forfeits_the_whole_guarantee(people):
    case, appeal, release = _appealed_with_guarantee(people)
    _decide_appeal(people, appeal, AppealOutcome.DISMISSED)
    release.refresh_from_db()
    assert release.status == ReleaseStatus.FORFEITED
    assert release.forfeited_amount == release.amount and release.released_amount == 0


def test_cus_17_appeal_value_at_or_below_the_declared_value_releases_it_all(people):
    case, appeal, release = _appealed_with_guarantee(people)
    _decide_appeal(
        people, appeal, AppealOutcome.VALUE_CHANGED, value=selectors.declared_value(case)
    )
    release.refresh_from_db()
    assert release.status == ReleaseStatus.RETURNED and release.forfeited_amount == 0


def test_cus_17_release_settlement_status_rule():
    assert rules.release_settlement_status(amount=Decimal(100), kept=Decimal(0)) == "returned"
    assert rules.release_settlement_status(amount=Decimal(100), kept=Decimal(40)) == (
        ReleaseStatus.PARTLY_FORFEITED
    )
    assert rules.release_settlement_status(amount=Decimal(100), kept=Decimal(100)) == "forfeited"


# --- What people read: the case history and the notice ----------------------------------------


def test_cus_case_history_names_actions_in_hebrew(people, client):
    case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
    services.case_notice_of_intent(actor=people.officer, case=case, reasons="Cheap.")
    with translation.override("he"):
        labels = [event.label for event in selectors.case_history(case)]
        assert str(AuditAction.CASE_OPENED.label) in labels
        assert str(DecisionKind.NOTICE_OF_INTENT.label) in labels
        assert audit_action_label("customs.case_opened") == "התיק נפתח"
    client.force_login(people.officer)
    response = client.get(f"/customs/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="he")
    assert "התיק נפתח" in response.content.decode()
    assert "customs.case_opened" not in response.content.decode()


def test_cus_12_appeal_notice_is_signed_by_the_three_members_with_their_roles(people, client):
    case, appeal, _release = _appealed_with_guarantee(people)
    decision = _decide_appeal(people, appeal, AppealOutcome.DISMISSED)
    client.force_login(people.importer)
    html = client.get(f"/customs/cases/{case.pk}/notices/{decision.pk}/").content.decode()
    assert "רשות המסים בישראל" in html
    for member in people.committee:
        assert member.get_full_name() in html
    assert "חבר ועדת הערר" in html and "היועץ המשפטי או נציגו" in html


def test_cus_10_notice_pdf_is_signed_by_the_officer_as_customs_officer(people, client):
    case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
    notice = services.case_notice_of_intent(actor=people.officer, case=case, reasons="Cheap.")
    signatories = selectors.notice_signatories(case, notice)
    assert [s.name for s in signatories] == [people.officer.get_full_name()]
    assert signatories[0].role == Role.CUSTOMS_OFFICER.label
    client.force_login(people.importer)
    response = client.get(f"/customs/cases/{case.pk}/notices/{notice.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf" and response.content[:4] == b"%PDF"


def test_cus_12_deadline_shown_on_the_notice_reads_dd_mm_yyyy(people, client):
    case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
    notice = services.case_notice_of_intent(actor=people.officer, case=case, reasons="Cheap.")
    client.force_login(people.importer)
    html = client.get(f"/customs/cases/{case.pk}/notices/{notice.pk}/").content.decode()
    assert (today() + timedelta(days=30)).strftime("%d/%m/%Y") in html


def test_cus_5_all_documents_make_the_checklist_complete(people):
    case = vehicle_case(officer=people.officer, importer=people.importer)
    all_documents(case, people.officer)
    assert all(present for _kind, _label, present in selectors.documents_checklist(case))
