"""Reads of the money side: the fee schedule as plain data, the clerk's fee queue, a vehicle's
fee file, refund previews and the importer's open files. Each reads in a fixed number of
queries."""

import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from operator import itemgetter

from django.db.models import (
    Case,
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from . import rules as fee_rules
from .models import (
    CURRENT_BADGE_STATUSES,
    Badge,
    BadgeVehicle,
    DifferenceStatus,
    EligibilityApproval,
    ExemptionStatus,
    FeeDifference,
    FeeScheduleEntry,
    ImporterFileStatus,
    ImporterVehicleFile,
    LicencePeriod,
    OwnershipTransfer,
    ReducedFeeExemption,
    RefundKind,
    RefundLine,
    RefundRequest,
    RefundStatus,
    Vehicle,
    VehicleGround,
    VehicleOwner,
)


def fee_schedule() -> list[fee_rules.ScheduledFee]:
    return [
        fee_rules.ScheduledFee(e.context, e.amount, e.effective_from, e.effective_until)
        for e in FeeScheduleEntry.objects.all()
    ]


def paid_periods(vehicle: Vehicle) -> tuple[dict[str, LicencePeriod], list[fee_rules.PaidPeriod]]:
    periods = {str(p.pk): p for p in LicencePeriod.objects.filter(vehicle=vehicle)}
    return periods, [
        fee_rules.PaidPeriod(key, p.valid_from, p.valid_until, p.amount_paid)
        for key, p in periods.items()
    ]


def refunded_spans(vehicle: Vehicle, *, excluding: RefundRequest | None = None):
    """Days of the vehicle's licence periods already refunded by approved or paid requests."""
    lines = RefundLine.objects.filter(
        licence_period__vehicle=vehicle,
        request__status__in=[RefundStatus.APPROVED, RefundStatus.PAID],
    )
    if excluding is not None:
        lines = lines.exclude(request=excluding)
    return [
        fee_rules.RefundedSpan(str(ln.licence_period_id), ln.start, ln.end, ln.amount)
        for ln in lines
    ]


def refund_window(refund: RefundRequest) -> fee_rules.RefundWindow:
    """BADGE-39, 40, 42; a parent's vehicle counts only until the person turns 18 (BADGE-37)."""
    if refund.kind == RefundKind.FINANCIAL_LEASE:
        return fee_rules.lease_refund_window(
            lease_from=refund.lease_from, lease_until=refund.lease_until
        )
    eligible_until = None
    if refund.owner_relation == fee_rules.OwnerRelation.PARENT and refund.person.born_on:
        eligible_until = refund.person.born_on + fee_rules.ADULTHOOD - fee_rules.ONE_DAY
    return fee_rules.refund_window(
        approval_date=refund.approval_date,
        ownership_date=refund.ownership_date,
        disability_start=refund.disability_start,
        earlier_recognition_date=refund.earlier_recognition_date,
        eligible_until=eligible_until,
    )


def refund_context(refund: RefundRequest) -> str:
    if refund.kind == RefundKind.FINANCIAL_LEASE:
        return fee_rules.FeeContext.FINANCIAL_LEASE
    return fee_rules.FeeContext.REDUCED_ANNUAL


@dataclass(frozen=True)
class RefundPreview:
    lines: list[fee_rules.RefundLine]
    periods: dict[str, LicencePeriod]

    @property
    def total(self):
        return sum((line.amount for line in self.lines), fee_rules.ZERO)


def refund_preview(refund: RefundRequest) -> RefundPreview:
    """What approving the request now would refund, given earlier refunds of the vehicle."""
    periods, paid = paid_periods(refund.vehicle)
    lines = fee_rules.refund_lines(
        periods=paid,
        schedule=fee_schedule(),
        window=refund_window(refund),
        already_refunded=refunded_spans(refund.vehicle, excluding=refund),
        context=refund_context(refund),
    )
    return RefundPreview(lines, periods)


def open_differences() -> QuerySet[FeeDifference]:
    return (
        FeeDifference.objects.filter(status=DifferenceStatus.OPEN)
        .select_related("vehicle", "transfer", "transfer__seller")
        .order_by("raised_on", "id")
    )


def refund_queue() -> QuerySet[RefundRequest]:
    """Open and approved-but-unpaid refunds, the soonest due first (BADGE-41)."""
    return (
        RefundRequest.objects.filter(status__in=[RefundStatus.OPEN, RefundStatus.APPROVED])
        .select_related("person", "vehicle")
        .order_by("due_on", "id")
    )


def recent_transfers(limit: int = 20) -> list[OwnershipTransfer]:
    return list(
        OwnershipTransfer.objects.select_related("vehicle", "seller", "fee_difference")[:limit]
    )


def vehicle_fee_file(number: str) -> Vehicle | None:
    """A vehicle with everything its fee page shows, prefetched."""
    return (
        Vehicle.objects.filter(number=number)
        .prefetch_related(
            "owners",
            Prefetch("restrictions", to_attr="all_restrictions"),
            Prefetch("licence_periods", queryset=LicencePeriod.objects.order_by("valid_from")),
            Prefetch("exemptions", queryset=ReducedFeeExemption.objects.select_related("person")),
            "fee_differences",
            Prefetch("transfers", queryset=OwnershipTransfer.objects.select_related("seller")),
            Prefetch("refunds", queryset=RefundRequest.objects.select_related("person")),
        )
        .first()
    )


def active_exemption(person) -> ReducedFeeExemption | None:
    return (
        ReducedFeeExemption.objects.filter(person=person, status=ExemptionStatus.ACTIVE)
        .select_related("vehicle")
        .first()
    )


def person_holds_valid_approval(person, on: date) -> bool:
    """The person is recognised as disabled on `on` and their latest badge, if any, has not
    expired (BADGE-16)."""
    approved = EligibilityApproval.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=on), person=person, valid_from__lte=on
    ).exists()
    latest = (
        Badge.objects.filter(person=person, status__in=CURRENT_BADGE_STATUSES)
        .order_by("-issued_on")
        .first()
    )
    return approved and (latest is None or latest.valid_until >= on)


def importer_files(*, include_closed: bool = False) -> QuerySet[ImporterVehicleFile]:
    files = ImporterVehicleFile.objects.select_related("vehicle").annotate(
        overdue=Q(close_by__lt=timezone.now()) & ~Q(status=ImporterFileStatus.CLOSED)
    )
    if not include_closed:
        files = files.exclude(status=ImporterFileStatus.CLOSED)
    return files.order_by("close_by", "id")


def holder_has_two_vehicles(national_id: str) -> bool:
    """BADGE-46: does the buyer's badge already carry two vehicles?"""
    return (
        BadgeVehicle.objects.filter(person__national_id=national_id, removed_on__isnull=True)
        .values("vehicle")
        .count()
        >= 2
    )


def badge_vehicles_to_remove() -> QuerySet[BadgeVehicle]:
    """BADGE-49: current vehicles on badges that are no longer active, or whose ownership
    changed: the owner the ground rests on (the holder for a vehicle of their own) no longer
    owns it, or, when no owner is named, someone became an owner after it was added."""
    named_owner = Coalesce(
        NullIf(F("owner_national_id"), Value("")),
        Case(When(ground=VehicleGround.OWNER, then=F("person__national_id")), default=None),
    )
    still_owned = VehicleOwner.objects.filter(
        vehicle=OuterRef("vehicle"), owned_until__isnull=True, national_id=OuterRef("named_owner")
    )
    new_owner = VehicleOwner.objects.filter(
        vehicle=OuterRef("vehicle"), owned_from__gt=OuterRef("added_on")
    )
    return (
        BadgeVehicle.objects.filter(removed_on__isnull=True)
        .annotate(
            named_owner=named_owner,
            still_owned=Exists(still_owned),
            new_owner=Exists(new_owner),
        )
        .filter(
            Q(vehicle__is_active=False)
            | Q(named_owner__isnull=False, still_owned=False)
            | Q(named_owner__isnull=True, new_owner=True)
        )
        .select_related("vehicle", "person")
        .order_by("id")
    )


def last_badge_issue_by_vehicle(month: date) -> Iterator[tuple[str, date]]:
    """BADGE-51: each vehicle number on a current badge valid in `month`, with its last badge
    issue date, in number order. Streams two grouped, ordered queries (first and second
    vehicle) and merges them, so memory does not grow with the number of badges."""
    current = Badge.objects.filter(status__in=CURRENT_BADGE_STATUSES, valid_until__gte=month)

    def by(column: str):
        return (
            current.exclude(**{column: ""})
            .values(column)
            .annotate(last=Max("issued_on"))
            .order_by(column)
            .values_list(column, "last")
            .iterator(chunk_size=2000)
        )

    merged = heapq.merge(by("vehicle_number_1"), by("vehicle_number_2"))
    for number, rows in groupby(merged, key=itemgetter(0)):
        yield number, max(last for _, last in rows)


@dataclass(frozen=True)
class CitizenMoneyCases:
    """The citizen's own refund requests (BADGE-41: status and the date they are due) and
    the ownership transfers they sold or bought in (BADGE-35: the difference still owed)."""

    refunds: list[RefundRequest]
    transfers: list[OwnershipTransfer]

    def __bool__(self) -> bool:
        return bool(self.refunds or self.transfers)


def citizen_money_cases(national_id: str) -> CitizenMoneyCases:
    """Two queries whatever the number of cases; only the citizen's own, by identity number."""
    refunds = (
        RefundRequest.objects.filter(person__national_id=national_id)
        .select_related("vehicle")
        .order_by("-requested_on", "-id")
    )
    transfers = (
        OwnershipTransfer.objects.filter(
            Q(seller__national_id=national_id) | Q(buyer_national_id=national_id)
        )
        .select_related("vehicle", "seller", "fee_difference")
        .order_by("-transferred_on", "-id")
    )
    return CitizenMoneyCases(refunds=list(refunds), transfers=list(transfers))
