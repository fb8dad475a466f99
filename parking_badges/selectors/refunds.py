"""Reads of refunds: the window, the days already refunded, the preview (BADGE-37 to 42)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from taxportal.queues import Terms

from .. import rules
from ..choices import RefundKind, RefundStatus
from ..models import DisabledPerson, LicencePeriod, RefundLine, RefundRequest, Vehicle
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


REFUND_ORDER = ("due_on", "id")
# What the fee desk shows of a refund in its queue: the page reads these columns only (building
# and reading the rows' two dozen other columns and their joins' cost the page a millisecond).
REFUND_SHOWN = (
    "kind",
    "status",
    "requested_on",
    "due_on",
    "person__first_name",
    "person__last_name",
    "person__national_id",
    "vehicle__number",
)


def refund_queue(
    *,
    status: str = "",
    overdue_on: date | None = None,
    search: Terms | None = None,
    ordering: tuple = REFUND_ORDER,
) -> QuerySet[RefundRequest]:
    """Open and approved-but-unpaid refunds, the soonest due first (BADGE-41); filtered and
    paged in SQL on a partial index. `overdue_on`: only those past the date to pay."""
    refunds = RefundRequest.objects.filter(status__in=[RefundStatus.OPEN, RefundStatus.APPROVED])
    if status:
        refunds = refunds.filter(status=status)
    if overdue_on is not None:
        refunds = refunds.filter(due_on__lt=overdue_on)
    if search is not None:
        refunds = refunds.filter(_refund_matching(search))
    return refunds.select_related("person", "vehicle").order_by(*ordering)


def _refund_matching(search: Terms) -> Q:
    """A request by its number, its vehicle's number or its holder's identity number, each
    looked up on a unique index first; nothing else (a refund is found by those)."""
    found = Q(pk__in=[])
    if search.number is not None:
        found |= Q(pk=search.number)
        vehicles = Vehicle.objects.filter(number=search.compact).values_list("pk", flat=True)
        found |= Q(vehicle_id__in=list(vehicles))
    if search.national_id:
        people = DisabledPerson.objects.filter(national_id=search.national_id)
        found |= Q(person_id__in=list(people.values_list("pk", flat=True)))
    return found
