"""The sane ranges of dates and amounts on a case (issue 11): nothing from year 1 or 9999, no
amount a personal import never comes near."""

from datetime import date, timedelta
from decimal import Decimal

EARLIEST_DATE = date(1900, 1, 1)
EARLIEST_MANUFACTURE_YEAR = 1886  # the first motor car
MAX_AMOUNT = Decimal("100000000.00")  # 100 million NIS
MAX_ENGINE_VOLUME = 20000  # cc
VALUATION_DAYS_AHEAD = 366  # a quote for an import planned within the year
SCHEDULE_DAYS_AHEAD = 3660  # reference rows and guarantees set up to ten years ahead


def date_in_range(value: date, *, today: date, days_ahead: int = 0) -> bool:
    return EARLIEST_DATE <= value <= today + timedelta(days=days_ahead)


def latest_manufacture_year(today: date) -> int:
    """Next year's models are sold from the middle of this year."""
    return today.year + 1
