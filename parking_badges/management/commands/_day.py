"""The --date option every badge job command takes."""

from datetime import date

from django.core.management.base import CommandError
from django.utils import timezone


def add_date_argument(parser) -> None:
    parser.add_argument("--date", help="The day to run for, YYYY-MM-DD (default: today).")


def parse_day(value: str | None) -> date:
    if not value:
        return timezone.localdate()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date must be YYYY-MM-DD, not {value!r}.") from None
