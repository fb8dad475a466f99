"""Celery tasks of the money side: each takes ids or a date and calls one service."""

from celery import shared_task

from . import fee_services, tasks
from .models import OwnershipTransfer


@shared_task
def notify_transfer_parties(transfer_id: int) -> int:
    return fee_services.transfer_notify_parties(
        transfer=OwnershipTransfer.objects.select_related(
            "seller", "vehicle", "fee_difference"
        ).get(pk=transfer_id)
    )


@shared_task
def monthly_badge_vehicle_check(on: str | None = None) -> int:
    """BADGE-49."""
    return fee_services.badge_vehicles_monthly_check(on=tasks._day(on))


@shared_task
def monthly_disabled_tariff_reset(on: str | None = None) -> int:
    """BADGE-50."""
    return fee_services.disabled_tariff_monthly_reset(on=tasks._day(on))


@shared_task
def monthly_enforcement_file(on: str | None = None) -> int:
    """BADGE-51."""
    return fee_services.enforcement_file_build(month=tasks._day(on)).pk
