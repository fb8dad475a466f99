"""Registering and recovering: the user code, its confirmation and the password (REG-17 to
REG-22)."""

import uuid
from functools import partial

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from taxportal.audit import audit_record
from taxportal.models import User
from taxportal.roles import Role
from taxportal.services import user_grant_role

from .. import rules
from ..models import Action, Channel, CitizenProfile, Registration, TaxpayerRecord
from .contact import detail_field, verification_start
from .messages import send_message

# --- the user code (REG-17 to REG-20) ---------------------------------------------------------


def _cancel_open_registrations(national_id: str) -> None:
    open_statuses = [
        Registration.Status.CODE_PENDING,
        Registration.Status.CODE_SENT,
        Registration.Status.CODE_CONFIRMED,
    ]
    for previous in Registration.objects.select_for_update().filter(
        national_id=national_id, status__in=open_statuses
    ):
        previous.status = Registration.Status.CANCELLED
        previous.cancel_reason = Registration.CancelReason.SUPERSEDED
        previous.save(update_fields=["status", "cancel_reason"])


def _schedule_user_code(registration: Registration) -> None:
    from ..tasks import send_user_code

    transaction.on_commit(partial(send_user_code.delay, registration.pk))


@transaction.atomic
def registration_start(
    *,
    national_id: str,
    level: str,
    mobile: str,
    email: str,
    channel: str,
    consent_sms: bool,
    consent_email: bool,
    terms_accepted: bool,
    language: str,
) -> Registration:
    """REG-12 to REG-17: record the contact details and send a new user code in the background."""
    if not terms_accepted:
        raise ValueError("the terms of joining must be accepted")
    _cancel_open_registrations(national_id)
    registration = Registration.objects.create(
        national_id=national_id,
        action=Action.REGISTER,
        level=level,
        mobile=mobile,
        email=email,
        channel=channel,
        consent_sms=consent_sms,
        consent_email=consent_email,
        terms_accepted=terms_accepted,
        language=language,
    )
    audit_record(
        actor=None,
        action="registration started",
        target=registration,
        reason="identity questions answered",
        changes={"level": level, "channel": channel},
    )
    _schedule_user_code(registration)
    return registration


@transaction.atomic
def registration_start_recovery(
    *, profile: CitizenProfile, level: str, language: str
) -> Registration:
    """REG-22: a new user code goes to the channel on record, never to one typed now."""
    national_id = profile.user.national_id
    _cancel_open_registrations(national_id)
    registration = Registration.objects.create(
        national_id=national_id,
        action=Action.RECOVER,
        level=level,
        mobile=profile.mobile,
        email=profile.email,
        channel=profile.channel,
        consent_sms=profile.consent_sms,
        consent_email=profile.consent_email,
        terms_accepted=True,
        language=language,
        user=profile.user,
    )
    audit_record(
        actor=None,
        action="user code recovery started",
        target=registration,
        reason="identity questions answered",
        changes={"level": level},
    )
    _schedule_user_code(registration)
    return registration


@transaction.atomic
def registration_issue_code(*, registration_id: int) -> None:
    """REG-17, REG-18: generate the user code, keep only its hash, and send it.

    Run by the background task. A retry makes a new code: only the latest one sent is valid.
    """
    registration = Registration.objects.select_for_update().get(pk=registration_id)
    if registration.status not in (Registration.Status.CODE_PENDING, Registration.Status.CODE_SENT):
        return
    code = rules.generate_user_code()
    registration.code_hash = make_password(code)
    registration.code_created_at = timezone.now()
    registration.status = Registration.Status.CODE_SENT
    registration.save(update_fields=["code_hash", "code_created_at", "status"])
    with translation.override(registration.language):
        context = {"code": code, "minutes": rules.USER_CODE_VALIDITY.seconds // 60}
        subject = render_to_string("registration/messages/user_code_subject.txt").strip()
        body = render_to_string("registration/messages/user_code_body.txt", context)
    send_message(
        channel=registration.channel,
        destination=registration.destination,
        subject=subject,
        body=body,
    )
    audit_record(
        actor=None,
        action="user code sent",
        target=registration,
        reason="registration in progress",
        changes={"channel": registration.channel},
    )


class CodeOutcome:
    CONFIRMED = "confirmed"
    WRONG = "wrong"
    CANCELLED = "cancelled"


@transaction.atomic
def registration_confirm_code(*, registration: Registration, code: str) -> str:
    """REG-19: the right code within 30 minutes confirms it; a late code or too many wrong
    entries cancel the registration."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.CODE_CONFIRMED:
        return CodeOutcome.CONFIRMED
    if registration.status != Registration.Status.CODE_SENT:
        return (
            CodeOutcome.WRONG
            if registration.status == Registration.Status.CODE_PENDING
            else CodeOutcome.CANCELLED
        )
    if rules.user_code_expired(registration.code_created_at, timezone.now()):
        _registration_cancel(registration, Registration.CancelReason.EXPIRED)
        return CodeOutcome.CANCELLED
    if check_password(rules.normalize_user_code(code), registration.code_hash):
        registration.status = Registration.Status.CODE_CONFIRMED
        registration.save(update_fields=["status"])
        audit_record(
            actor=None, action="user code confirmed", target=registration, reason="code entered"
        )
        return CodeOutcome.CONFIRMED
    registration.wrong_code_entries += 1
    registration.save(update_fields=["wrong_code_entries"])
    if registration.wrong_code_entries >= rules.MAX_WRONG_CODE_ENTRIES:
        _registration_cancel(registration, Registration.CancelReason.TOO_MANY_WRONG)
        return CodeOutcome.CANCELLED
    return CodeOutcome.WRONG


@transaction.atomic
def registrations_cancel_expired() -> int:
    """REG-19: registrations whose code was not entered within 30 minutes count as cancelled,
    even when the citizen never came back (the nightly job)."""
    cutoff = timezone.now() - rules.USER_CODE_VALIDITY
    expired = Registration.objects.select_for_update().filter(
        status=Registration.Status.CODE_SENT, code_created_at__lte=cutoff
    )
    count = 0
    for registration in expired.iterator(chunk_size=500):
        _registration_cancel(registration, Registration.CancelReason.EXPIRED)
        count += 1
    return count


def _registration_cancel(registration: Registration, reason: str) -> None:
    registration.status = Registration.Status.CANCELLED
    registration.cancel_reason = reason
    registration.save(update_fields=["status", "cancel_reason"])
    audit_record(
        actor=None,
        action="registration cancelled",
        target=registration,
        reason=registration.get_cancel_reason_display(),
    )


def _citizen_user(national_id: str) -> User:
    """The portal user of this identity number; a new citizen gets an unguessable username so
    the staff login (username + password) cannot stand in for the user code, and the name the
    Authority's record holds, so the portal greets them by name rather than by that username."""
    user = User.objects.select_for_update().filter(national_id=national_id).first()
    if user is None:
        record = TaxpayerRecord.objects.filter(national_id=national_id).first()
        user = User.objects.create(
            username=f"citizen-{uuid.uuid4().hex[:16]}",
            national_id=national_id,
            first_name=record.first_name if record else "",
            last_name=record.last_name if record else "",
        )
    user_grant_role(user=user, role=Role.CITIZEN, actor=None, reason="registered online")
    return user


@transaction.atomic
def registration_complete(*, registration: Registration, password: str) -> User:
    """REG-20, REG-21: set the password; the confirmed code becomes the citizen's user code,
    the old one (if any) stops working, and each unverified channel gets a verification link."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Registration.Status.CODE_CONFIRMED:
        raise ValueError("the user code has not been confirmed")
    now = timezone.now()
    user = _citizen_user(registration.national_id)
    user.set_password(password)
    user.save(update_fields=["password"])
    profile = CitizenProfile.objects.filter(user=user).first() or CitizenProfile(user=user)
    profile.level = registration.level
    profile.language = registration.language
    profile.user_code_hash = registration.code_hash
    profile.user_code_issued_at = registration.code_created_at
    if registration.action == Action.REGISTER:
        profile.mobile = registration.mobile
        profile.email = registration.email
        profile.channel = registration.channel
        profile.consent_sms = registration.consent_sms
        profile.consent_email = registration.consent_email
        profile.terms_accepted_at = now
        profile.mobile_verified_at = profile.email_verified_at = None
    # Receiving the code proves the channel it went to.
    setattr(profile, f"{detail_field(registration.channel)}_verified_at", now)
    profile.save()
    registration.status = Registration.Status.COMPLETED
    registration.user = user
    registration.save(update_fields=["status", "user"])
    audit_record(
        actor=None,
        action="registration completed"
        if registration.action == Action.REGISTER
        else "user code recovered",
        target=profile,
        reason=f"identity questions at the {registration.get_level_display()} level",
        changes={"level": registration.level},
    )
    for channel in Channel.values:
        value = profile.detail_of(channel)
        verified = getattr(profile, f"{detail_field(channel)}_verified_at")
        if value and verified is None:
            verification_start(
                profile=profile,
                channel=channel,
                value=value,
                language=registration.language,
            )
    return user
