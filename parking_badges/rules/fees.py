"""Rules of the reduced licence fee and fee differences (BADGE-31 to BADGE-34).

Amounts always come from the fee schedule (data); this module only counts days and chooses
which entry applies.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from taxportal.money import round_agorot, to_decimal

from ..choices import IneligibleReason, OwnerRelation, VehicleType
from .vehicles import ADAPTED_RESTRICTIONS, ORGANISATION_TRANSPORT_RESTRICTION

ZERO = Decimal("0.00")

# BADGE-31: a commercial vehicle qualifies only up to this total weight (as printed on it).
COMMERCIAL_WEIGHT_LIMIT_KG = 5000

# The regular tariff a vehicle goes back to (BADGE-34, BADGE-50); "06" is the disabled one.
REGULAR_TARIFF = "01"

# Licence restrictions the fee rules set: 16 owes a fee difference (BADGE-34), 11 prevents an
# ownership transfer (BADGE-45).
RESTRICTION_OWES_DIFFERENCE = "16"

RESTRICTION_NO_TRANSFER = "11"

# Adaptations for the disabled an importer enters as restrictions (BADGE-44).
ADAPTATION_RESTRICTIONS = (*sorted(ADAPTED_RESTRICTIONS), ORGANISATION_TRANSPORT_RESTRICTION)

# BADGE-31: the vehicle types that may pay the reduced fee.
QUALIFYING_VEHICLE_TYPES = frozenset(
    {
        VehicleType.PRIVATE_CAR,
        VehicleType.PRIVATE_DUAL_USE,
        VehicleType.COMMERCIAL,
        VehicleType.PRIVATE_MINIBUS,
        VehicleType.MOTORCYCLE,
    }
)

REDUCED_FEE_OWNERS = {OwnerRelation.SELF, OwnerRelation.SPOUSE, OwnerRelation.GUARDIAN}


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    reasons: tuple[IneligibleReason, ...] = ()

    @property
    def messages(self) -> list[str]:
        return [str(reason.label) for reason in self.reasons]


def reduced_fee_eligibility(
    *,
    vehicle_type: str,
    total_weight_kg: int | None,
    owner_relation: str,
    business_use: bool,
    rental_car: bool = False,
    other_exempt_vehicle: bool = False,
    organisation_owned: bool = False,
    badge_valid: bool = True,
    holder_deceased: bool = False,
) -> Eligibility:
    """BADGE-31 and BADGE-33 (with BADGE-16, 17, 25, 27, 28): may this vehicle pay the reduced
    fee? Every failing condition is listed, so the clerk can tell the person all at once."""
    reasons: list[IneligibleReason] = []
    if vehicle_type == VehicleType.TAXI:
        reasons.append(IneligibleReason.TAXI)
    elif rental_car:
        reasons.append(IneligibleReason.RENTAL)
    elif vehicle_type not in QUALIFYING_VEHICLE_TYPES:
        reasons.append(IneligibleReason.VEHICLE_TYPE)
    elif vehicle_type == VehicleType.COMMERCIAL:
        if total_weight_kg is None:
            reasons.append(IneligibleReason.WEIGHT_MISSING)
        elif total_weight_kg > COMMERCIAL_WEIGHT_LIMIT_KG:
            reasons.append(IneligibleReason.TOO_HEAVY)
    if organisation_owned:
        reasons.append(IneligibleReason.ORGANISATION)
    elif owner_relation not in REDUCED_FEE_OWNERS:
        reasons.append(IneligibleReason.OWNER)
    if business_use:
        reasons.append(IneligibleReason.BUSINESS_USE)
    if other_exempt_vehicle:
        reasons.append(IneligibleReason.OTHER_VEHICLE_EXEMPT)
    if holder_deceased:
        reasons.append(IneligibleReason.DECEASED)
    elif not badge_valid:
        reasons.append(IneligibleReason.NO_VALID_BADGE)
    return Eligibility(eligible=not reasons, reasons=tuple(reasons))


@dataclass(frozen=True)
class ScheduledFee:
    """One row of the fee schedule: `amount` in `context` from `effective_from` (inclusive)
    until `effective_until` (inclusive; None = open)."""

    context: str
    amount: Decimal
    effective_from: date
    effective_until: date | None = None


class NoFeeInForce(LookupError):
    def __init__(self, context: str, on_date: date):
        super().__init__(f"no fee in the schedule for {context!r} on {on_date.isoformat()}")
        self.context, self.on_date = context, on_date


def fee_in_force(schedule: Iterable[ScheduledFee], context: str, on_date: date) -> Decimal:
    """The amount in force for `context` on `on_date`: the latest entry that has started and
    not ended (regulation 272(a): the rate in force on the licence's renewal date)."""
    current = None
    for entry in schedule:
        if entry.context != context or entry.effective_from > on_date:
            continue
        if entry.effective_until is not None and entry.effective_until < on_date:
            continue
        if current is None or entry.effective_from > current.effective_from:
            current = entry
    if current is None:
        raise NoFeeInForce(context, on_date)
    return to_decimal(current.amount)


@dataclass(frozen=True)
class PaidPeriod:
    """A licence period the vehicle paid for: valid `valid_from`..`valid_until` (inclusive)."""

    key: str
    valid_from: date
    valid_until: date
    amount_paid: Decimal

    @property
    def days(self) -> int:
        return (self.valid_until - self.valid_from).days + 1


def days_between(start: date, end: date) -> int:
    """Days in the inclusive range, 0 when empty."""
    return max((end - start).days + 1, 0)


def annual_fee_for_period(annual_fee: Decimal, valid_from: date, valid_until: date) -> Decimal:
    """An annual amount over a licence period of any length, by days of that year."""
    year_days = (valid_from + relativedelta(years=1) - valid_from).days
    return to_decimal(annual_fee) * days_between(valid_from, valid_until) / year_days


def fee_difference(*, period: PaidPeriod, regular_annual_fee: Decimal, from_date: date) -> Decimal:
    """BADGE-33/34: what is still owed on a reduced-fee licence from `from_date` to its end,
    once the vehicle goes back to the regular fee: the regular fee for those days less the
    part of what was paid that covers them. Never negative."""
    start = max(from_date, period.valid_from)
    remaining = days_between(start, period.valid_until)
    if remaining == 0:
        return ZERO
    regular = round_agorot(
        annual_fee_for_period(regular_annual_fee, period.valid_from, period.valid_until)
    )
    owed = (regular - to_decimal(period.amount_paid)) * remaining / period.days
    return max(round_agorot(owed), ZERO)
