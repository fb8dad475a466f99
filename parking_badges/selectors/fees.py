"""Reads of the fee desk: the fee schedule as plain data, licence periods, open differences,
transfers and a vehicle's fee file.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from .. import rules
from ..choices import DifferenceStatus, FeeContext
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


def regular_annual_fee_in_force(on: date) -> Decimal:
    """BADGE-32: the regular annual licence fee in force on `on`, from the fee schedule; a
    clear refusal when the administrators have not entered one for that day."""
    try:
        return rules.fee_in_force(fee_schedule(), FeeContext.REGULAR_ANNUAL, on)
    except rules.NoFeeInForce:
        raise ValidationError(
            _("The fee schedule has no regular annual licence fee in force on %(date)s.")
            % {"date": on.strftime("%d/%m/%Y")},
            code="no_regular_fee",
        ) from None


def paid_periods(vehicle: Vehicle) -> tuple[dict[str, LicencePeriod], list[rules.PaidPeriod]]:
    periods = {str(p.pk): p for p in LicencePeriod.objects.filter(vehicle=vehicle)}
    return periods, [
        rules.PaidPeriod(key, p.valid_from, p.valid_until, p.amount_paid)
        for key, p in periods.items()
    ]


def open_differences() -> QuerySet[FeeDifference]:
    """The fee desk's open differences, with the columns it shows only."""
    return (
        FeeDifference.objects.filter(status=DifferenceStatus.OPEN)
        .select_related("vehicle")
        .only("cause", "raised_on", "amount", "vehicle__number")
        .order_by("raised_on", "id")
    )


def recent_transfers(limit: int = 20) -> list[OwnershipTransfer]:
    """The fee desk's latest transfers, with the columns it shows only."""
    return list(
        OwnershipTransfer.objects.select_related("vehicle", "seller").only(
            "transferred_on",
            "buyer_name",
            "transfer_fee_payer",
            "vehicle__number",
            "seller__first_name",
            "seller__last_name",
        )[:limit]
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
