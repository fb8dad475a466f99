"""Every change to a badge case: keyword-only, atomic, audited with who, when and why.

Printing locks the holder's row (`select_for_update`) so that two clerks printing the same
holder's badge at once produce one valid badge, the other voided (BADGE-14).
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.models import User

from . import print_file, rules
from .models import (
    OPEN_APPLICATION_STATUSES,
    REPLACEMENT_REASONS,
    ApplicationKind,
    ApplicationStatus,
    ApprovalSource,
    Badge,
    BadgeApplication,
    BadgeReason,
    BadgeStatus,
    BadgeVehicle,
    DecisionOutcome,
    DisabledPerson,
    EligibilityApproval,
    GroundEvidence,
    MedicalDecision,
    MedicalDocument,
    PrintFile,
    Vehicle,
    VehicleGround,
    VehicleSource,
)
from .selectors import (
    badges_due_for_renewal,
    current_approval,
    current_badges,
    new_vehicles_of_holders,
    vehicle_facts,
)

# Audit actions are stored in English and shown translated (gettext_noop marks them).
DECISION_ACTIONS = {
    DecisionOutcome.APPROVED: gettext_noop("doctor approved"),
    DecisionOutcome.REJECTED: gettext_noop("doctor rejected"),
    DecisionOutcome.INFO_REQUESTED: gettext_noop("doctor required more information"),
}

# --- The holder's file -------------------------------------------------------------------


@dataclass(frozen=True)
class PersonDetails:
    national_id: str
    first_name: str
    last_name: str
    born_on: date | None = None
    street: str = ""
    city: str = ""
    postal_code: str = ""
    phone: str = ""
    email: str = ""
    has_guardian_of_person: bool = False


@transaction.atomic
def person_record(*, actor: User | None, details: PersonDetails, reason: str) -> DisabledPerson:
    """Open the holder's file, or update the details on it (identity number is the key)."""
    fields = {k: v for k, v in details.__dict__.items() if k != "national_id"}
    person, created = DisabledPerson.objects.update_or_create(
        national_id=details.national_id, defaults=fields
    )
    audit_record(
        actor=actor,
        action=gettext_noop("badge holder file opened")
        if created
        else gettext_noop("badge holder details updated"),
        target=person,
        reason=reason,
        changes=fields,
    )
    return person


@transaction.atomic
def person_record_death(
    *, actor: User | None, person: DisabledPerson, died_on: date, reason: str
) -> DisabledPerson:
    """BADGE-17: on the holder's death no badge is sent; the current badge is cancelled."""
    person = DisabledPerson.objects.select_for_update().get(pk=person.pk)
    person.died_on = died_on
    person.save(update_fields=["died_on"])
    for badge in current_badges(person):
        badge.status = BadgeStatus.CANCELLED
        badge.voided_at = timezone.now()
        badge.save(update_fields=["status", "voided_at"])
        audit_record(
            actor=actor,
            action=gettext_noop("badge cancelled: holder died"),
            target=badge,
            reason=reason,
        )
    audit_record(
        actor=actor,
        action=gettext_noop("holder's death recorded"),
        target=person,
        reason=reason,
        changes={"died_on": died_on},
    )
    return person


# --- Applications ------------------------------------------------------------------------


def _attach_documents(
    *, actor: User | None, application: BadgeApplication, files: list[UploadedFile], note: str
) -> list[MedicalDocument]:
    documents = [
        MedicalDocument.objects.create(
            application=application,
            file=upload,
            original_name=upload.name[:255],
            description=note,
            uploaded_by=actor,
        )
        for upload in files
    ]
    if documents:
        audit_record(
            actor=actor,
            action=gettext_noop("medical documents attached"),
            target=application,
            reason=note,
            changes={"files": [d.original_name for d in documents]},
        )
    return documents


@transaction.atomic
def application_receive(
    *,
    actor: User,
    details: PersonDetails,
    source: str,
    ground: str,
    material_received_on: date,
    documents: list[UploadedFile],
    notes: str = "",
) -> BadgeApplication:
    """BADGE-7: the mobility department receives an application with its medical documents."""
    problems = rules.application_problems(ground=ground, source=source)
    if not documents:
        problems.append(_("An application comes with current medical documents."))
    if problems:
        raise ValidationError(problems)
    person = person_record(actor=actor, details=details, reason=_("application received"))
    application = BadgeApplication.objects.create(
        person=person,
        source=source,
        ground=ground,
        material_received_on=material_received_on,
        notes=notes,
        received_by=actor,
    )
    audit_record(
        actor=actor,
        action=gettext_noop("badge application received"),
        target=application,
        reason=notes,
        changes={"source": source, "ground": ground, "material_received_on": material_received_on},
    )
    _attach_documents(actor=actor, application=application, files=documents, note="")
    return application


@transaction.atomic
def application_add_documents(
    *, actor: User, application: BadgeApplication, documents: list[UploadedFile], note: str
) -> list[MedicalDocument]:
    if not documents:
        raise ValidationError(_("Choose at least one file."))
    return _attach_documents(actor=actor, application=application, files=documents, note=note)


def _locked(application: BadgeApplication) -> BadgeApplication:
    return BadgeApplication.objects.select_for_update().get(pk=application.pk)


@transaction.atomic
def application_send_to_doctor(
    *, actor: User, application: BadgeApplication, on: date
) -> BadgeApplication:
    """BADGE-10: the case goes to the department doctor (again, after more information)."""
    application = _locked(application)
    if application.status not in (ApplicationStatus.RECEIVED, ApplicationStatus.INFO_REQUESTED):
        raise ValidationError(
            _("Only a received case, or one awaiting information, goes to the doctor.")
        )
    if application.source == ApprovalSource.MINISTRY_OF_HEALTH:
        raise ValidationError(
            _("A Ministry of Health approval needs no doctor: record the approval instead.")
        )
    application.status = ApplicationStatus.WITH_DOCTOR
    application.sent_to_doctor_on = on
    application.save(update_fields=["status", "sent_to_doctor_on"])
    audit_record(
        actor=actor, action=gettext_noop("sent to the department doctor"), target=application
    )
    return application


@transaction.atomic
def application_decide(
    *,
    actor: User,
    application: BadgeApplication,
    outcome: str,
    decided_on: date,
    reasons: str,
    info_requested_until: date | None = None,
    approval_valid_until: date | None = None,
    refer_to_institute: bool = False,
) -> MedicalDecision:
    """BADGE-10: the department doctor approves, rejects, or requires more information by a
    date; findings that bear on fitness to drive refer the case to the Medical Institute."""
    application = _locked(application)
    if application.status != ApplicationStatus.WITH_DOCTOR:
        raise ValidationError(_("This case is not waiting for the doctor."))
    if outcome == DecisionOutcome.INFO_REQUESTED and not info_requested_until:
        raise ValidationError(_("Say by which date the information is required."))
    if outcome == DecisionOutcome.INFO_REQUESTED and info_requested_until <= decided_on:
        raise ValidationError(_("The date for more information must be after the decision."))
    if outcome == DecisionOutcome.REJECTED and not reasons.strip():
        raise ValidationError(_("A rejection needs its reasons."))
    if approval_valid_until and approval_valid_until <= decided_on:
        raise ValidationError(_("The approval must end after the decision date."))
    decision = MedicalDecision.objects.create(
        application=application,
        outcome=outcome,
        decided_on=decided_on,
        reasons=reasons,
        info_requested_until=info_requested_until
        if outcome == DecisionOutcome.INFO_REQUESTED
        else None,
        approval_valid_until=approval_valid_until if outcome == DecisionOutcome.APPROVED else None,
        refer_to_institute=refer_to_institute,
        decided_by=actor,
    )
    application.status = {
        DecisionOutcome.APPROVED: ApplicationStatus.APPROVED,
        DecisionOutcome.REJECTED: ApplicationStatus.REJECTED,
        DecisionOutcome.INFO_REQUESTED: ApplicationStatus.INFO_REQUESTED,
    }[outcome]
    application.decided_on = decided_on
    if refer_to_institute and not application.institute_referred_on:
        application.institute_referred_on = decided_on
    application.save(update_fields=["status", "decided_on", "institute_referred_on"])
    if outcome == DecisionOutcome.APPROVED:
        EligibilityApproval.objects.create(
            person=application.person,
            source=ApprovalSource.DEPARTMENT_DOCTOR,
            ground=application.ground,
            approved_on=decided_on,
            valid_from=decided_on,
            valid_until=approval_valid_until,
            application=application,
            recorded_by=actor,
        )
    audit_record(
        actor=actor,
        action=DECISION_ACTIONS[outcome],
        target=application,
        reason=reasons,
        changes={
            "outcome": outcome,
            "decided_on": decided_on,
            "info_requested_until": info_requested_until,
            "approval_valid_until": approval_valid_until,
            "refer_to_institute": refer_to_institute,
        },
    )
    return decision


@transaction.atomic
def application_record_health_ministry_approval(
    *,
    actor: User,
    application: BadgeApplication,
    approved_on: date,
    valid_until: date | None,
    reference: str,
    disability_started_on: date | None = None,
    disability_percent: int | None = None,
) -> EligibilityApproval:
    """BADGE-6: a Ministry of Health approval issues a badge with no doctor's approval."""
    application = _locked(application)
    if application.source != ApprovalSource.MINISTRY_OF_HEALTH:
        raise ValidationError(_("Only a Ministry of Health approval issues without the doctor."))
    if application.status != ApplicationStatus.RECEIVED:
        raise ValidationError(_("This case has already been decided."))
    problems = rules.application_problems(
        ground=application.ground, source=application.source, disability_percent=disability_percent
    )
    if problems:
        raise ValidationError(problems)
    approval = EligibilityApproval.objects.create(
        person=application.person,
        source=ApprovalSource.MINISTRY_OF_HEALTH,
        ground=application.ground,
        approved_on=approved_on,
        valid_from=approved_on,
        valid_until=valid_until,
        disability_started_on=disability_started_on,
        disability_percent=disability_percent,
        reference=reference,
        application=application,
        recorded_by=actor,
    )
    application.status = ApplicationStatus.APPROVED
    application.decided_on = approved_on
    application.save(update_fields=["status", "decided_on"])
    audit_record(
        actor=actor,
        action=gettext_noop("Ministry of Health approval recorded"),
        target=application,
        reason=reference,
        changes={"approved_on": approved_on, "valid_until": valid_until},
    )
    return approval


@transaction.atomic
def application_record_institute_answer(
    *, actor: User, application: BadgeApplication, answer: str, answered_on: date
) -> BadgeApplication:
    """BADGE-10: the Medical Institute's answer, shown to the licensing offices."""
    application = _locked(application)
    if not application.institute_referred_on:
        raise ValidationError(_("This case was not referred to the Medical Institute."))
    application.institute_answer = answer
    application.institute_answered_on = answered_on
    application.save(update_fields=["institute_answer", "institute_answered_on"])
    audit_record(
        actor=actor,
        action=gettext_noop("Medical Institute's answer recorded"),
        target=application,
        reason=answer,
    )
    return application


@transaction.atomic
def appeal_receive(
    *,
    actor: User,
    rejected: BadgeApplication,
    material_received_on: date,
    documents: list[UploadedFile],
    notes: str,
) -> BadgeApplication:
    """BADGE-9: an appeal against a rejection, recorded and decided like an application."""
    rejected = _locked(rejected)
    if rejected.status != ApplicationStatus.REJECTED:
        raise ValidationError(_("Only a rejected application can be appealed."))
    if rejected.appeals.filter(status__in=OPEN_APPLICATION_STATUSES).exists():
        raise ValidationError(_("An appeal against this rejection is already open."))
    appeal = BadgeApplication.objects.create(
        person=rejected.person,
        kind=ApplicationKind.APPEAL,
        appeal_of=rejected,
        source=ApprovalSource.DEPARTMENT_DOCTOR,
        ground=rejected.ground,
        material_received_on=material_received_on,
        notes=notes,
        received_by=actor,
    )
    audit_record(actor=actor, action=gettext_noop("appeal received"), target=appeal, reason=notes)
    _attach_documents(actor=actor, application=appeal, files=documents, note="")
    return appeal


# --- Vehicles on the file ----------------------------------------------------------------


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
    evidence: list[EvidenceItem] = (),
    relation: str = "",
    owner_national_id: str = "",
    source: str = VehicleSource.CLERK,
) -> BadgeVehicle:
    """Put a vehicle on the holder's file on its ground, with the evidence the ground needs
    (BADGE-19 to BADGE-30). At most two vehicles (BADGE-5)."""
    person = DisabledPerson.objects.select_for_update().get(pk=person.pk)
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
    *, actor: User | None, entry: BadgeVehicle, on: date, reason: str
) -> BadgeVehicle:
    """Take a vehicle off the file; it stays in the history (BADGE-25, BADGE-49)."""
    entry = BadgeVehicle.objects.select_for_update().get(pk=entry.pk)
    if entry.removed_on is not None:
        raise ValidationError(_("This vehicle was already removed."))
    if not reason.strip():
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


# --- Badges ------------------------------------------------------------------------------


@transaction.atomic
def badge_print(
    *,
    actor: User | None,
    person: DisabledPerson,
    reason: str,
    today: date,
    reason_note: str = "",
    owners_are_guardians: bool = False,
) -> Badge:
    """Order the print of the holder's badge with the vehicles on the file (BADGE-12).

    Every print voids the previous badge (BADGE-14); the holder's row is locked so two clerks
    printing at once cannot leave two valid badges. Validity: 8 years capped by the approval
    (BADGE-15); two copies for a minor or guardians (BADGE-13); never after expiry or death
    (BADGE-16, BADGE-17). An organisation with more than two vehicles gets one badge per pair
    (BADGE-25), each voiding the previous badge of its slot; the first badge is returned.
    """
    person = DisabledPerson.objects.select_for_update().get(pk=person.pk)
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
    if reason in REPLACEMENT_REASONS and not reason_note.strip():
        refusals.append(_("Describe the replacement (what was lost, which vehicle...)."))
    if refusals:
        raise ValidationError(refusals)
    why = reason_note or str(BadgeReason(reason).label)
    voided_at = timezone.now()
    for previous in previous_badges.values():
        previous.status = BadgeStatus.SUPERSEDED
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
    return printed[0]


@transaction.atomic
def badge_record_return(*, actor: User, badge: Badge, returned_on: date) -> Badge:
    """BADGE-17: the returned badge (needed before a dead holder's vehicle changes hands)."""
    badge = Badge.objects.select_for_update().get(pk=badge.pk)
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
                reason_note=_("Automatic renewal before %(date)s")
                % {"date": badge.valid_until.strftime("%d/%m/%Y")},
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


# --- The print file ----------------------------------------------------------------------


def print_file_build(*, for_date: date, actor: User | None = None) -> PrintFile:
    """BADGE-48: the day's print file. Each badge goes in exactly one file; building a day
    again returns the same file."""
    existing = PrintFile.objects.filter(for_date=for_date).first()
    if existing is not None:
        return existing
    return print_file.build(for_date=for_date, actor=actor)


@transaction.atomic
def print_file_mark_downloaded(*, actor: User, print_file_row: PrintFile) -> PrintFile:
    row = PrintFile.objects.select_for_update().get(pk=print_file_row.pk)
    if row.downloaded_at is None:
        row.downloaded_at = timezone.now()
        row.save(update_fields=["downloaded_at"])
    audit_record(actor=actor, action=gettext_noop("print file downloaded"), target=row)
    return row


@transaction.atomic
def print_file_confirm_receipt(*, actor: User, print_file_row: PrintFile, sha256: str) -> PrintFile:
    """The printing house confirms it received the file intact (by its checksum)."""
    row = PrintFile.objects.select_for_update().get(pk=print_file_row.pk)
    if sha256.strip().lower() != row.sha256:
        raise ValidationError(_("The checksum does not match the file: download it again."))
    if row.receipt_confirmed_at is None:
        row.receipt_confirmed_at = timezone.now()
        row.receipt_confirmed_by = actor
        row.save(update_fields=["receipt_confirmed_at", "receipt_confirmed_by"])
        audit_record(actor=actor, action=gettext_noop("print file receipt confirmed"), target=row)
    return row
