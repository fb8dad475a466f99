"""The vehicle register as the fee services change it: restrictions, the tariff, and ending a
vehicle's exemptions. Called inside the services' transactions.
"""

from datetime import date

from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.models import User

from .. import rules
from ..choices import (
    ExemptionStatus,
)
from ..models import (
    Vehicle,
    VehicleRestriction,
)


def restriction_set(vehicle: Vehicle, code: str, on: date) -> None:
    if not vehicle.restrictions.filter(code=code, removed_on__isnull=True).exists():
        VehicleRestriction.objects.create(vehicle=vehicle, code=code, recorded_on=on)


def restriction_clear(vehicle: Vehicle, code: str, on: date) -> None:
    vehicle.restrictions.filter(code=code, removed_on__isnull=True).update(removed_on=on)


def set_tariff(vehicle: Vehicle, tariff: str) -> None:
    if vehicle.tariff_code != tariff:
        vehicle.tariff_code = tariff
        vehicle.save(update_fields=["tariff_code"])


def end_exemptions(vehicle: Vehicle, on: date, why: str, actor: User | None) -> None:
    for exemption in vehicle.exemptions.filter(
        status__in=[ExemptionStatus.ACTIVE, ExemptionStatus.PENDING]
    ):
        exemption.status = ExemptionStatus.ENDED
        exemption.ended_on = on
        exemption.end_reason = why
        exemption.save(update_fields=["status", "ended_on", "end_reason"])
        audit_record(
            actor=actor, action=gettext_noop("reduced fee ended"), target=exemption, reason=why
        )
    set_tariff(vehicle, rules.REGULAR_TARIFF)
