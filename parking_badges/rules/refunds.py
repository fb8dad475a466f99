"""Rules of refunds (BADGE-37 to BADGE-42): who may be refunded, from when, and by how many days."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext_lazy as _

from taxportal.money import round_agorot, to_decimal

from ..choices import ApprovalSource, FeeContext, OwnerRelation
from .badges import ADULT_AGE
from .fees import (
    REDUCED_FEE_OWNERS,
    ZERO,
    PaidPeriod,
    ScheduledFee,
    annual_fee_for_period,
    days_between,
    fee_in_force,
)

# BADGE-39: with an earlier National Insurance / Ministry of Health recognition, this far back.
EARLIER_RECOGNITION_LOOKBACK = relativedelta(months=12)

# BADGE-41: a refund is paid within three months of the request.
REFUND_DUE_AFTER = relativedelta(months=3)

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

ADULTHOOD = relativedelta(years=ADULT_AGE)  # BADGE-37: a parent's vehicle counts until then

ONE_DAY = timedelta(days=1)


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
        return person_birth_date is not None and on_date < person_birth_date + ADULTHOOD
    return owner_relation in REFUND_OWNERS


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
