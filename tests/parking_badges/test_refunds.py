"""Refund requests on the database (BADGE-37 to BADGE-42)."""

import threading
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from parking_badges import services
from parking_badges.models import RefundLine, RefundStatus
from parking_badges.rules import OwnerRelation
from taxportal.money import round_agorot

from .factories import FULL_FEE_PAID, Holder, reduced_fee

pytestmark = pytest.mark.django_db


def request(holder, **changes):
    fields = {
        "person": holder.person,
        "vehicle": holder.vehicle,
        "kind": "owner",
        "owner_relation": OwnerRelation.SELF,
        "requested_on": date(2026, 2, 1),
        "approving_body": "department_doctor",
        "approval_date": date(2025, 7, 2),
        "ownership_date": date(2022, 1, 1),
        "actor": None,
        **changes,
    }
    return services.refund_request_record(**fields)


def test_badge_41_due_three_months_after_request_and_queue_order():
    holder = Holder()
    refund = request(holder)
    assert refund.due_on == date(2026, 5, 1)
    assert refund.determining_date == date(2025, 7, 2)


def test_badge_37_40_approval_refunds_by_days_from_the_determining_date():
    holder = Holder()
    refund = services.refund_approve(refund=request(holder), actor=None)
    difference = FULL_FEE_PAID - reduced_fee()
    lines = list(refund.lines.order_by("start"))
    assert [(ln.start, ln.end) for ln in lines] == [
        (date(2025, 7, 2), date(2025, 12, 31)),
        (date(2026, 1, 1), date(2026, 12, 31)),
    ]
    assert lines[0].amount == round_agorot(difference * 183 / 365)
    assert lines[1].amount == difference
    assert refund.total == sum(ln.amount for ln in lines)
    assert refund.status == RefundStatus.APPROVED


def test_badge_39_earlier_recognition_and_badge_41_never_twice():
    holder = Holder()
    services.refund_approve(refund=request(holder), actor=None)
    earlier = request(holder, earlier_recognition_date=date(2024, 1, 1))
    assert earlier.determining_date == date(2024, 7, 2)
    earlier = services.refund_approve(refund=earlier, actor=None)
    assert [(ln.start, ln.end) for ln in earlier.lines.all()] == [
        (date(2024, 7, 2), date(2024, 12, 31)),
        (date(2025, 1, 1), date(2025, 7, 1)),
    ]
    again = request(holder, earlier_recognition_date=date(2024, 1, 1))
    with pytest.raises(ValidationError):
        services.refund_approve(refund=again, actor=None)
    for period in holder.periods:
        refunded = sum(ln.amount for ln in RefundLine.objects.filter(licence_period=period))
        assert refunded <= period.amount_paid - reduced_fee()


def test_badge_37_owner_relation_checked():
    holder = Holder(born_on=date(2000, 1, 1))
    with pytest.raises(ValidationError):
        request(holder, owner_relation=OwnerRelation.OTHER)
    with pytest.raises(ValidationError):
        request(holder, owner_relation=OwnerRelation.PARENT)  # 25 years old
    minor = Holder(national_id="629923129", born_on=date(2010, 3, 1))
    refund = services.refund_approve(
        refund=request(minor, owner_relation=OwnerRelation.PARENT, approval_date=date(2025, 1, 1)),
        actor=None,
    )
    assert max(ln.end for ln in refund.lines.all()) == date(2026, 12, 31)
    adult_soon = Holder(national_id="973669468", born_on=date(2008, 3, 1))
    refund = services.refund_approve(
        refund=request(
            adult_soon, owner_relation=OwnerRelation.PARENT, approval_date=date(2025, 1, 1)
        ),
        actor=None,
    )
    assert max(ln.end for ln in refund.lines.all()) == date(2026, 2, 28)


def test_badge_42_financial_lease_reason_08_lease_period_and_both_ids():
    holder = Holder()
    holder.vehicle.owners.update(
        national_id="520000000", name="Leasing Ltd", kind="leasing_company"
    )
    with pytest.raises(ValidationError) as error:
        request(holder, kind="financial_lease", lease_from=date(2025, 3, 1))
    assert len(error.value.messages) == 2
    refund = request(
        holder, kind="financial_lease", owner_relation=OwnerRelation.OTHER,
        lease_from=date(2025, 3, 1), lease_until=date(2026, 2, 28), lease_documents_checked=True,
    )  # fmt: skip
    assert refund.reason_code == "08"
    assert refund.owner_national_id == refund.disabled_national_id == holder.person.national_id
    assert refund.determining_date == date(2025, 3, 1)
    refund = services.refund_approve(refund=refund, actor=None)
    assert {ln.reduced_fee for ln in refund.lines.all()} == {reduced_fee("financial_lease")}
    assert (refund.lines.first().start, refund.lines.last().end) == (
        date(2025, 3, 1),
        date(2026, 2, 28),
    )


def test_badge_41_reject_needs_a_reason_and_paid_after_approval():
    holder = Holder()
    refund = request(holder)
    with pytest.raises(ValidationError):
        services.refund_reject(refund=refund, actor=None, note=" ")
    with pytest.raises(ValidationError):
        services.refund_mark_paid(refund=refund, paid_on=date(2026, 3, 1), actor=None)
    services.refund_approve(refund=refund, actor=None)
    paid = services.refund_mark_paid(refund=refund, paid_on=date(2026, 3, 1), actor=None)
    assert paid.status == RefundStatus.PAID


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_badge_41_two_clerks_approving_at_once_never_refund_a_day_twice():
    holder = Holder()
    refunds = [request(holder), request(holder, earlier_recognition_date=date(2024, 1, 1))]
    barrier = threading.Barrier(2)
    outcomes = []

    def clerk(refund):
        try:
            barrier.wait()
            services.refund_approve(refund=refund, actor=None)
            outcomes.append("approved")
        except ValidationError:
            outcomes.append("nothing left")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=clerk, args=(r,)) for r in refunds]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert "approved" in outcomes
    days = [
        (line.licence_period_id, line.start + timedelta(days=offset))
        for line in RefundLine.objects.all()
        for offset in range(line.days)
    ]
    assert len(days) == len(set(days))
