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
