"""Issue 18: the daily finalisation (CUS-17) and the worksheets of many cases (CUS-8) are
set-based: a constant number of queries whatever the number of cases, the same outcome as the
one-case path."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from customs_valuation import selectors, services
from customs_valuation.models import (
    CaseExtra,
    CaseStatus,
    DecisionKind,
    DocumentKind,
    NoticeDelivery,
    OptionalExtra,
    ProtestRelease,
    ReleaseForm,
    ReleaseStatus,
    UsedAbroadBasis,
    ValuationCase,
)
from taxportal.audit import audit_trail
from taxportal.notifications.models import Notification

from .factories import goods_case, vehicle_case

pytestmark = pytest.mark.django_db


def _value_set(people, *, forms=(ReleaseForm.BANK_GUARANTEE,), **fields) -> ValuationCase:
    """A vehicle whose value (40,000.00) was set and whose appeal date was yesterday."""
    case = vehicle_case(officer=people.officer, importer=people.importer, **fields)
    ValuationCase.objects.filter(pk=case.pk).update(
        status=CaseStatus.VALUE_SET,
        determined_value=Decimal("40000.00"),
        appeal_due=timezone.localdate() - timedelta(days=1),
    )
    for number, form in enumerate(forms):
        ProtestRelease.objects.create(
            case=case, form=form, amount=Decimal("1234.00"), reference=f"G-{number}",
            lodged_on=timezone.localdate() - timedelta(days=40), recorded_by=people.officer,
        )  # fmt: skip
    case.refresh_from_db()
    return case


def _queries_to_finalise(count: int, people) -> int:
    for _ in range(count):
        _value_set(people, forms=(ReleaseForm.BANK_GUARANTEE, ReleaseForm.PAID_UNDER_PROTEST))
    with CaptureQueriesContext(connection) as queries:
        assert services.cases_finalise_due() == count
    return len(queries)


# SQLite splits an insert beyond 999 parameters (about 18 history rows of a case): 3 and 15
# there, 3 and 30 on PostgreSQL.
MORE = 30 if connection.vendor == "postgresql" else 15


def test_issue_18_finalising_3_or_30_due_cases_takes_the_same_queries(people):
    assert _queries_to_finalise(3, people) == _queries_to_finalise(MORE, people)


def test_cus_17_the_daily_job_closes_forfeits_and_records_each_case(
    people, django_capture_on_commit_callbacks
):
    case = _value_set(people, forms=(ReleaseForm.BANK_GUARANTEE, ReleaseForm.PAID_UNDER_PROTEST))
    guarantee, payment = case.releases.order_by("id")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.cases_finalise_due() == 1
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    last = case.history.latest("history_date")
    assert (last.history_type, last.status, last.history_user) == ("~", CaseStatus.CLOSED, None)
    for release in (guarantee, payment):
        release.refresh_from_db()
        assert release.status == ReleaseStatus.FORFEITED
        assert release.forfeited_amount == Decimal("1234.00")  # all of it
        assert release.history.latest("history_date").status == ReleaseStatus.FORFEITED
    forfeited, final = case.decisions.order_by("id")  # none for the payment under protest
    # Taxes on 40,000.00 + freight by the table (North America, private) 9,500.00 = 49,500.00:
    # duty 7% = 3,465.00; purchase tax 83% of 52,965.00 = 43,960.95; VAT 18% of 96,925.95 =
    # 17,446.67; total 64,872.62.
    appeal_due = case.appeal_due.strftime("%d/%m/%Y")
    with translation.override("en"):
        assert (
            str(forfeited.reasons) == f"Bank guarantee of 1,234.00 NIS: No appeal by {appeal_due}."
        )
        assert str(final.reasons) == f"No appeal by {appeal_due}."
    assert forfeited.kind == DecisionKind.GUARANTEE_FORFEITED
    assert (forfeited.value, forfeited.taxes) == (Decimal("40000.00"), Decimal("64872.62"))
    assert (forfeited.delivery, forfeited.notified_on) == (
        NoticeDelivery.PORTAL,
        timezone.localdate(),
    )
    assert final.kind == DecisionKind.VALUE_FINAL
    assert (final.value, final.taxes, final.delivery) == (
        Decimal("40000.00"),
        Decimal("64872.62"),
        "",
    )
    events = [e for e in audit_trail(case) if e.action.startswith("customs.decision.")]
    assert [(e.action, e.actor, e.changes["status"]) for e in events] == [
        ("customs.decision.value_final", None, CaseStatus.CLOSED),
        ("customs.decision.guarantee_forfeited", None, CaseStatus.VALUE_SET),
    ]  # newest first
    notification = Notification.objects.get(case_id=str(case.pk))
    assert (notification.event, notification.key) == (
        "customs.decision",
        f"decision-{forfeited.pk}",
    )
    assert len(mail.outbox) == 1 and case.reference in mail.outbox[0].subject


def test_cus_17_a_second_run_finalises_nothing(people):
    _value_set(people)
    assert services.cases_finalise_due() == 1
    assert services.cases_finalise_due() == 0
    assert Notification.objects.count() == 1


def test_cus_17_batches_each_finalise_their_own_cases(people, monkeypatch):
    monkeypatch.setattr("customs_valuation.services.finalise.FINALISE_BATCH", 2)
    cases = [_value_set(people) for _ in range(5)]
    assert services.cases_finalise_due() == 5
    assert set(ValuationCase.objects.values_list("status", flat=True)) == {CaseStatus.CLOSED}
    for case in cases:
        assert case.decisions.filter(kind=DecisionKind.VALUE_FINAL).count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_cus_17_a_case_a_clerk_holds_is_left_for_the_next_run(people):
    held, free = _value_set(people), _value_set(people)
    locked, release = threading.Event(), threading.Event()

    def clerk():
        with transaction.atomic():
            ValuationCase.objects.select_for_update().get(pk=held.pk)
            locked.set()
            release.wait(timeout=30)
        connections.close_all()

    thread = threading.Thread(target=clerk)
    thread.start()
    locked.wait(timeout=30)
    try:
        assert services.cases_finalise_due() == 1  # no waiting for the clerk
    finally:
        release.set()
        thread.join()
    held.refresh_from_db()
    free.refresh_from_db()
    assert (held.status, free.status) == (CaseStatus.VALUE_SET, CaseStatus.CLOSED)
    assert services.cases_finalise_due() == 1
    held.refresh_from_db()
    assert held.status == CaseStatus.CLOSED


# --- Worksheets of many cases (CUS-8) -------------------------------------------------------------


def _assorted_cases(people) -> list[ValuationCase]:
    today = timezone.localdate()
    extra = OptionalExtra.objects.first()
    with_extra = vehicle_case(officer=people.officer, importer=people.importer, invoice="30000")
    CaseExtra.objects.create(case=with_extra, extra=extra, source="manufacturer", value=extra.value)
    used = vehicle_case(
        officer=people.officer, importer=people.importer, invoice="30000",
        used_abroad_basis=UsedAbroadBasis.INVOICE_ADJUSTED,
        invoice_date=today - timedelta(days=100),
    )  # fmt: skip
    services.document_add(
        actor=people.officer, case=used, kind=DocumentKind.USE_ABROAD_PROOF, note="paper"
    )
    return [
        vehicle_case(
            officer=people.officer,
            importer=people.importer,
            invoice="30000",
            first_road_date=today - relativedelta(months=24),
        ),  # fmt: skip
        with_extra,
        used,
        vehicle_case(officer=people.officer, importer=people.importer, invoice="5000"),
        vehicle_case(officer=people.officer, importer=people.importer, price_list_entry=None),
        vehicle_case(
            officer=people.officer,
            importer=people.importer,
            freight=Decimal("4000"),
            collector_vehicle=True,
            foreign_price_list_value=Decimal("90000"),
        ),  # fmt: skip
        goods_case(officer=people.officer, importer=people.importer),
        goods_case(
            officer=people.officer,
            importer=people.importer,
            export_taxes=Decimal("100"),
            export_taxes_refunded=True,
        ),  # fmt: skip
    ]


def _sheet(sheet: selectors.CaseWorksheet) -> tuple:
    return (sheet.as_json(), sheet.proposed_value, sheet.problems, sheet.reasonable,
            sheet.beyond_table, sheet.goods_check)  # fmt: skip


def test_cus_8_the_worksheets_of_many_cases_are_each_the_one_case_worksheet(people):
    cases = _assorted_cases(people)
    together = selectors.case_worksheets(
        ValuationCase.objects.filter(pk__in=[c.pk for c in cases]).order_by("pk")
    )
    assert [case.pk for case, _sheet in together] == sorted(c.pk for c in cases)
    for case, sheet in together:
        alone = selectors.case_worksheet(ValuationCase.objects.get(pk=case.pk))
        assert _sheet(sheet) == _sheet(alone), case.reference
    first = selectors.case_worksheet(cases[0])
    # Toyota Corolla 2022: new price 144,900.00; 24 whole months on the road: 30.00% =
    # 43,470.00; price-list value 101,430.00. Import costs: freight by the table (North America,
    # private) 9,500.00 + the taxes inside 101,430.00 at 7% duty, 83% purchase tax, 18% VAT
    # (factor 1.07 x 1.83 x 1.18 = 2.310558): 101,430.00 - 101,430.00 / 2.310558 = 57,531.51;
    # costs 67,031.51; value for comparison 101,430.00 - 67,031.51 = 34,398.49. The invoice
    # 30,000.00 is 87.21% of it, at least 85%: reasonable, so the value is the invoice.
    assert first.vehicle.price_list_value == Decimal("101430.00")
    assert first.vehicle.comparison_value == Decimal("34398.49")
    assert (first.reasonable, first.proposed_value) == (True, Decimal("30000.00"))


def _queries_for_worksheets(count: int, people) -> int:
    ValuationCase.objects.all().delete()
    for _ in range(count):
        case = vehicle_case(officer=people.officer, importer=people.importer, invoice="30000")
        CaseExtra.objects.create(
            case=case, extra=OptionalExtra.objects.first(), source="manufacturer", value=1000
        )
        goods_case(officer=people.officer, importer=people.importer)
    with CaptureQueriesContext(connection) as queries:
        sheets = selectors.case_worksheets(ValuationCase.objects.all())
    assert len(sheets) == 2 * count and all(sheet.proposed_value for _case, sheet in sheets)
    return len(queries)


def test_issue_18_worksheets_of_3_or_30_cases_take_the_same_queries(people):
    assert _queries_for_worksheets(3, people) == _queries_for_worksheets(MORE, people)
