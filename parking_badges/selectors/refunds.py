"""Reads of refunds: the window, the days already refunded, the preview (BADGE-37 to 42)."""

from dataclasses import dataclass

from django.db.models import QuerySet

from .. import rules
from ..choices import RefundKind, RefundStatus
from ..models import LicencePeriod, RefundLine, RefundRequest, Vehicle
from .fees import fee_schedule, paid_periods


def refunded_spans(vehicle: Vehicle, *, excluding: RefundRequest | None = None):
    """Days of the vehicle's licence periods already refunded by approved or paid requests."""
    lines = RefundLine.objects.filter(
        licence_period__vehicle=vehicle,
        request__status__in=[RefundStatus.APPROVED, RefundStatus.PAID],
    )
    if excluding is not None:
        lines = lines.exclude(request=excluding)
    return [
        rules.RefundedSpan(str(ln.licence_period_id), ln.start, ln.end, ln.amount) for ln in lines
    ]


def refund_window(refund: RefundRequest) -> rules.RefundWindow:
    """BADGE-39, 40, 42; a parent's vehicle counts only until the person turns 18 (BADGE-37)."""
    if refund.kind == RefundKind.FINANCIAL_LEASE:
        # refund_request_open refuses a lease without both dates
        assert refund.lease_from is not None and refund.lease_until is not None
        return rules.lease_refund_window(
            lease_from=refund.lease_from, lease_until=refund.lease_until
        )
    eligible_until = None
    if refund.owner_relation == rules.OwnerRelation.PARENT and refund.person.born_on:
        eligible_until = refund.person.born_on + rules.ADULTHOOD - rules.ONE_DAY
    return rules.refund_window(
        approval_date=refund.approval_date,
        ownership_date=refund.ownership_date,
        disability_start=refund.disability_start,
        earlier_recognition_date=refund.earlier_recognition_date,
        eligible_until=eligible_until,
    )


def refund_context(refund: RefundRequest) -> str:
    if refund.kind == RefundKind.FINANCIAL_LEASE:
        return rules.FeeContext.FINANCIAL_LEASE
    return rules.FeeContext.REDUCED_ANNUAL


@dataclass(frozen=True)
class RefundPreview:
    lines: list[rules.RefundLine]
    periods: dict[str, LicencePeriod]

    @property
    def total(self):
        return sum((line.amount for line in self.lines), rules.ZERO)


def refund_preview(refund: RefundRequest) -> RefundPreview:
    """What approving the request now would refund, given earlier refunds of the vehicle."""
    periods, paid = paid_periods(refund.vehicle)
    lines = rules.refund_lines(
        periods=paid,
        schedule=fee_schedule(),
        window=refund_window(refund),
        already_refunded=refunded_spans(refund.vehicle, excluding=refund),
        context=refund_context(refund),
    )
    return RefundPreview(lines, periods)


def refund_queue() -> QuerySet[RefundRequest]:
    """Open and approved-but-unpaid refunds, the soonest due first (BADGE-41)."""
    return (
        RefundRequest.objects.filter(status__in=[RefundStatus.OPEN, RefundStatus.APPROVED])
        .select_related("person", "vehicle")
        .order_by("due_on", "id")
    )
