"""Rules of the importers' files (BADGE-32, BADGE-46)."""

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from taxportal.money import to_decimal

from ..choices import FeeContext
from .fees import ScheduledFee, fee_in_force

# BADGE-46: importers close the vehicle file within 48 hours.
IMPORTER_CLOSE_WITHIN = timedelta(hours=48)


def importer_print_must_be_redone(
    *, printed_amount: Decimal, schedule: Iterable[ScheduledFee], on_date: date
) -> bool:
    """BADGE-32: at an importer an exempt buyer's licence must print the reduced importer
    amount; anything else (typically the full one) cancels the print, to be redone."""
    expected = fee_in_force(schedule, FeeContext.IMPORTER_REDUCED, on_date)
    return to_decimal(printed_amount) != expected


def importer_close_deadline(opened_at):
    """BADGE-46: the vehicle file must be closed within 48 hours of opening."""
    return opened_at + IMPORTER_CLOSE_WITHIN
