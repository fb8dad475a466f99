"""Pure rules of the reduced licence fee, fee differences and refunds (BADGE-31 to BADGE-42).

No database here (only the register's choices are read from `models`): the services read the
rows, turn them into these plain values, and store what comes back. Amounts always come from
the fee schedule (data); this module only counts days and chooses which entry applies.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import models
from django.utils.translation import gettext_lazy as _

from taxportal.money import round_agorot, to_decimal

from .models import ApprovalSource, VehicleType
from .rules import (  # noqa: F401 - DISABLED_TARIFF is the fee rules' too
    ADAPTED_RESTRICTIONS,
    DISABLED_TARIFF,
    ORGANISATION_TRANSPORT_RESTRICTION,
)

ZERO = Decimal("0.00")

# BADGE-31: a commercial vehicle qualifies only up to this total weight (as printed on it).
COMMERCIAL_WEIGHT_LIMIT_KG = 5000
# BADGE-39: with an earlier National Insurance / Ministry of Health recognition, this far back.
EARLIER_RECOGNITION_LOOKBACK = relativedelta(months=12)
# BADGE-41: a refund is paid within three months of the request.
REFUND_DUE_AFTER = relativedelta(months=3)
# BADGE-46: importers close the vehicle file within 48 hours.
IMPORTER_CLOSE_WITHIN = timedelta(hours=48)


class FeeContext(models.TextChoices):
    """Where an amount of the fee schedule applies (BADGE-32)."""

    REDUCED_ANNUAL = "reduced_annual", _("Reduced annual licence fee (regulation supplement)")
    FINANCIAL_LEASE = "financial_lease", _("Reduced annual fee, financial lease")
    IMPORTER_REDUCED = "importer_reduced", _("Licence printed at the importer, reduced")
    IMPORTER_FULL = "importer_full", _("Licence printed at the importer, full fee")


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


class OwnerRelation(models.TextChoices):
    """Who the vehicle is registered to, relative to the disabled person."""

    SELF = "self", _("The disabled person")
    SPOUSE = "spouse", _("Spouse")
    GUARDIAN = "guardian", _("Guardian appointed by court")
    PARENT = "parent", _("Parent")
    OTHER = "other", _("Someone else")


REDUCED_FEE_OWNERS = {OwnerRelation.SELF, OwnerRelation.SPOUSE, OwnerRelation.GUARDIAN}
# BADGE-37: a parent's vehicle counts for a refund only while the person is under 18.
REFUND_OWNERS = REDUCED_FEE_OWNERS | {OwnerRelation.PARENT}
# BADGE-38: the bodies whose determination a refund is decided on (not National Insurance,
# whose earlier recognition only reaches back, BADGE-39).
REFUND_DETERMINING_BODIES = (
    ApprovalSource.DEPARTMENT_DOCTOR,
    ApprovalSource.MINISTRY_OF_HEALTH,
    ApprovalSource.MINISTRY_OF_LABOUR,
    ApprovalSource.MINISTRY_OF_DEFENCE,
    ApprovalSource.MINISTRY_OF_FINANCE,
)
ADULT_AGE = relativedelta(years=18)
ONE_DAY = timedelta(days=1)


class IneligibleReason(models.TextChoices):
    """Why a vehicle may not pay the reduced fee, in words the clerk reads out."""

    VEHICLE_TYPE = "vehicle_type", _("This type of vehicle does not get the reduced fee.")
    TAXI = "taxi", _("A taxi gets a badge only, never the reduced fee.")
    RENTAL = "rental", _("A rental-company car gets a badge only, never the reduced fee.")
    TOO_HEAVY = "too_heavy", _("A commercial vehicle over 5,000 kg total weight does not qualify.")
    WEIGHT_MISSING = "weight_missing", _("The commercial vehicle's total weight is not recorded.")
    OWNER = (
        "owner",
        _("The vehicle must be registered to the person, their spouse or their guardian."),
    )
    BUSINESS_USE = "business_use", _("A vehicle used for business or trade does not qualify.")
    OTHER_VEHICLE_EXEMPT = (
        "other_vehicle_exempt",
        _(
            "Another vehicle of this person already has the reduced fee; "
            "pay the difference on it to move the exemption."
        ),
    )
    ORGANISATION = "organisation", _("An organisation's vehicle never gets tariff 06.")
    NO_VALID_BADGE = "no_valid_badge", _("The badge has expired: no reduced-fee licence.")
    DECEASED = "deceased", _("The holder has died: no licence is sent.")


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


def refund_body_problem(approving_body: str) -> str:
    """BADGE-38: why a refund cannot be decided on this body's determination; empty if it can."""
    if approving_body in REFUND_DETERMINING_BODIES:
        return ""
    names = ", ".join(str(ApprovalSource(b).label) for b in REFUND_DETERMINING_BODIES)
    return str(_("A refund is decided on the determination of: %(names)s.") % {"names": names})


def refund_owner_eligible(
    *, owner_relation: str, person_birth_date: date | None, on_date: date
) -> bool:
    """BADGE-37: person, spouse, court-appointed guardian, or a parent while the person is
    under 18 (on the day refunded)."""
    if owner_relation == OwnerRelation.PARENT:
        return person_birth_date is not None and on_date < person_birth_date + ADULT_AGE
    return owner_relation in REFUND_OWNERS


# -- The fee schedule ---------------------------------------------------------------------------


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


def importer_print_must_be_redone(
    *, printed_amount: Decimal, schedule: Iterable[ScheduledFee], on_date: date
) -> bool:
    """BADGE-32: at an importer an exempt buyer's licence must print the reduced importer
    amount; anything else (typically the full one) cancels the print, to be redone."""
    expected = fee_in_force(schedule, FeeContext.IMPORTER_REDUCED, on_date)
    return to_decimal(printed_amount) != expected


# -- Licence periods, days and differences ------------------------------------------------------


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


# -- Refunds ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RefundWindow:
    """BADGE-39, BADGE-40, BADGE-42: the days the person could have paid the reduced fee."""

    determining_date: date
    eligible_until: date | None = None


def refund_window(
    *,
    approval_date: date,
    ownership_date: date,
    disability_start: date | None = None,
    earlier_recognition_date: date | None = None,
    eligible_until: date | None = None,
) -> RefundWindow:
    """The determining date: the day the approving bodies approved (BADGE-39), moved back to an
    earlier National Insurance / Ministry of Health recognition by at most 12 months before the
    approval; then the later of that, the disability's own start, and the ownership date
    (BADGE-40)."""
    start = approval_date
    if earlier_recognition_date is not None and earlier_recognition_date < approval_date:
        start = max(earlier_recognition_date, approval_date - EARLIER_RECOGNITION_LOOKBACK)
    if disability_start is not None:
        start = max(start, disability_start)
    return RefundWindow(max(start, ownership_date), eligible_until)


def lease_refund_window(*, lease_from: date, lease_until: date) -> RefundWindow:
    """BADGE-42: for a financial lease the validity and determining dates are the lease's."""
    return RefundWindow(determining_date=lease_from, eligible_until=lease_until)


@dataclass(frozen=True)
class RefundedSpan:
    """Days of one paid period already refunded by an earlier request, and how much."""

    period_key: str
    start: date
    end: date
    amount: Decimal


@dataclass(frozen=True)
class RefundLine:
    period_key: str
    start: date
    end: date
    days: int
    amount_paid: Decimal
    reduced_fee: Decimal
    amount: Decimal


def _free_runs(
    start: date, end: date, taken: Sequence[tuple[date, date]]
) -> list[tuple[date, date]]:
    """The sub-ranges of [start, end] not covered by `taken` (inclusive ranges)."""
    runs, cursor = [], start
    for taken_start, taken_end in sorted(taken):
        if taken_end < cursor:
            continue
        if taken_start > end:
            break
        if taken_start > cursor:
            runs.append((cursor, taken_start - ONE_DAY))
        cursor = max(cursor, taken_end + ONE_DAY)
    if cursor <= end:
        runs.append((cursor, end))
    return runs


def refund_lines(
    *,
    periods: Iterable[PaidPeriod],
    schedule: Iterable[ScheduledFee],
    window: RefundWindow,
    already_refunded: Iterable[RefundedSpan] = (),
    context: str = FeeContext.REDUCED_ANNUAL,
) -> list[RefundLine]:
    """BADGE-37 to BADGE-42: the lines to refund for one request.

    For each paid period (earliest validity first, BADGE-41), the days inside the window not
    refunded before are refunded by days (BADGE-40) at the period's difference: what was paid
    less the reduced fee in force when the period began (regulation 272(a)). Amounts are
    computed cumulatively per period, so rounding never lets a period's refunds exceed its
    difference.
    """
    schedule = list(schedule)
    previous: dict[str, list[RefundedSpan]] = {}
    for span in already_refunded:
        previous.setdefault(span.period_key, []).append(span)
    lines: list[RefundLine] = []
    for period in sorted(periods, key=lambda p: (p.valid_from, p.key)):
        start = max(period.valid_from, window.determining_date)
        end = period.valid_until
        if window.eligible_until is not None:
            end = min(end, window.eligible_until)
        if start > end:
            continue
        spans = previous.get(period.key, [])
        runs = _free_runs(start, end, [(s.start, s.end) for s in spans])
        if not runs:
            continue
        annual = fee_in_force(schedule, context, period.valid_from)
        reduced = round_agorot(annual_fee_for_period(annual, period.valid_from, period.valid_until))
        difference = to_decimal(period.amount_paid) - reduced
        if difference <= 0:
            continue
        days_before = sum(days_between(s.start, s.end) for s in spans)
        paid_before = sum((to_decimal(s.amount) for s in spans), ZERO)
        for run_start, run_end in runs:
            days = days_between(run_start, run_end)
            total = round_agorot(difference * (days_before + days) / period.days)
            amount = max(total - paid_before, ZERO)
            lines.append(
                RefundLine(
                    period_key=period.key,
                    start=run_start,
                    end=run_end,
                    days=days,
                    amount_paid=to_decimal(period.amount_paid),
                    reduced_fee=reduced,
                    amount=amount,
                )
            )
            days_before += days
            paid_before += amount
    return lines


def refund_due_date(requested_on: date) -> date:
    """BADGE-41: paid within three months of the request."""
    return requested_on + REFUND_DUE_AFTER


def importer_close_deadline(opened_at):
    """BADGE-46: the vehicle file must be closed within 48 hours of opening."""
    return opened_at + IMPORTER_CLOSE_WITHIN
