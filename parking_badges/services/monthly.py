"""The monthly jobs on the register: vehicles leaving badges and the disabled tariff ending
(BADGE-49, BADGE-50).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.locks import locked
from taxportal.texts import said

from .. import rules, selectors
from ..choices import BadgeReason, ExemptionStatus
from ..models import Badge, DisabledPerson, LicenceDispatch, ReducedFeeExemption
from ..selectors import current_badges
from ._register import end_exemptions
from .badges import badge_print
from .vehicles import badge_vehicle_remove


def badge_vehicles_monthly_check(*, on: date) -> int:
    """BADGE-49: vehicles no longer active or whose ownership changed leave the badge, and the
    holder's badge is printed again without them (BADGE-14: the old one is void). Running
    again removes and prints nothing more. Returns how many vehicles were removed."""
    removed = 0
    changed: dict[int, tuple[DisabledPerson, str, list[str]]] = {}
    for entry in selectors.badge_vehicles_to_remove().iterator(chunk_size=500):
        sold = entry.vehicle.is_active
        why = said(
            gettext_noop("Monthly check: ownership of the vehicle changed.")
            if sold
            else gettext_noop("Monthly check: vehicle no longer active.")
        )
        try:
            badge_vehicle_remove(actor=None, entry=entry, on=on, reason=why)
        except ValidationError:
            continue  # removed meanwhile by a clerk
        removed += 1
        person, reason, numbers = changed.get(
            entry.person_id, (entry.person, BadgeReason.VEHICLES_CHANGED, [])
        )
        if sold:
            reason = BadgeReason.OWNERSHIP_CHANGED
        changed[entry.person_id] = (person, reason, [*numbers, entry.vehicle.number])
    for person, reason, numbers in changed.values():
        replacement_badge_order(person=person, reason=reason, numbers=numbers, on=on)
    return removed


def replacement_badge_order(
    *, person: DisabledPerson, reason: str, numbers: list[str], on: date
) -> Badge | None:
    """BADGE-14 after BADGE-49: a current badge that still carries a removed vehicle is
    replaced by a new print with the vehicles left on the file; with none left, or when the
    print is refused (expired, died...), the refusal is recorded and nothing is printed."""
    badges = current_badges(person)
    carried = {number for badge in badges for number in badge.vehicle_numbers}
    if not badges or not set(numbers) & carried:
        return None
    badge = badges[0]
    note = said(gettext_noop("Monthly check removed %(numbers)s."), numbers=", ".join(numbers))
    try:
        with transaction.atomic():
            return badge_print(
                actor=None,
                person=person,
                reason=reason,
                today=on,
                reason_note=note,
                owners_are_guardians=badge.owners_are_guardians,
            )
    except ValidationError as refusal:
        audit_record(
            actor=None,
            action=gettext_noop("replacement badge not ordered"),
            target=badge,
            reason=said(
                gettext_noop("%(note)s Refused: %(refusals)s"),
                note=note,
                refusals="; ".join(refusal.messages),
            ),
        )
        return None


def disabled_tariff_monthly_reset(*, on: date) -> int:
    """BADGE-50: at the monthly licence dispatch a disabled-tariff vehicle whose holder's
    disability validity has ended goes back to the regular tariff, and its licence is recorded
    as sent at the regular fee in force (BADGE-32: from the fee schedule). After the holder's
    death (BADGE-17) the tariff goes back too, but no licence is sent. Running again resets
    and dispatches nothing more."""
    month = on.replace(day=1)
    reset = 0
    exemptions = ReducedFeeExemption.objects.filter(status=ExemptionStatus.ACTIVE).select_related(
        "person", "vehicle"
    )
    for exemption in exemptions.iterator(chunk_size=500):
        person = exemption.person
        died = person.died_on is not None
        if not died and selectors.person_holds_valid_approval(person, on):
            continue
        with transaction.atomic():
            vehicle = locked(exemption.vehicle)
            if died:
                why = said(gettext_noop("The holder died: no licence is sent."))
                end_exemptions(vehicle, on, why, None)
                audit_record(
                    actor=None,
                    action=gettext_noop("tariff reset to regular, no licence sent (holder died)"),
                    target=vehicle,
                    reason=why,
                    changes={"person": person.national_id, "died_on": person.died_on},
                )
                reset += 1
                continue
            why = said(gettext_noop("Disability validity ended."))
            end_exemptions(vehicle, on, why, None)
            dispatch, _created = LicenceDispatch.objects.get_or_create(
                vehicle=vehicle,
                month=month,
                defaults={
                    "tariff_code": rules.REGULAR_TARIFF,
                    "regular_annual_fee": selectors.regular_annual_fee_in_force(on),
                    "reason": why,
                },
            )
            audit_record(
                actor=None,
                action=gettext_noop("tariff reset to regular (monthly dispatch)"),
                target=vehicle,
                reason=why,
                changes={
                    "person": person.national_id,
                    "dispatch_month": month,
                    "tariff": dispatch.tariff_code,
                    "regular_annual_fee": dispatch.regular_annual_fee,
                },
            )
        reset += 1
    return reset
