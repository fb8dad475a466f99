"""Printing badges, their return, the automatic renewal and new vehicles from importers
(BADGE-12 to BADGE-17, BADGE-47, BADGE-52).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.locks import locked
from taxportal.models import User
from taxportal.texts import Said, label, said

from .. import rules
from ..choices import REPLACEMENT_REASONS, BadgeReason, VehicleGround, VehicleSource
from ..models import Badge, DisabledPerson
from ..rules.transitions import BADGE_TRANSITIONS, SUPERSEDE, next_status
from ..selectors import (
    badges_due_for_renewal,
    current_approval,
    current_badges,
    new_vehicles_of_holders,
)
from .print_file import badges_ordering_lock
from .requests import replacement_requests_close
from .vehicles import _current_vehicles, badge_vehicle_add


@transaction.atomic
def badge_print(
    *,
    actor: User | None,
    person: DisabledPerson,
    reason: str,
    today: date,
    reason_note: str | Said = "",
    owners_are_guardians: bool = False,
) -> Badge:
    """Order the print of the holder's badge with the vehicles on the file (BADGE-12).

    Every print voids the previous badge (BADGE-14); the holder's row is locked so two clerks
    printing at once cannot leave two valid badges. Validity: 8 years capped by the approval
    (BADGE-15); two copies for a minor's two-vehicle badge or guardians (BADGE-13); never after
    expiry or death
    (BADGE-16, BADGE-17). An organisation with more than two vehicles gets one badge per pair
    (BADGE-25), each voiding the previous badge of its slot; the first badge is returned.
    """
    badges_ordering_lock()  # before the badge's id: the print file's claim waits for it
    person = locked(person)
    entries = list(_current_vehicles(person))
    vehicles = [entry.vehicle.number for entry in entries]
    organisation = rules.organisation_file([entry.ground for entry in entries])
    approval = current_approval(person, today)
    previous_badges = {badge.slot: badge for badge in current_badges(person)}
    last = (
        next(iter(previous_badges.values()), None)
        or person.badges.order_by("-issued_on", "-id").first()
    )
    refusals = rules.print_refusals(
        rules.PrintContext(
            today=today,
            died_on=person.died_on,
            approval_valid_from=approval.valid_from if approval else None,
            approval_valid_until=approval.valid_until if approval else None,
            approval_approved_on=approval.approved_on if approval else None,
            vehicle_count=len(vehicles),
            last_badge_valid_until=last.valid_until if last else None,
            last_badge_status=last.status if last else "",
            organisation=organisation,
        )
    )
    if reason in REPLACEMENT_REASONS and not previous_badges:
        refusals.append(_("There is no current badge to replace."))
    if reason in REPLACEMENT_REASONS and not str(reason_note).strip():
        refusals.append(_("Describe the replacement (what was lost, which vehicle...)."))
    if refusals:
        raise ValidationError(refusals)
    assert approval is not None  # print_refusals refuses a print without one
    why = reason_note or label(BadgeReason(reason).label)
    voided_at = timezone.now()
    for previous in previous_badges.values():
        new_status = next_status(BADGE_TRANSITIONS, previous.status, SUPERSEDE)
        assert new_status is not None  # a current badge can be superseded
        previous.status = new_status
        previous.voided_at = voided_at
        previous.save(update_fields=["status", "voided_at"])
    printed = []
    for slot, numbers in enumerate(rules.badge_vehicle_sets(vehicles), start=1):
        badge = Badge.objects.create(
            person=person,
            approval=approval,
            slot=slot,
            reason=reason,
            reason_note=reason_note,
            issued_on=today,
            valid_until=rules.badge_valid_until(today, approval.valid_until),
            copies=rules.copies_to_print(
                born_on=person.born_on,
                on=today,
                vehicle_count=len(numbers),
                has_guardian=person.has_guardian_of_person,
                owners_are_guardians=owners_are_guardians,
            ),
            owners_are_guardians=owners_are_guardians,
            holder_name=person.full_name,
            holder_national_id=person.national_id,
            street=person.street,
            city=person.city,
            postal_code=person.postal_code,
            vehicle_number_1=numbers[0],
            vehicle_number_2=numbers[1] if len(numbers) > 1 else "",
            ordered_by=actor,
        )
        printed.append(badge)
        audit_record(
            actor=actor,
            action=gettext_noop("badge printed"),
            target=badge,
            reason=why,
            changes={
                "reason": reason,
                "vehicles": numbers,
                "slot": slot,
                "valid_until": badge.valid_until,
                "copies": badge.copies,
            },
        )
    for slot, previous in previous_badges.items():
        successor = printed[slot - 1] if slot <= len(printed) else None
        previous.superseded_by = successor
        previous.save(update_fields=["superseded_by"])
        audit_record(
            actor=actor,
            action=gettext_noop("badge voided by a new print"),
            target=previous,
            reason=why,
            changes={"superseded_by": successor.pk if successor else None},
        )
    replacement_requests_close(person=person, on=today)  # issue 15: the citizen's request
    return printed[0]


@transaction.atomic
def badge_record_return(*, actor: User, badge: Badge, returned_on: date) -> Badge:
    """BADGE-17: the returned badge (needed before a dead holder's vehicle changes hands)."""
    badge = locked(badge)
    badge.returned_on = returned_on
    badge.save(update_fields=["returned_on"])
    audit_record(actor=actor, action=gettext_noop("badge returned"), target=badge)
    return badge


def badges_renew_due(*, today: date) -> int:
    """BADGE-52: print a new badge, with no application, for each badge expiring within the
    renewal lead time whose approval outlasts it. Returns how many were renewed."""
    renewed = 0
    renewed_holders: set[int] = set()
    for badge in badges_due_for_renewal(today):
        if badge.person_id in renewed_holders:
            continue  # an organisation's other badges were renewed with its first (BADGE-25)
        renewed_holders.add(badge.person_id)
        try:
            badge_print(
                actor=None,
                person=badge.person,
                reason=BadgeReason.RENEWAL,
                today=today,
                reason_note=said(
                    gettext_noop("Automatic renewal before %(date)s"), date=badge.valid_until
                ),
                owners_are_guardians=badge.owners_are_guardians,
            )
        except ValidationError as refusal:
            audit_record(
                actor=None,
                action=gettext_noop("automatic renewal refused"),
                target=badge,
                reason="; ".join(refusal.messages),
            )
            continue
        renewed += 1
    return renewed


def new_vehicles_add_to_badges(*, day: date) -> int:
    """BADGE-47: every vehicle entered today that an importer reported for a disabled buyer
    is added to that holder's badge, and the badge is printed again with it. Only a new
    vehicle, within 18 months of its manufacture (BADGE-29), is added without a clerk."""
    added = 0
    for vehicle, person in new_vehicles_of_holders(day):
        try:
            if not rules.within_new_vehicle_window(vehicle.manufactured_on, day):
                raise ValidationError(
                    _("Not a new vehicle (over 18 months since manufacture): a clerk adds it.")
                )
            with transaction.atomic():
                badge_vehicle_add(
                    actor=None,
                    person=person,
                    vehicle=vehicle,
                    ground=VehicleGround.OWNER,
                    on=day,
                    source=VehicleSource.DAILY_NEW_VEHICLES,
                )
                badge_print(
                    actor=None,
                    person=person,
                    reason=BadgeReason.NEW_VEHICLE,
                    today=day,
                    reason_note=vehicle.number,
                )
        except ValidationError as refusal:
            audit_record(
                actor=None,
                action=gettext_noop("new vehicle not added to the badge"),
                target=person,
                reason="; ".join(refusal.messages),
                changes={"vehicle": vehicle.number},
            )
            continue
        added += 1
    return added
