"""A case waiting for more information past its date (BADGE-10): the clerk extends the date or
closes the case, each with a reason."""

from collections.abc import Sequence
from datetime import date
from typing import cast

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.locks import locked
from taxportal.models import Receipt, User
from taxportal.texts import said

from .. import rules
from ..models import BadgeApplication
from ..rules.transitions import (
    APPLICATION_TRANSITIONS,
    CLOSE_UNANSWERED,
    EXTEND_INFO,
    next_status,
)
from .applications import _attach_documents, checked_documents
from .badge_events import tell_info_deadline_extended
from .receipts import documents_receipt

# A CharField has a max_length.
CLOSE_REASON_MAX = cast(int, BadgeApplication._meta.get_field("close_reason").max_length)


def _waiting(application: BadgeApplication, step: str, reason: str) -> BadgeApplication:
    application = locked(application)
    if next_status(APPLICATION_TRANSITIONS, application.status, step) is None:
        raise ValidationError(_("This case is not waiting for more information."), code="state")
    if not reason.strip():
        raise ValidationError(_("Give the reason."), code="reason")
    if len(reason.strip()) > CLOSE_REASON_MAX:
        raise ValidationError(
            _("The reason can be at most %(max)s characters.") % {"max": CLOSE_REASON_MAX},
            code="reason",
        )
    return application


@transaction.atomic
def application_extend_info_deadline(
    *,
    actor: User,
    application: BadgeApplication,
    until: date,
    reason: str,
    today: date | None = None,
) -> BadgeApplication:
    """BADGE-10: the clerk gives the applicant a later "more information by" date, with the
    reason; the case stays waiting. `today`, when given, must be before the new date."""
    application = _waiting(application, EXTEND_INFO, reason)
    problem = rules.info_extension_problem(
        current=application.info_due_on, until=until, today=today
    )
    if problem:
        raise ValidationError(problem, code="not_later")
    previous = application.info_due_on
    application.info_due_on = until
    application._change_reason = reason.strip()
    application._history_user = actor
    application.save(update_fields=["info_due_on"])
    audit_record(
        actor=actor,
        action=gettext_noop("more-information date extended"),
        target=application,
        reason=reason.strip(),
        changes={"from": previous, "until": until},
    )
    tell_info_deadline_extended(application)
    return application


@transaction.atomic
def application_close(
    *, actor: User, application: BadgeApplication, on: date, reason: str
) -> BadgeApplication:
    """BADGE-10: the information did not come by its date: the clerk closes the case, with the
    reason. Not before the date has passed."""
    application = _waiting(application, CLOSE_UNANSWERED, reason)
    problem = rules.info_close_problem(info_due_on=application.info_due_on, on=on)
    if problem:
        raise ValidationError(problem, code="too_early")
    new_status = next_status(APPLICATION_TRANSITIONS, application.status, CLOSE_UNANSWERED)
    assert new_status is not None  # _waiting checked this step
    application.status = new_status
    application.closed_on = on
    application.close_reason = reason.strip()
    application._change_reason = reason.strip()
    application._history_user = actor
    application.save(update_fields=["status", "closed_on", "close_reason"])
    audit_record(
        actor=actor,
        action=gettext_noop("case closed: information did not come"),
        target=application,
        reason=reason.strip(),
        changes={"closed_on": on},
    )
    return application


@transaction.atomic
def application_documents_from_citizen(
    *, actor: User, application: BadgeApplication, documents: Sequence[File], today: date
) -> Receipt:
    """BADGE-10, issue 15: the citizen sends the information the doctor asked for, online,
    until the date set (that day included); the documents join the case, which stays in the
    clerk's queue to go back to the doctor, and the citizen is given a receipt."""
    application = locked(application)
    problem = rules.citizen_documents_problem(
        status=application.status, info_due_on=application.info_due_on, today=today
    )
    if problem:
        raise ValidationError(problem, code="state")
    if not documents:
        raise ValidationError(_("Choose at least one file."), code="required")
    files = checked_documents(documents)
    attached = _attach_documents(
        actor=actor,
        application=application,
        files=files,
        note=said(gettext_noop("sent online by the citizen: the information asked for")),
    )
    return documents_receipt(
        actor=actor, application=application, documents=attached, due_on=application.info_due_on
    )
