"""Deadlines and the guarantee (CUS-10, 12, 17, 23)."""

from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from ..choices import ReleaseStatus


def days_after(start: date, days: int) -> date:
    return start + timedelta(days=days)


def months_after(start: date, months: int) -> date:
    return start + relativedelta(months=months)


def guarantee_forfeits(*, appeal_due: date, appeal_filed: bool, today: date) -> bool:
    """CUS-17: a guarantee is forfeited when no appeal came within the appeal period."""
    return not appeal_filed and today > appeal_due


def guarantee_needs_warning(*, expires_on: date, today: date, warning_days: int) -> bool:
    """The queue warns while a guarantee is held and about to lapse (or has lapsed)."""
    return expires_on - today <= timedelta(days=warning_days)


def release_settlement_status(*, amount: Decimal, kept: Decimal) -> str:
    """CUS-17 after an appeal: forfeited whole, in part (the rest released) or returned."""
    if kept <= 0:
        return ReleaseStatus.RETURNED
    if kept >= amount:
        return ReleaseStatus.FORFEITED
    return ReleaseStatus.PARTLY_FORFEITED


def supervisor_may_decide(*, answered: bool, answer_due: date | None, today: date) -> bool:
    """CUS-10, CUS-11: the supervisor weighs the importer's answer, so decides only once it came
    or once the days to answer have passed (the last day still belongs to the importer)."""
    return answered or (answer_due is not None and today > answer_due)


def appeal_in_time(*, appeal_due: date | None, today: date) -> bool:
    """An appeal period not yet running (a posted notice not yet delivered, CUS-23) is open."""
    return appeal_due is None or today <= appeal_due


def appeal_due(
    *, goods: bool, decided_on: date, notified_on: date | None, days: int
) -> date | None:
    """CUS-12: a vehicle's appeal runs from the decision; CUS-23: goods from the day the
    importer was notified of it (None until a posted notice is delivered)."""
    if not goods:
        return days_after(decided_on, days)
    return None if notified_on is None else days_after(notified_on, days)
