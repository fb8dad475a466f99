"""Celery tasks of the badge app: each takes ids or a date and calls one service.

A task imports its service inside its body: the services import this module to enqueue tasks
after commit, so this module imports no service at the top.
"""

from datetime import date

from celery import shared_task
from django.utils import timezone


def _day(iso_date: str | None) -> date:
    return date.fromisoformat(iso_date) if iso_date else timezone.localdate()


# --- Daily jobs (BADGE-47, BADGE-48, BADGE-52) --------------------------------------------


@shared_task
def add_new_vehicles_to_badges(iso_date: str | None = None) -> int:
    """BADGE-47: new vehicles of disabled owners reported by importers go on their badges."""
    from .services import new_vehicles_add_to_badges

    return new_vehicles_add_to_badges(day=_day(iso_date))


@shared_task
def renew_expiring_badges(iso_date: str | None = None) -> int:
    """BADGE-52: the automatic renewal ahead of expiry."""
    from .services import badges_renew_due

    return badges_renew_due(today=_day(iso_date))


@shared_task
def build_print_file(iso_date: str | None = None) -> str:
    """BADGE-48: the day's print file for the printing house."""
    from .services import print_file_build

    row = print_file_build(for_date=_day(iso_date))
    assert row.file.name is not None  # the file was just stored
    return row.file.name


@shared_task
def discard_unsent_drafts() -> int:
    """Issue 15: the files of online applications left unsent for over a day are deleted."""
    from .services.drafts import KEPT_FOR, drafts_discard_older_than

    return drafts_discard_older_than(before=timezone.now() - KEPT_FOR)


@shared_task
def tell_badges_printed(print_file_id: int) -> int:
    """BADGE-14, BADGE-18: the holders of the day's print file are told, after it is built."""
    from .services.badge_events import print_file_tell_holders

    return print_file_tell_holders(print_file_id=print_file_id)


# --- Transfers (BADGE-35) ----------------------------------------------------------------


@shared_task
def notify_transfer_parties(transfer_id: int) -> int:
    from .models import OwnershipTransfer
    from .services import transfer_notify_parties

    return transfer_notify_parties(
        transfer=OwnershipTransfer.objects.select_related(
            "seller", "vehicle", "fee_difference"
        ).get(pk=transfer_id)
    )


# --- Monthly jobs (BADGE-49, BADGE-50, BADGE-51) -----------------------------------------


@shared_task
def monthly_badge_vehicle_check(on: str | None = None) -> int:
    """BADGE-49."""
    from .services import badge_vehicles_monthly_check

    return badge_vehicles_monthly_check(on=_day(on))


@shared_task
def monthly_disabled_tariff_reset(on: str | None = None) -> int:
    """BADGE-50."""
    from .services import disabled_tariff_monthly_reset

    return disabled_tariff_monthly_reset(on=_day(on))


@shared_task
def monthly_enforcement_file(on: str | None = None) -> int:
    """BADGE-51."""
    from .services import enforcement_file_build

    return enforcement_file_build(month=_day(on)).pk
