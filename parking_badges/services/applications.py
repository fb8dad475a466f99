"""Applications, appeals and the department doctor's decisions (BADGE-6 to BADGE-10)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.locks import locked
from taxportal.models import User
from taxportal.texts import said

from .. import rules
from ..choices import (
    OPEN_APPLICATION_STATUSES,
    ApplicationKind,
    ApprovalSource,
    DecisionOutcome,
)
from ..models import BadgeApplication, EligibilityApproval, MedicalDecision, MedicalDocument
from ..rules.transitions import (
    APPEAL,
    APPLICATION_TRANSITIONS,
    RECORD_HEALTH_APPROVAL,
    SEND_TO_DOCTOR,
    next_status,
)
from .holders import PersonDetails, person_record

# Audit actions are stored in English and shown translated (gettext_noop marks them).
DECISION_ACTIONS = {
    DecisionOutcome.APPROVED: gettext_noop("doctor approved"),
    DecisionOutcome.REJECTED: gettext_noop("doctor rejected"),
    DecisionOutcome.INFO_REQUESTED: gettext_noop("doctor required more information"),
}


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
    person = person_record(
        actor=actor, details=details, reason=said(gettext_noop("application received"))
    )
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


@transaction.atomic
def application_send_to_doctor(
    *, actor: User, application: BadgeApplication, on: date
) -> BadgeApplication:
    """BADGE-10: the case goes to the department doctor (again, after more information)."""
    application = locked(application)
    status = next_status(APPLICATION_TRANSITIONS, application.status, SEND_TO_DOCTOR)
    if status is None:
        raise ValidationError(
            _("Only a received case, or one awaiting information, goes to the doctor.")
        )
    if application.source == ApprovalSource.MINISTRY_OF_HEALTH:
        raise ValidationError(
            _("A Ministry of Health approval needs no doctor: record the approval instead.")
        )
    application.status = status
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
    application = locked(application)
    status = next_status(APPLICATION_TRANSITIONS, application.status, outcome)
    if status is None:
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
    application.status = status
    application.decided_on = decided_on
    application.info_due_on = decision.info_requested_until
    if refer_to_institute and not application.institute_referred_on:
        application.institute_referred_on = decided_on
    application.save(update_fields=["status", "decided_on", "info_due_on", "institute_referred_on"])
    if outcome == DecisionOutcome.APPROVED:
        # BADGE-6: the approval keeps its real source (National Insurance, Defence, Finance...);
        # its documents are the application's.
        EligibilityApproval.objects.create(
            person=application.person,
            source=application.source,
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
    application = locked(application)
    if application.source != ApprovalSource.MINISTRY_OF_HEALTH:
        raise ValidationError(_("Only a Ministry of Health approval issues without the doctor."))
    status = next_status(APPLICATION_TRANSITIONS, application.status, RECORD_HEALTH_APPROVAL)
    if status is None:
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
    application.status = status
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
    application = locked(application)
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
    rejected = locked(rejected)
    if next_status(APPLICATION_TRANSITIONS, rejected.status, APPEAL) is None:
        raise ValidationError(_("Only a rejected application can be appealed."))
    if rejected.appeals.filter(status__in=OPEN_APPLICATION_STATUSES).exists():
        raise ValidationError(_("An appeal against this rejection is already open."))
    appeal = BadgeApplication.objects.create(
        person=rejected.person,
        kind=ApplicationKind.APPEAL,
        appeal_of=rejected,
        source=rejected.source,
        ground=rejected.ground,
        material_received_on=material_received_on,
        notes=notes,
        received_by=actor,
    )
    audit_record(actor=actor, action=gettext_noop("appeal received"), target=appeal, reason=notes)
    _attach_documents(actor=actor, application=appeal, files=documents, note="")
    return appeal
