"""The vehicles an applicant asks to put on the badge, each on its ground with its proof
(BADGE-19 to BADGE-28), received with the application (issue 15). Called inside
`application_receive`'s transaction."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.files import File
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.models import User
from taxportal.texts import said

from .. import rules
from ..choices import EvidenceKind
from ..models import ApplicationVehicle, BadgeApplication, MedicalDocument


@dataclass(frozen=True)
class VehicleAsked:
    number: str
    ground: str
    relation: str = ""
    owner_national_id: str = ""
    evidence_kind: str = ""
    evidence: File | None = None


def asked_vehicles_problems(vehicles: Sequence[VehicleAsked]) -> list[str]:
    """BADGE-5: at most two vehicles; each with its ground's proof (BADGE-20 to BADGE-28)."""
    problems: list[str] = []
    count = rules.vehicle_count_problem(0, len(vehicles))
    if count:
        problems.append(count)
    numbers = [v.number for v in vehicles]
    for vehicle in vehicles:
        problems.extend(
            f"{vehicle.number}: {problem}"
            for problem in rules.asked_vehicle_problems(
                ground=vehicle.ground,
                relation=vehicle.relation,
                evidence_kind=vehicle.evidence_kind,
                has_evidence=vehicle.evidence is not None,
            )
        )
    if len(set(numbers)) != len(numbers):
        problems.append(str(rules.SAME_VEHICLE_TWICE))
    return problems


def asked_vehicles_record(
    *,
    actor: User,
    application: BadgeApplication,
    vehicles: Sequence[VehicleAsked],
    evidence: Sequence[tuple[File, str] | None],
) -> list[ApplicationVehicle]:
    """Each vehicle with its proof, kept with the application's documents (the clerk sees it on
    the case page); `evidence` is each vehicle's file already checked by content, or None."""
    recorded = []
    for vehicle, checked in zip(vehicles, evidence, strict=True):
        document = None
        if checked is not None:
            upload, content_type = checked
            document = MedicalDocument.objects.create(
                application=application,
                file=upload,
                original_name=(upload.name or "")[:255],
                content_type=content_type,
                description=said(
                    gettext_noop("proof of the ground of vehicle %(number)s: %(kind)s"),
                    number=vehicle.number,
                    kind=EvidenceKind(vehicle.evidence_kind).label,
                ),
                uploaded_by=actor,
            )
        recorded.append(
            ApplicationVehicle.objects.create(
                application=application,
                number=vehicle.number,
                ground=vehicle.ground,
                relation=vehicle.relation,
                owner_national_id=vehicle.owner_national_id,
                evidence_kind=vehicle.evidence_kind,
                evidence=document,
            )
        )
    if recorded:
        audit_record(
            actor=actor,
            action=gettext_noop("vehicles asked for with the application"),
            target=application,
            changes={"vehicles": [f"{v.number} ({v.ground})" for v in recorded]},
        )
    return recorded
