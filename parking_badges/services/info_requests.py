"""A case waiting for more information past its date (BADGE-10): the clerk extends the date or
closes the case, each with a reason."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.locks import locked
from taxportal.models import User

from ..models import BadgeApplication
from ..rules.transitions import (
    APPLICATION_TRANSITIONS,
    CLOSE_UNANSWERED,
    EXTEND_INFO,
    next_status,
)


def _waiting(application: BadgeApplication, step: str, reason: str) -> BadgeApplication:
    application = locked(application)
    if next_status(APPLICATION_TRANSITIONS, application.status, step) is None:
        raise ValidationError(_("This case is not waiting for more information."), code="state")
    if not reason.strip():
        raise ValidationError(_("Give the reason."), code="reason")
    return application


@transaction.atomic
def application_extend_info_deadline(
    *, actor: User, application: BadgeApplication, until: date, reason: str
) -> BadgeApplication:
    application = _waiting(application, EXTEND_INFO, reason)
    if application.info_due_on and until <= application.info_due_on:
        raise ValidationError(_("The new date must be after the current one."), code="not_later")
    previous = application.info_due_on
    application.info_due_on = until
    application.save(update_fields=["info_due_on"])
    audit_record(
        actor=actor,
        action=gettext_noop("more-information date extended"),
        target=application,
        reason=reason,
        changes={"from": previous, "until": until},
    )
    return application


@transaction.atomic
def application_close(
    *, actor: User, application: BadgeApplication, on: date, reason: str
) -> BadgeApplication:
    application = _waiting(application, CLOSE_UNANSWERED, reason)
    application.status = next_status(APPLICATION_TRANSITIONS, application.status, CLOSE_UNANSWERED)
    application.closed_on = on
    application.close_reason = reason
    application.save(update_fields=["status", "closed_on", "close_reason"])
    audit_record(
        actor=actor,
        action=gettext_noop("case closed: information did not come"),
        target=application,
        reason=reason,
        changes={"closed_on": on},
    )
    return application
