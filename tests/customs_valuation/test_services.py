"""The case workflow: decisions, deadlines, appeals and guarantees, through the services."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from customs_valuation import rules, selectors, services
from customs_valuation.models import (
    AppealOutcome,
    CaseStatus,
    DecisionKind,
    DocumentKind,
    OptionalExtra,
    ReleaseForm,
    ReleaseStatus,
    UsedAbroadBasis,
)
from taxportal.audit import audit_trail

from .factories import goods_case, vehicle_case

pytestmark = pytest.mark.django_db
ISRAEL = ZoneInfo("Asia/Jerusalem")


def today():
    return timezone.localdate()


def disqualified_case(people, **fields):
    case = vehicle_case(officer=people.officer, importer=people.importer, **fields)
    services.case_notice_of_intent(actor=people.officer, case=case, reasons="Too cheap.")
    services.case_answer_notice(actor=people.importer, case=case, text="My answer.")
    services.case_supervisor_decide(
        actor=people.supervisor, case=case, convinced=False, reasons="Not convinced."
    )
    case.refresh_from_db()
    return case


def test_cus_9_reasonable_invoice_is_accepted_with_a_dated_reasoned_record(people):
    case = vehicle_case(officer=people.officer, importer=people.importer, invoice="30000")
    assert selectors.case_worksheet(case).reasonable
    decision = services.case_accept_declared_value(
        actor=people.officer, case=case, reasons="Payment transfer matches."
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED
    assert case.determined_value == Decimal("30000.00")
    assert decision.decided_by == people.officer and decision.reasons == "Payment transfer matches."
    assert decision.taxes > 0 and decision.worksheet["lines"]
    assert audit_trail(case)[0].reason == "Payment transfer matches."


def test_cus_9_never_decided_silently_reasons_are_required(people):
    case = vehicle_case(officer=people.officer, importer=people.importer)
    with pytest.raises(ValidationError):
        services.case_accept_declared_value(actor=people.officer, case=case, reasons="  ")
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN


def test_cus_10_notice_of_intent_gives_30_days_and_the_value_considered(
    people, django_capture_on_commit_callbacks
):
    case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
    sheet = selectors.case_worksheet(case)
    assert sheet.reasonable is False
    # The importer is told after the notice commits (issue 15, taxportal.notifications).
    with django_capture_on_commit_callbacks(execute=True):
        notice = services.case_notice_of_intent(
            actor=people.officer, case=case, reasons="Too cheap."
        )
    case.refresh_from_db()
    assert case.status == CaseStatus.NOTICE_OF_INTENT
    assert case.answer_due == today() + timedelta(days=30) == notice.due_date
    assert notice.value == sheet.proposed_value
    assert notice.is_notice
    assert mail.outbox and case.reference in mail.outbox[0].subject


def test_cus_10_only_the_importer_answers_and_the_case_goes_to_the_supervisor(people):
    case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
    services.case_notice_of_intent(actor=people.officer, case=case, reasons="Too cheap.")
    with pytest.raises(ValidationError):
        services.case_answer_notice(actor=people.other_importer, case=case, text="Mine!")
    services.case_answer_notice(actor=people.importer, case=case, text="Auction purchase.")
    case.refresh_from_db()
    assert case.status == CaseStatus.ANSWERED
    assert case.answers.get().text == "Auction purchase."


def test_cus_11_supervisor_convinced_takes_the_invoice_price(people):
    case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
    services.case_notice_of_intent(actor=people.officer, case=case, reasons="Too cheap.")
    services.case_answer_notice(actor=people.importer, case=case, text="Auction purchase.")
    services.case_supervisor_decide(
        actor=people.supervisor, case=case, convinced=True, reasons="Auction receipt."
    )
    case.refresh_from_db()
    assert (case.status, case.determined_value) == (CaseStatus.ACCEPTED, Decimal("10000.00"))


@time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=ISRAEL), tick=False)
def test_cus_11_not_convinced_sets_the_value_and_opens_30_days_to_appeal(people):
    # Corolla 2022, new price 144,900.00, first on the road 2 March 2026 - 744 days =
    # 17 February 2024: 24 whole months, 24 x 1.25% = 30.00%; 144,900.00 x 30% = 43,470.00;
    # price-list value 101,430.00. Import costs: freight table (North America, private)
    # 9,500.00 + the Israeli taxes inside the price, factor 1.07 x 1.83 x 1.18 = 2.310558:
    # 101,430.00 - 101,430.00 / 2.310558 = 101,430.00 - 43,898.4869 = 57,531.51; costs
    # 67,031.51. Value for comparison 101,430.00 - 67,031.51 = 34,398.49.
    case = disqualified_case(people, invoice="10000")
    assert case.status == CaseStatus.VALUE_SET
    assert case.determined_value == Decimal("34398.49")
    assert case.appeal_due == date(2026, 4, 1)  # 2 March + 30 days
    assert case.decisions.last().kind == DecisionKind.DISQUALIFIED


def test_cus_11_only_the_supervisor_decides(people):
    case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
    services.case_notice_of_intent(actor=people.officer, case=case, reasons="Too cheap.")
    with pytest.raises(ValidationError):
        services.case_supervisor_decide(
            actor=people.officer, case=case, convinced=True, reasons="I decide."
        )


def test_a_decided_case_cannot_be_decided_again(people):
    case = vehicle_case(officer=people.officer, importer=people.importer, invoice="30000")
    services.case_accept_declared_value(actor=people.officer, case=case, reasons="Fine.")
    with pytest.raises(services.InvalidTransition):
        services.case_notice_of_intent(actor=people.officer, case=case, reasons="Changed my mind.")


def test_cus_12_appeal_committee_of_three_with_the_legal_adviser(people):
    case = disqualified_case(people, invoice="10000")
    appeal = services.appeal_file(actor=people.importer, case=case, grounds="High mileage.")
    chair, second, lawyer = people.committee
    with pytest.raises(services.InvalidTransition):  # not forwarded yet
        services.appeal_decide(
            actor=chair, appeal=appeal, outcome=AppealOutcome.DISMISSED, reasons="x",
            members=people.committee, legal_adviser=lawyer,
        )  # fmt: skip
    services.appeal_forward(actor=people.supervisor, appeal=appeal, opinion="Consider mileage.")
    with pytest.raises(ValidationError):
        services.appeal_decide(
            actor=chair, appeal=appeal, outcome=AppealOutcome.DISMISSED, reasons="x",
            members=[chair, second], legal_adviser=lawyer,
        )  # fmt: skip
    with pytest.raises(ValidationError):
        services.appeal_decide(
            actor=chair, appeal=appeal, outcome=AppealOutcome.DISMISSED, reasons="x",
            members=people.committee, legal_adviser=None,
        )  # fmt: skip
    decision = services.appeal_decide(
        actor=chair, appeal=appeal, outcome=AppealOutcome.VALUE_CHANGED, value=Decimal("15000"),
        reasons="Mileage documented.", members=people.committee, legal_adviser=lawyer,
    )  # fmt: skip
    case.refresh_from_db()
    assert case.status == CaseStatus.APPEAL_DECIDED
    assert case.determined_value == Decimal("15000")
    assert case.court_due == rules.months_after(today(), 3) == decision.due_date


def test_cus_12_the_committee_outcome_is_stored_as_a_code_read_in_each_language(people):
    """Issue 16: the outcome the system writes into the decision's reasons is a code, shown in
    the reader's language; the committee's own reasons stay as typed."""
    case = disqualified_case(people, invoice="10000")
    appeal = services.appeal_file(actor=people.importer, case=case, grounds="High mileage.")
    services.appeal_forward(actor=people.supervisor, appeal=appeal, opinion="Consider mileage.")
    chair, _second, lawyer = people.committee
    with translation.override("he"):  # decided while the page is in Hebrew
        decision = services.appeal_decide(
            actor=chair, appeal=appeal, outcome=AppealOutcome.DISMISSED,
            reasons="No new facts.", members=people.committee, legal_adviser=lawyer,
        )  # fmt: skip
    decision.refresh_from_db()
    with translation.override("en"):
        assert str(decision.reasons) == "Appeal dismissed: the value stands. No new facts."
    with translation.override("he"):
        assert str(decision.reasons) == "הערר נדחה: הערך עומד בעינו. No new facts."


def test_cus_12_no_appeal_after_30_days(people):
    case = disqualified_case(people, invoice="10000")
    with (
        time_machine.travel(timezone.now() + timedelta(days=31)),
        pytest.raises(ValidationError),
    ):
        services.appeal_file(actor=people.importer, case=case, grounds="Late.")


def test_cus_13_used_abroad_by_the_price_list(people):
    case = vehicle_case(
        officer=people.officer, importer=people.importer, invoice="90000",
        used_abroad_basis=UsedAbroadBasis.PRICE_LIST,
    )  # fmt: skip
    sheet = selectors.case_worksheet(case)
    assert sheet.proposed_value == sheet.vehicle.comparison_value
    assert sheet.problems  # the use abroad is not proven yet
    services.document_add(
        actor=people.importer, case=case, kind=DocumentKind.USE_ABROAD_PROOF, note="paper"
    )
    assert not selectors.case_worksheet(case).problems


def test_cus_13_used_abroad_invoice_with_depreciation(people):
    case = vehicle_case(
        officer=people.officer, importer=people.importer, invoice="30000",
        used_abroad_basis=UsedAbroadBasis.INVOICE_ADJUSTED,
        invoice_date=today() - timedelta(days=100),
    )  # fmt: skip
    sheet = selectors.case_worksheet(case)
    # 100 days is 3 whole months (3 months are 89 to 92 days, 4 at least 120): 3 x 1.25% =
    # 3.75%; 30,000.00 x 3.75% = 1,125.00; 30,000.00 - 1,125.00 = 28,875.00.
    assert sheet.proposed_value == Decimal("28875.00")


def test_cus_14_no_invoice_takes_the_price_list_value_less_import_costs(people):
    case = vehicle_case(
        officer=people.officer, importer=people.importer, has_invoice=False, invoice_value=None
    )
    decision = services.case_decide_value(actor=people.officer, case=case, reasons="No invoice.")
    assert decision.value == selectors.case_worksheet(case).vehicle.comparison_value


def test_cus_14_unlisted_model_goes_to_the_appraiser(people):
    case = vehicle_case(officer=people.officer, importer=people.importer, price_list_entry=None)
    assert selectors.case_worksheet(case).problems
    services.case_send_to_appraiser(actor=people.officer, case=case, reasons="Unlisted.")
    services.case_record_appraisal(
        actor=people.officer, case=case, value=Decimal("70000"), reasons="Appraiser Levi."
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN
    assert selectors.case_worksheet(case).proposed_value == Decimal("70000")


def test_cus_15_extras_add_their_table_value_before_depreciation(people):
    case = vehicle_case(officer=people.officer, importer=people.importer)
    before = selectors.case_worksheet(case).vehicle
    sunroof = OptionalExtra.objects.get(code="sunroof")
    services.extra_add(actor=people.officer, case=case, extra=sunroof, source="manufacturer")
    after = selectors.case_worksheet(case).vehicle
    assert after.price_with_extras - before.price_with_extras == sunroof.value
    assert after.price_list_value - before.price_list_value < sunroof.value


def test_cus_16_damage_reduction_lowers_the_value(people):
    case = vehicle_case(
        officer=people.officer, importer=people.importer, invoice="30000",
        damage_reduction=Decimal("4000"),
    )  # fmt: skip
    with pytest.raises(ValidationError):  # the appraiser's opinion and insurer's recognition
        services.case_accept_declared_value(actor=people.officer, case=case, reasons="Damage.")
    for kind in (DocumentKind.APPRAISER_OPINION, DocumentKind.INSURER_RECOGNITION):
        services.document_add(actor=people.officer, case=case, kind=kind, note="paper")
    decision = services.case_accept_declared_value(
        actor=people.officer, case=case, reasons="Reasonable; damage per appraiser."
    )
    assert decision.value == Decimal("26000.00")


def test_cus_7_freight_table_without_proof(people):
    case = vehicle_case(officer=people.officer, importer=people.importer)
    freight = next(
        line for line in selectors.case_worksheet(case).cost_lines if line.key == "freight"
    )
    assert freight.amount == Decimal("9500.00") and freight.note
    services.case_update(
        actor=people.officer, case=case, changes={"freight": Decimal("4000")}, reason="Bill."
    )
    case.refresh_from_db()
    freight = next(
        line for line in selectors.case_worksheet(case).cost_lines if line.key == "freight"
    )
    assert freight.amount == Decimal("4000.00") and not freight.note


def test_cus_6_export_taxes_are_part_of_the_value_unless_refunded(people):
    case = vehicle_case(
        officer=people.officer, importer=people.importer, invoice="30000",
        export_taxes=Decimal("2000"),
    )  # fmt: skip
    assert selectors.case_worksheet(case).vehicle.invoice_value == Decimal("32000.00")
    case.export_taxes_refunded = True
    assert selectors.case_worksheet(case).vehicle.invoice_value == Decimal("30000.00")


# --- CUS-17: release under protest -------------------------------------------------------------


def test_cus_17_guarantee_equals_the_tax_difference_for_three_months(people):
    case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
    notice = services.case_notice_of_intent(actor=people.officer, case=case, reasons="Cheap.")
    release = services.release_record(
        actor=people.officer, case=case, form=ReleaseForm.BANK_GUARANTEE,
        reference="G-1", lodged_on=today(),
    )  # fmt: skip
    declared_taxes = selectors.case_taxes(case, Decimal("10000")).total
    assert release.amount == notice.taxes - declared_taxes
    assert release.expires_on == rules.months_after(today(), 3)
    paid = services.release_record(
        actor=people.officer, case=case, form=ReleaseForm.PAID_UNDER_PROTEST,
        reference="R-1", lodged_on=today(),
    )  # fmt: skip
    assert paid.amount == notice.taxes and paid.expires_on is None


def test_cus_17_no_release_before_the_notice_of_intent(people):
    case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
    with pytest.raises(services.InvalidTransition):
        services.release_record(
            actor=people.officer, case=case, form=ReleaseForm.DEPOSIT, reference="D",
            lodged_on=today(),
        )  # fmt: skip


def test_cus_17_guarantee_forfeited_without_an_appeal_in_30_days(people):
    case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
    services.case_notice_of_intent(actor=people.officer, case=case, reasons="Cheap.")
    release = services.release_record(
        actor=people.officer, case=case, form=ReleaseForm.BANK_GUARANTEE, reference="G",
        lodged_on=today(),
    )  # fmt: skip
    with time_machine.travel(timezone.now() + timedelta(days=31)):  # no answer in 30 days
        services.case_supervisor_decide(
            actor=people.supervisor, case=case, convinced=False, reasons="No answer."
        )
    case.refresh_from_db()
    assert services.cases_finalise_due(today=case.appeal_due) == 0  # the last day still counts
    assert services.cases_finalise_due(today=case.appeal_due + timedelta(days=1)) == 1
    release.refresh_from_db()
    case.refresh_from_db()
    assert release.status == ReleaseStatus.FORFEITED
    assert case.status == CaseStatus.CLOSED
    kinds = list(case.decisions.order_by("id").values_list("kind", flat=True))
    assert DecisionKind.GUARANTEE_FORFEITED in kinds and kinds[-1] == DecisionKind.VALUE_FINAL


def test_cus_17_with_an_appeal_the_guarantee_follows_the_committee(people):
    case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
    services.case_notice_of_intent(actor=people.officer, case=case, reasons="Cheap.")
    release = services.release_record(
        actor=people.officer, case=case, form=ReleaseForm.BANK_GUARANTEE, reference="G",
        lodged_on=today(),
    )  # fmt: skip
    services.case_answer_notice(actor=people.importer, case=case, text="My answer.")
    services.case_supervisor_decide(
        actor=people.supervisor, case=case, convinced=False, reasons="No."
    )
    appeal = services.appeal_file(actor=people.importer, case=case, grounds="Wrong.")
    case.refresh_from_db()
    assert services.cases_finalise_due(today=case.appeal_due + timedelta(days=5)) == 0
    release.refresh_from_db()
    assert release.status == ReleaseStatus.HELD
    services.appeal_forward(actor=people.supervisor, appeal=appeal, opinion="Fine.")
    services.appeal_decide(
        actor=people.committee[0], appeal=appeal, outcome=AppealOutcome.DECLARED_ACCEPTED,
        reasons="Convinced.", members=people.committee, legal_adviser=people.committee[2],
    )  # fmt: skip
    release.refresh_from_db()
    assert release.status == ReleaseStatus.RETURNED


def test_cus_17_queue_warns_before_a_guarantee_lapses_and_it_can_be_extended(people):
    case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
    services.case_notice_of_intent(actor=people.officer, case=case, reasons="Cheap.")
    release = services.release_record(
        actor=people.officer, case=case, form=ReleaseForm.BANK_GUARANTEE, reference="G",
        lodged_on=today() - timedelta(days=80),
    )  # fmt: skip
    row = next(r for r in selectors.queue_rows() if r.case.pk == case.pk)
    assert row.warnings
    services.release_extend(
        actor=people.officer, release=release, expires_on=today() + timedelta(days=90),
        reason="Bank extended it.",
    )  # fmt: skip
    row = next(r for r in selectors.queue_rows() if r.case.pk == case.pk)
    assert not row.warnings


def test_deadlines_in_the_queue(people):
    case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
    services.case_notice_of_intent(actor=people.officer, case=case, reasons="Cheap.")
    row = next(r for r in selectors.queue_rows() if r.case.pk == case.pk)
    assert row.deadline == today() + timedelta(days=30) and not row.overdue
    later = selectors.queue_rows(today=today() + timedelta(days=31))
    assert next(r for r in later if r.case.pk == case.pk).overdue


# --- Goods -------------------------------------------------------------------------------------


def test_cus_21_reasonable_goods_invoice_accepted(people):
    case = goods_case(officer=people.officer, importer=people.importer)
    decision = services.case_accept_declared_value(actor=people.officer, case=case, reasons="OK")
    assert decision.kind == DecisionKind.INVOICE_ACCEPTED
    assert decision.value == Decimal("2700.00")


def test_cus_22_unreasonable_goods_take_the_israeli_price_and_open_an_appeal(people):
    case = goods_case(
        officer=people.officer, importer=people.importer, invoice_value=Decimal("500"),
        price_abroad=Decimal("2500"), israeli_price=Decimal("4000"),
        israeli_price_net=Decimal("3000"),
    )  # fmt: skip
    decision = services.case_decide_value(actor=people.officer, case=case, reasons="Cheap.")
    case.refresh_from_db()
    assert (case.status, decision.value) == (CaseStatus.VALUE_SET, Decimal("3000"))
    assert case.appeal_due == today() + timedelta(days=30)  # CUS-23


def test_cus_24_freight_excluded_by_the_tariff_item(people):
    case = goods_case(
        officer=people.officer, importer=people.importer, freight_excluded_by_tariff=True
    )
    assert selectors.case_worksheet(case).proposed_value == Decimal("2400.00")


def test_cus_25_depreciation_above_30_percent_needs_the_supervisor(people):
    case = goods_case(
        officer=people.officer, importer=people.importer, used_depreciation_percent=Decimal("40")
    )
    services.case_accept_declared_value(actor=people.officer, case=case, reasons="Used.")
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_APPROVAL
    services.depreciation_decide(
        actor=people.supervisor, case=case, approve=True, reasons="Use proven."
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED
    assert case.determined_value == Decimal("1620.00")  # 2700 less 40%


def test_cus_25_at_30_percent_no_approval_needed(people):
    case = goods_case(
        officer=people.officer, importer=people.importer, used_depreciation_percent=Decimal("30")
    )
    services.case_accept_declared_value(actor=people.officer, case=case, reasons="Used.")
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED


def test_cus_23_goods_appeal_is_decided_by_the_collector(people):
    case = goods_case(
        officer=people.officer, importer=people.importer, invoice_value=Decimal("500"),
        israeli_price_net=Decimal("3000"),
    )  # fmt: skip
    services.case_decide_value(actor=people.officer, case=case, reasons="Cheap.")
    appeal = services.appeal_file(actor=people.importer, case=case, grounds="Sale price.")
    with pytest.raises(ValidationError):
        services.appeal_decide(
            actor=people.committee[0], appeal=appeal, outcome=AppealOutcome.DISMISSED, reasons="x"
        )
    services.appeal_decide(
        actor=people.supervisor, appeal=appeal, outcome=AppealOutcome.VALUE_CHANGED,
        value=Decimal("1500"), reasons="Outlet price proven.",
    )  # fmt: skip
    case.refresh_from_db()
    assert (case.status, case.determined_value) == (CaseStatus.APPEAL_DECIDED, Decimal("1500"))


def test_daily_job_command_finalises(people):
    from django.core.management import call_command

    case = disqualified_case(people, invoice="10000")
    call_command("finalise_valuations")
    case.refresh_from_db()
    assert case.status == CaseStatus.VALUE_SET
    with time_machine.travel(timezone.now() + timedelta(days=32)):
        from customs_valuation.tasks import finalise_due_cases

        assert finalise_due_cases.delay().get() == 1
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
