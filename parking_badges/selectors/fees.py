"""Reads of the fee desk: the fee schedule as plain data, licence periods, open differences,
transfers and a vehicle's fee file.
"""

from django.db.models import Prefetch, QuerySet

from .. import rules
from ..choices import DifferenceStatus
from ..models import (
    FeeDifference,
    FeeScheduleEntry,
    LicencePeriod,
    OwnershipTransfer,
    ReducedFeeExemption,
    RefundRequest,
    Vehicle,
)


def fee_schedule() -> list[rules.ScheduledFee]:
    return [
        rules.ScheduledFee(e.context, e.amount, e.effective_from, e.effective_until)
        for e in FeeScheduleEntry.objects.all()
    ]


def paid_periods(vehicle: Vehicle) -> tuple[dict[str, LicencePeriod], list[rules.PaidPeriod]]:
    periods = {str(p.pk): p for p in LicencePeriod.objects.filter(vehicle=vehicle)}
    return periods, [
        rules.PaidPeriod(key, p.valid_from, p.valid_until, p.amount_paid)
        for key, p in periods.items()
    ]


def open_differences() -> QuerySet[FeeDifference]:
    return (
        FeeDifference.objects.filter(status=DifferenceStatus.OPEN)
        .select_related("vehicle", "transfer", "transfer__seller")
        .order_by("raised_on", "id")
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
