"""Vehicles on the holder's file, on their grounds with evidence (BADGE-19 to BADGE-30)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.locks import locked
from taxportal.models import User
from taxportal.texts import Said
from taxportal.uploads import SCANS, check_upload

from .. import rules
from ..choices import VehicleSource
from ..models import BadgeVehicle, DisabledPerson, GroundEvidence, Vehicle
from ..selectors import vehicle_facts


@dataclass(frozen=True)
class EvidenceItem:
    kind: str
    document: UploadedFile | None = None
    note: str = ""


def _current_vehicles(person: DisabledPerson):
    return person.badge_vehicles.filter(removed_on__isnull=True).select_related("vehicle")


@transaction.atomic
def badge_vehicle_add(
    *,
    actor: User | None,
    person: DisabledPerson,
    vehicle: Vehicle,
    ground: str,
    on: date,
    evidence: Sequence[EvidenceItem] = (),
    relation: str = "",
    owner_national_id: str = "",
    source: str = VehicleSource.CLERK,
) -> BadgeVehicle:
    """Put a vehicle on the holder's file on its ground, with the evidence the ground needs
    (BADGE-19 to BADGE-30). At most two vehicles (BADGE-5)."""
    person = locked(person)
    current = list(_current_vehicles(person))
    if any(entry.vehicle_id == vehicle.pk for entry in current):
        raise ValidationError(_("This vehicle is already on the holder's file."))
    problems = []
    count_problem = rules.vehicle_count_problem(
        len(current),
        organisation=rules.organisation_file([*(entry.ground for entry in current), ground]),
    )
    if count_problem:
        problems.append(count_problem)
    if vehicle.is_collector:
        collectors = sum(1 for entry in current if entry.vehicle.is_collector)
        collector_problem = rules.collector_count_problem(collectors)
        if collector_problem:
            problems.append(collector_problem)
    claim = rules.GroundClaim(
        ground=ground,
        holder_id=person.national_id,
        evidence=frozenset(item.kind for item in evidence),
        relation=relation,
        owner_id=owner_national_id,
    )
    problems.extend(str(p) for p in rules.ground_problems(claim, vehicle_facts(vehicle)))
    content_types = {}
    for item in evidence:
        if item.document:
            try:
                content_types[id(item)] = check_upload(item.document, allowed=SCANS)
            except ValidationError as refused:
                problems.extend(refused.messages)
    if problems:
        raise ValidationError(problems)
    entry = BadgeVehicle.objects.create(
        person=person,
        vehicle=vehicle,
        ground=ground,
        relation=relation,
        owner_national_id=owner_national_id,
        source=source,
        added_on=on,
        added_by=actor,
    )
    for item in evidence:
        GroundEvidence.objects.create(
            badge_vehicle=entry,
            kind=item.kind,
            document=item.document,
            content_type=content_types.get(id(item), ""),
            note=item.note,
            recorded_by=actor,
        )
    audit_record(
        actor=actor,
        action=gettext_noop("vehicle added to the badge file"),
        target=person,
        changes={
            "vehicle": vehicle.number,
            "ground": ground,
            "relation": relation,
            "evidence": sorted(claim.evidence),
        },
    )
    return entry


@transaction.atomic
def badge_vehicle_remove(
    *, actor: User | None, entry: BadgeVehicle, on: date, reason: str | Said
) -> BadgeVehicle:
    """Take a vehicle off the file; it stays in the history (BADGE-25, BADGE-49)."""
    entry = locked(entry)
    if entry.removed_on is not None:
        raise ValidationError(_("This vehicle was already removed."))
    if not str(reason).strip():
        raise ValidationError(_("Say why the vehicle is removed."))
    entry.removed_on = on
    entry.removal_reason = reason
    entry.save(update_fields=["removed_on", "removal_reason"])
    audit_record(
        actor=actor,
        action=gettext_noop("vehicle removed from the badge file"),
        target=entry.person,
        reason=reason,
        changes={"vehicle": entry.vehicle.number},
    )
    return entry
