"""Daily jobs (BADGE-47, BADGE-48, BADGE-52): each calls one service."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from . import services


def _day(iso_date: str | None) -> date:
    return date.fromisoformat(iso_date) if iso_date else timezone.localdate()


@shared_task
def add_new_vehicles_to_badges(iso_date: str | None = None) -> int:
    """BADGE-47: new vehicles of disabled owners reported by importers go on their badges."""
    return services.new_vehicles_add_to_badges(day=_day(iso_date))


@shared_task
def renew_expiring_badges(iso_date: str | None = None) -> int:
    """BADGE-52: the automatic renewal ahead of expiry."""
    return services.badges_renew_due(today=_day(iso_date))


@shared_task
def build_print_file(iso_date: str | None = None) -> str:
    """BADGE-48: the day's print file for the printing house."""
    row = services.print_file_build(for_date=_day(iso_date))
    return row.file.name


from .fee_tasks import *  # noqa: E402,F401,F403
