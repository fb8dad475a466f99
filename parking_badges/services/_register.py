"""The vehicle register as the fee services change it: restrictions, the tariff, and ending a
vehicle's exemptions. Called inside the services' transactions.
"""

from datetime import date

from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.models import User
from taxportal.texts import Said

from .. import rules
from ..models import (
    Vehicle,
    VehicleRestriction,
)
from ..rules.transitions import END, EXEMPTION_TRANSITIONS, next_status


def restriction_set(vehicle: Vehicle, code: str, on: date) -> None:
    if not vehicle.restrictions.filter(code=code, removed_on__isnull=True).exists():
        VehicleRestriction.objects.create(vehicle=vehicle, code=code, recorded_on=on)


def restriction_clear(vehicle: Vehicle, code: str, on: date) -> None:
    vehicle.restrictions.filter(code=code, removed_on__isnull=True).update(removed_on=on)


def set_tariff(vehicle: Vehicle, tariff: str) -> None:
    if vehicle.tariff_code != tariff:
        vehicle.tariff_code = tariff
        vehicle.save(update_fields=["tariff_code"])


def end_exemptions(vehicle: Vehicle, on: date, why: str | Said, actor: User | None) -> None:
    endable = [s for s in EXEMPTION_TRANSITIONS if next_status(EXEMPTION_TRANSITIONS, s, END)]
    for exemption in vehicle.exemptions.filter(status__in=endable):
        new_status = next_status(EXEMPTION_TRANSITIONS, exemption.status, END)
        assert new_status is not None  # only endable ones are read
        exemption.status = new_status
        exemption.ended_on = on
        exemption.end_reason = why
        exemption.save(update_fields=["status", "ended_on", "end_reason"])
        audit_record(
            actor=actor, action=gettext_noop("reduced fee ended"), target=exemption, reason=why
        )
    set_tariff(vehicle, rules.REGULAR_TARIFF)
