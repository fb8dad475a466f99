"""Sending the user code and the verification links (REG-17, REG-18, REG-21), run by the
background tasks with retries; a message that failed for good is marked, so the page shows it
and the citizen may ask for it again, a few times and not too often."""

from functools import partial

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.links import absolute_url
from taxportal.texts import said

from .. import rules, tasks
from ..models import ContactVerification, Registration
from .contact import verification_token
from .messages import message_compose, send_message
from .registrations import registration_expired


@transaction.atomic
def registration_issue_code(*, registration_id: int) -> None:
    """REG-17, REG-18: generate the user code, keep only its hash, and send it.

    Run by the background task. A retry makes a new code: only the latest one sent is valid.
    When sending fails the transaction is undone, so the registration stays "being sent".
    """
    registration = Registration.objects.select_for_update().get(pk=registration_id)
    if registration.status not in (Registration.Status.CODE_PENDING, Registration.Status.CODE_SENT):
        return
    code = rules.generate_user_code()
    registration.code_hash = make_password(code)
    registration.code_created_at = timezone.now()
    registration.message_failed_at = None
    registration.status = Registration.Status.CODE_SENT
    registration.save(update_fields=["code_hash", "code_created_at", "message_failed_at", "status"])
    subject, body = message_compose(
        name="user_code",
        channel=registration.channel,
        language=registration.language,
        context={"code": code, "minutes": int(rules.USER_CODE_VALIDITY.total_seconds() // 60)},
    )
    send_message(
        channel=registration.channel,
        destination=registration.destination,
        subject=subject,
        body=body,
    )
    audit_record(
        actor=None,
        action=gettext_noop("user code sent"),
        target=registration,
        reason=said(gettext_noop("registration in progress")),
        changes={"channel": registration.channel},
    )


@transaction.atomic
def registration_code_failed(*, registration_id: int) -> None:
    """The user code could not be sent in the end (every retry failed): the code page says so
    and offers to send it again."""
    registration = Registration.objects.select_for_update().get(pk=registration_id)
    if registration.status != Registration.Status.CODE_PENDING:
        return
    registration.message_failed_at = timezone.now()
    registration.save(update_fields=["message_failed_at"])
    audit_record(
        actor=None,
        action=gettext_noop("user code could not be sent"),
        target=registration,
        reason=said(gettext_noop("the messaging system failed")),
        changes={"channel": registration.channel},
    )


@transaction.atomic
def registration_resend_code(*, registration: Registration) -> bool:
    """REG-18: "send again", only for a code that failed for good, at most MAX_RESENDS times
    and RESEND_INTERVAL apart. False when refused."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    now = timezone.now()
    allowed = (
        registration.status == Registration.Status.CODE_PENDING
        and registration.message_failed_at is not None
        and not registration_expired(registration, now)
        and rules.resend_allowed(registration.resends, registration.code_requested_at, now)
    )
    if not allowed:
        return False
    registration.resends += 1
    registration.code_requested_at = now
    registration.message_failed_at = None
    registration.save(update_fields=["resends", "code_requested_at", "message_failed_at"])
    audit_record(
        actor=None,
        action=gettext_noop("user code sent again"),
        target=registration,
        reason=said(gettext_noop("citizen asked")),
    )
    transaction.on_commit(partial(tasks.send_user_code.delay, registration.pk))
    return True


@transaction.atomic
def contact_verification_send(*, verification_id: int) -> None:
    """Send the verification link to the channel it verifies (run by the background task)."""
    verification = ContactVerification.objects.select_for_update().get(pk=verification_id)
    if verification.verified_at:
        return
    link = absolute_url(
        reverse("registration:verify_contact", args=[verification_token(verification)])
    )
    subject, body = message_compose(
        name="verify",
        channel=verification.channel,
        language=verification.language,
        context={"link": link, "days": rules.VERIFICATION_LINK_MAX_AGE.days},
    )
    send_message(
        channel=verification.channel, destination=verification.value, subject=subject, body=body
    )
    if verification.send_failed_at:
        verification.send_failed_at = None
        verification.save(update_fields=["send_failed_at"])


@transaction.atomic
def contact_verification_failed(*, verification_id: int) -> None:
    """A verification link could not be sent in the end: the personal area says so."""
    ContactVerification.objects.filter(pk=verification_id, verified_at__isnull=True).update(
        send_failed_at=timezone.now()
    )


@transaction.atomic
def contact_verification_resend(*, verification: ContactVerification) -> bool:
    """REG-18: "send again" for a link that failed for good, rate-limited like the code."""
    verification = ContactVerification.objects.select_for_update().get(pk=verification.pk)
    now = timezone.now()
    allowed = (
        verification.send_failed_at is not None
        and verification.verified_at is None
        and rules.resend_allowed(verification.resends, verification.send_failed_at, now)
    )
    if not allowed:
        return False
    verification.resends += 1
    verification.save(update_fields=["resends"])
    transaction.on_commit(partial(tasks.send_contact_verification.delay, verification.pk))
    return True
