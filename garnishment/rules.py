"""The regulations' arithmetic as pure functions: indexation of the fee amounts (GAR-12 to
GAR-14), the fee in force on a day (GAR-15), who may bill for an order (GAR-1, GAR-3, GAR-17)
and how much one more answer about an order adds (GAR-5, GAR-7). No database here."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import models
from django.utils.translation import gettext_lazy as _

from taxportal.money import round_shekels

from .choices import AuthorityKind

# The first index every change is measured against (GAR-12).
BASE_INDEX_YEAR = 2016
# The index published in December is the November index (GAR-12).
NOVEMBER = 11
# The accumulated change in the index, either way, that moves the amounts (GAR-13): 5%.
INDEXATION_THRESHOLD_PERCENT = 5
# Published as recognised this many days before it may bill (GAR-1).
PUBLICATION_WAITING_DAYS = 30
# The authority pays within this many days of the full report unless agreed otherwise (GAR-9).
DEFAULT_PAYMENT_TERM_DAYS = 30
# Commencement after the regulations' publication (GAR-17): a local authority, any other.
LOCAL_COMMENCEMENT_MONTHS = 3
OTHER_COMMENCEMENT_MONTHS = 6
# The longest period an answers report may cover (GAR-10).
ANSWERS_REPORT_MAX_YEARS = 3

# The fee codes of the schedule (GAR-5): the base amounts live in fixtures/garnishment/.
ASSETS_FOUND = "assets_found"
NO_ASSETS = "no_assets"

FeeSchedule = list[tuple[date, dict[str, Decimal]]]


class MissingIndexYears(ValueError):
    """A year between December 2016 and the last value entered has no index (GAR-12)."""

    def __init__(self, years: list[int]):
        super().__init__(f"no index published in December of {', '.join(map(str, years))}")
        self.years = years


def index_publication_refusal(year: int, measured_month: int, published_on: date) -> str | None:
    """Why an index value of `year` cannot have been published on that day, or None (GAR-12):
    the November index is published after November ends and must be published before the change
    day it feeds, 1 January of the next year."""
    if measured_month != NOVEMBER:
        return str(_("The index published in December is the November index."))
    if published_on >= date(year + 1, 1, 1):
        return str(
            _("Published on or after the change day it feeds (1 January %(next)d): refused.")
            % {"next": year + 1}
        )
    if published_on < date(year, measured_month, 1) + relativedelta(months=1):
        return str(_("The November index cannot be published before November ends."))
    return None


def indexed_amounts(
    base_amounts: dict[str, Decimal], december_index: dict[int, Decimal]
) -> list[tuple[date, dict[str, Decimal]]]:
    """Each change day (1 January) with the amounts that apply from it (GAR-12 to GAR-14).

    The index published in December (November's) of each year from 2017 on is compared with the
    index behind the last change (at first that of December 2016); when it moved 5% or more
    either way, the amounts become the base amounts times index / index(2016), rounded half up
    to whole shekels. A year missing between 2016 and the last one is an error.
    """
    if not december_index:
        return []
    if min(december_index) < BASE_INDEX_YEAR or BASE_INDEX_YEAR not in december_index:
        raise ValueError(f"december_index must start at December {BASE_INDEX_YEAR}")
    missing = [y for y in range(BASE_INDEX_YEAR, max(december_index)) if y not in december_index]
    if missing:
        raise MissingIndexYears(missing)
    base_index = december_index[BASE_INDEX_YEAR]
    threshold = Decimal(INDEXATION_THRESHOLD_PERCENT) / 100
    last_index = base_index
    changes: list[tuple[date, dict[str, Decimal]]] = []
    for year in sorted(december_index):
        index = december_index[year]
        if year == BASE_INDEX_YEAR or abs(index / last_index - 1) < threshold:
            continue
        amounts = {
            code: round_shekels(amount * index / base_index)
            for code, amount in base_amounts.items()
        }
        changes.append((date(year + 1, 1, 1), amounts))
        last_index = index
    return changes


def amounts_in_force(
    base_amounts: dict[str, Decimal], changes: FeeSchedule, day: date
) -> dict[str, Decimal]:
    """The amounts on `day`: those of the last change day on or before it, else the base."""
    amounts = base_amounts
    for change_day, changed in changes:
        if change_day > day:
            break
        amounts = changed
    return amounts


class FeeReason(models.TextChoices):
    """Why a line bills what it bills; shown next to the amount on every line."""

    BILLED = "billed", _("Billed in full")
    UPGRADE = "upgrade", _("Assets found after a no-assets answer: the difference only")
    ALREADY_BILLED = "already_billed", _("This order was already billed")
    BEFORE_COMMENCEMENT = (
        "before_commencement",
        _("Received before the authority's commencement date"),
    )
    NOT_RECOGNISED = (
        "not_recognised",
        _("The third party was not entitled to payment on the day the order was received"),
    )
    NO_NOTICE = (
        "no_notice",
        _("The authority had not told the third party it serves it electronically on that day"),
    )
    REJECTED = "rejected", _("The line was rejected")
    DELIVERY_OF_BILLED_ORDER = (
        "delivery_of_billed",
        _("A delivery order for a garnishment order already billed: nothing more"),
    )


def entitled_from(published_on: date | None) -> date | None:
    """The first day a published third party may bill: 30 days after publication (GAR-1)."""
    return published_on + timedelta(days=PUBLICATION_WAITING_DAYS) if published_on else None


RecognitionPeriods = tuple[tuple[date, date | None], ...]


def recognition_periods(
    versions: Iterable[tuple[date | None, date | None, date]],
) -> RecognitionPeriods:
    """The periods in which orders received are billable as far as recognition goes (GAR-1,
    GAR-3), from the history of the third party: each saved version's publication date, the
    day electronic service stopped (its own report or the director's revocation), and the day
    the version was recorded, in the order they were saved.

    A publication opens a period 30 days after its date; a stop closes it on its day (orders
    received on the stop day or later bill nothing). A republication after a stop opens a new
    period from 30 days after its date, and never before the day it was recorded: an earlier
    gap is never made billable afterwards. A publication while recognised changes nothing.
    """
    periods: list[tuple[date, date | None]] = []
    open_from: date | None = None
    was_stopped = False
    last_published: date | None = None
    last_stopped: date | None = None
    for published_on, stopped_on, recorded_on in versions:
        republished = last_stopped is not None and stopped_on is None
        if published_on and (published_on != last_published or republished) and not open_from:
            start = entitled_from(published_on)
            assert start is not None  # published_on is set
            open_from = max(start, recorded_on) if was_stopped else start
        if stopped_on and stopped_on != last_stopped:
            if open_from is not None and stopped_on > open_from:
                periods.append((open_from, stopped_on))
            open_from, was_stopped = None, True
        last_published, last_stopped = published_on, stopped_on
    if open_from is not None:
        periods.append((open_from, None))
    return tuple(periods)


@dataclass(frozen=True)
class Entitlement:
    """What decides whether an order is billable at all, for one third party and one
    authority, judged from the history as it stood on the day the order was received (GAR-3)."""

    commencement: date | None  # the authority's commencement date (GAR-17)
    recognised: RecognitionPeriods  # [from, until) periods of recognition (GAR-1a, GAR-3)
    notice_from: date | None  # the first day the authority's notice was in force (GAR-1b)

    def recognised_on(self, day: date) -> bool:
        return any(
            start <= day and (until is None or day < until) for start, until in self.recognised
        )

    def refusal(self, received_on: date) -> FeeReason | None:
        """Why an order received on that day bills nothing, or None when it is billable."""
        if self.commencement is None or received_on < self.commencement:
            return FeeReason.BEFORE_COMMENCEMENT
        if not self.recognised_on(received_on):
            return FeeReason.NOT_RECOGNISED
        if self.notice_from is None or received_on < self.notice_from:
            return FeeReason.NO_NOTICE
        return None


@dataclass(frozen=True)
class FeeDecision:
    code: str
    full_fee: Decimal  # the order's fee for this answer
    billed: Decimal  # what this line adds to the order
    reason: FeeReason


def fee_for_answer(
    *, assets_found: bool, amounts: dict[str, Decimal], already_billed: Decimal
) -> FeeDecision:
    """One payment per order (GAR-7): an answer adds only what its fee exceeds what the order
    already billed; a no-assets answer after an assets-found one adds nothing."""
    code = ASSETS_FOUND if assets_found else NO_ASSETS
    full_fee = amounts[code]
    billed = max(full_fee - already_billed, Decimal(0))
    if billed == 0:
        reason = FeeReason.ALREADY_BILLED
    elif already_billed > 0:
        reason = FeeReason.UPGRADE
    else:
        reason = FeeReason.BILLED
    return FeeDecision(code=code, full_fee=full_fee, billed=billed, reason=reason)


def commencement_date(*, kind: str, regulations_published_on: date) -> date:
    """The day the regulations apply to a serving authority (GAR-17): 3 months after their
    publication for a local authority, 6 months for any other (the Fines Center included)."""
    months = LOCAL_COMMENCEMENT_MONTHS if kind == AuthorityKind.LOCAL else OTHER_COMMENCEMENT_MONTHS
    return regulations_published_on + relativedelta(months=months)


# No report is for a month before this one.
EARLIEST_REPORT_MONTH = date(2000, 1, 1)


def report_period_refusal(period: date, today: date) -> str | None:
    """Why a report cannot be for that month (GAR-8), or None: not a month to come, and not
    before 2000."""
    if period > today:
        return str(_("The month reported cannot be in the future."))
    if period < EARLIEST_REPORT_MONTH:
        return str(_("The month reported cannot be before 2000."))
    return None


def answers_period_is_allowed(start: date, end: date) -> bool:
    """An answers report covers at most three years (GAR-10)."""
    return start <= end and end <= start + relativedelta(years=ANSWERS_REPORT_MAX_YEARS)


def payment_due_on(full_report_on: date, term_days: int) -> date:
    """The authority pays within the term from the day the line's report was full (GAR-9)."""
    return full_report_on + timedelta(days=term_days)
