"""Column shapes and ranges shared by the customs models (the ranges are in rules.ranges)."""

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from ..rules.ranges import (
    EARLIEST_DATE,
    EARLIEST_MANUFACTURE_YEAR,
    MAX_AMOUNT,
    date_in_range,
    latest_manufacture_year,
)

MONEY: dict[str, Any] = {"max_digits": 14, "decimal_places": 2}
PERCENT: dict[str, Any] = {"max_digits": 6, "decimal_places": 2}
PERCENT_RANGE = [MinValueValidator(0), MaxValueValidator(100)]
AMOUNT_RANGE = [MinValueValidator(0), MaxValueValidator(MAX_AMOUNT)]


@deconstructible
class SaneDate:
    """A date from 1 January 1900 to `days_ahead` days after today."""

    def __init__(self, days_ahead: int = 0):
        self.days_ahead = days_ahead

    def __call__(self, value) -> None:
        today = timezone.localdate()
        if value is not None and not date_in_range(value, today=today, days_ahead=self.days_ahead):
            latest = today + timedelta(days=self.days_ahead)
            raise ValidationError(
                _("Enter a date from %(earliest)s to %(latest)s."),
                code="date_range",
                params={
                    "earliest": EARLIEST_DATE.strftime("%d/%m/%Y"),
                    "latest": latest.strftime("%d/%m/%Y"),
                },
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, SaneDate) and other.days_ahead == self.days_ahead


def validate_manufacture_year(value) -> None:
    latest = latest_manufacture_year(timezone.localdate())
    if value is not None and not EARLIEST_MANUFACTURE_YEAR <= value <= latest:
        raise ValidationError(
            _("Enter a year from %(earliest)s to %(latest)s."),
            code="year_range",
            params={"earliest": EARLIEST_MANUFACTURE_YEAR, "latest": latest},
        )
