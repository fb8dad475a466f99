"""Approvals that come from outside the department: a Ministry of Health approval, which issues
without the doctor (BADGE-6), and the Medical Institute's answer (BADGE-10)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.locks import locked
from taxportal.models import User

from .. import rules
from ..choices import ApprovalSource
from ..models import BadgeApplication, EligibilityApproval
from ..rules.transitions import APPLICATION_TRANSITIONS, RECORD_HEALTH_APPROVAL, next_status
from .badge_events import tell_health_ministry_approval


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
        source_decided_on=approved_on,
        document=application.source_document,
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
    tell_health_ministry_approval(application, approved_on)
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
