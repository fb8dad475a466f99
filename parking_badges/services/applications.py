"""Applications, appeals and the department doctor's decisions (BADGE-6 to BADGE-10)."""

import uuid
from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.locks import locked
from taxportal.models import User
from taxportal.texts import Said, said
from taxportal.uploads import SCANS, check_upload

from .. import rules, selectors
from ..choices import (
    OPEN_APPLICATION_STATUSES,
    ApplicationChannel,
    ApplicationKind,
    ApprovalSource,
    DecisionOutcome,
)
from ..models import (
    BadgeApplication,
    DisabledPerson,
    EligibilityApproval,
    MedicalDecision,
    MedicalDocument,
)
from ..rules.transitions import (
    APPEAL,
    APPLICATION_TRANSITIONS,
    SEND_TO_DOCTOR,
    next_status,
)
from .asked_vehicles import VehicleAsked, asked_vehicles_problems, asked_vehicles_record
from .badge_events import tell_application_received, tell_decision, tell_sent_to_doctor
from .holders import PersonDetails, person_record
from .receipts import application_receipt

# The code of the refusal that lists how an application's details differ from the file (BADGE-7).
DETAILS_DIFFER = "details_differ"

# Audit actions are stored in English and shown translated (gettext_noop marks them).
DECISION_ACTIONS: dict[str, str] = {
    DecisionOutcome.APPROVED: gettext_noop("doctor approved"),
    DecisionOutcome.REJECTED: gettext_noop("doctor rejected"),
    DecisionOutcome.INFO_REQUESTED: gettext_noop("doctor required more information"),
}


def checked_documents(files: Sequence[File]) -> list[tuple[File, str]]:
    """Each file with the type its content was checked to be (a PDF must be a PDF, a scan an
    image, within the size limit), or a ValidationError naming every file refused; checked
    before anything is written (issue 11)."""
    checked, problems = [], []
    for upload in files:
        try:
            checked.append((upload, check_upload(upload, allowed=SCANS)))
        except ValidationError as refused:
            problems.extend(refused.messages)
    if problems:
        raise ValidationError(problems, code="document")
    return checked


def _attach_documents(
    *,
    actor: User | None,
    application: BadgeApplication,
    files: list[tuple[File, str]],
    note: str | Said,
) -> list[MedicalDocument]:
    documents = [
        MedicalDocument.objects.create(
            application=application,
            file=upload,
            original_name=(upload.name or "")[:255],
            content_type=content_type,
            description=note,
            uploaded_by=actor,
        )
        for upload, content_type in files
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
    documents: Sequence[File],
    notes: str = "",
    source_decided_on: date | None = None,
    source_reference: str = "",
    source_letter: File | None = None,
    confirm_changes: bool = False,
    submission_token: uuid.UUID | None = None,
    channel: str = ApplicationChannel.DESK,
    vehicles: Sequence[VehicleAsked] = (),
) -> BadgeApplication:
    """BADGE-7: the mobility department receives an application with its medical documents.

    Issue 15: the same service receives what a clerk records at the desk and what a citizen
    sends online (`channel`, the citizen being `actor`), with the vehicles asked for on their
    grounds and each ground's proof: both enter the same queue, the 90 days counted from
    `material_received_on` (BADGE-8). Online, the citizen's own details update the file
    (`confirm_changes`: they are identified at the high level) and the history keeps both.

    When the holder's file exists and the application gives other details (name, birth date,
    address, contacts), nothing is recorded until the clerk confirms them (`confirm_changes`):
    the refusal names each difference; once confirmed the file is updated and its history keeps
    both versions. BADGE-55: a form sent twice (the same `submission_token`, a one-time value of
    the form page) records one application: the second sending returns the first.
    BADGE-6: an approval of another body than the department doctor comes with that body's
    decision date, reference and letter, which its approval keeps."""
    if submission_token is not None:
        already = BadgeApplication.objects.filter(submission_token=submission_token).first()
        if already is not None:
            return already
    problems = rules.application_problems(ground=ground, source=source)
    if not documents:
        problems.append(_("An application comes with current medical documents."))
    problems.extend(
        rules.source_evidence_problems(
            source=source,
            decided_on=source_decided_on,
            has_letter=source_letter is not None,
            received_on=material_received_on,
        ).values()
    )
    problems.extend(asked_vehicles_problems(vehicles))
    if problems:
        raise ValidationError(problems)
    files = checked_documents(documents)
    evidence = [
        checked_documents([v.evidence])[0] if v.evidence is not None else None for v in vehicles
    ]
    letter = checked_documents([source_letter])[0] if source_letter is not None else None
    try:
        with transaction.atomic():  # the same form sent twice at once: the second loses here
            application = _receive(
                actor=actor,
                details=details,
                confirm_changes=confirm_changes,
                fields={
                    "source": source,
                    "ground": ground,
                    "material_received_on": material_received_on,
                    "notes": notes,
                    "source_decided_on": source_decided_on,
                    "source_reference": source_reference,
                    "submission_token": submission_token,
                    "channel": channel,
                },
            )
    except IntegrityError:
        already = (
            BadgeApplication.objects.filter(submission_token=submission_token).first()
            if submission_token is not None
            else None
        )
        if already is None:
            raise
        return already
    audit_record(
        actor=actor,
        action=gettext_noop("badge application received"),
        target=application,
        reason=notes,
        changes={
            "source": source,
            "ground": ground,
            "material_received_on": material_received_on,
            "source_decided_on": source_decided_on,
            "source_reference": source_reference,
            "channel": channel,
        },
    )
    attached = _attach_documents(actor=actor, application=application, files=files, note="")
    asked_vehicles_record(
        actor=actor, application=application, vehicles=vehicles, evidence=evidence
    )
    if channel == ApplicationChannel.ONLINE:
        application_receipt(actor=actor, application=application, documents=attached)
    if letter is not None:
        (application.source_document,) = _attach_documents(
            actor=actor,
            application=application,
            files=[letter],
            note=said(
                gettext_noop("approval letter: %(body)s"),
                body=ApprovalSource(application.source).label,
            ),
        )
        application.save(update_fields=["source_document"])
    if channel != ApplicationChannel.ONLINE:  # online, the receipt tells it, with its reference
        tell_application_received(application)
    return application


def _receive(
    *, actor: User, details: PersonDetails, confirm_changes: bool, fields: dict
) -> BadgeApplication:
    """The holder's file (opened, or updated with the differences the clerk confirmed) and the
    application on it."""
    DisabledPerson.objects.select_for_update().filter(national_id=details.national_id).first()
    differences = selectors.person_differences(details)
    if differences and not confirm_changes:
        raise ValidationError(
            [
                ValidationError(
                    _("%(label)s: “%(old)s” in the holder's file, “%(new)s” in this application.")
                    % {"label": d.label, "old": d.in_file, "new": d.in_application},
                    code=DETAILS_DIFFER,
                )
                for d in differences
            ]
        )
    if not differences:
        reason = said(gettext_noop("application received"))
    elif fields["channel"] == ApplicationChannel.ONLINE:
        reason = said(gettext_noop("details given by the citizen with an online application"))
    else:
        reason = said(gettext_noop("details confirmed by the clerk with a new application"))
    person = person_record(actor=actor, details=details, reason=reason)
    return BadgeApplication.objects.create(person=person, received_by=actor, **fields)


@transaction.atomic
def application_add_documents(
    *, actor: User, application: BadgeApplication, documents: list[UploadedFile], note: str
) -> list[MedicalDocument]:
    if not documents:
        raise ValidationError(_("Choose at least one file."))
    files = checked_documents(documents)
    return _attach_documents(actor=actor, application=application, files=files, note=note)


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
    tell_sent_to_doctor(application)
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
    if (
        outcome == DecisionOutcome.INFO_REQUESTED
        and info_requested_until is not None
        and info_requested_until <= decided_on
    ):
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
            source_decided_on=application.source_decided_on,
            reference=application.source_reference,
            document=application.source_document,
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
    tell_decision(application, decision)
    return decision


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
    files = checked_documents(documents)
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
        source_decided_on=rejected.source_decided_on,
        source_reference=rejected.source_reference,
        source_document=rejected.source_document,
        ground=rejected.ground,
        material_received_on=material_received_on,
        notes=notes,
        received_by=actor,
    )
    audit_record(actor=actor, action=gettext_noop("appeal received"), target=appeal, reason=notes)
    _attach_documents(actor=actor, application=appeal, files=files, note="")
    tell_application_received(appeal)
    return appeal
