"""Registering and recovering: the user code, its confirmation and the password (REG-17 to
REG-22)."""

import uuid
from functools import partial

from django.contrib.auth.hashers import check_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.models import User
from taxportal.roles import Role
from taxportal.services import user_grant_role
from taxportal.texts import label, said

from .. import rules, tasks
from ..models import (
    Action,
    Channel,
    CitizenProfile,
    IdentificationLevel,
    Registration,
    TaxpayerRecord,
)
from .contact import detail_field, verification_start

# --- the user code (REG-17 to REG-20) ---------------------------------------------------------

OPEN_STATUSES = (
    Registration.Status.CODE_PENDING,
    Registration.Status.CODE_SENT,
    Registration.Status.CODE_CONFIRMED,
)


def _cancel_open_registrations(national_id: str) -> None:
    for previous in Registration.objects.select_for_update().filter(
        national_id=national_id, status__in=OPEN_STATUSES
    ):
        previous.status = Registration.Status.CANCELLED
        previous.cancel_reason = Registration.CancelReason.SUPERSEDED
        previous.save(update_fields=["status", "cancel_reason"])


def _schedule_user_code(registration: Registration) -> None:
    transaction.on_commit(partial(tasks.send_user_code.delay, registration.pk))


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
        code_requested_at=timezone.now(),
    )
    audit_record(
        actor=None,
        action=gettext_noop("registration started"),
        target=registration,
        reason=said(gettext_noop("identity questions answered")),
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
    assert national_id is not None  # a citizen's user carries their identity number
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
        code_requested_at=timezone.now(),
    )
    audit_record(
        actor=None,
        action=gettext_noop("user code recovery started"),
        target=registration,
        reason=said(gettext_noop("identity questions answered")),
        changes={"level": level},
    )
    _schedule_user_code(registration)
    return registration


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
    assert registration.code_created_at is not None  # set when the code is sent
    if rules.user_code_expired(registration.code_created_at, timezone.now()):
        registration_cancel(registration, Registration.CancelReason.EXPIRED)
        return CodeOutcome.CANCELLED
    if check_password(rules.normalize_user_code(code), registration.code_hash):
        registration.status = Registration.Status.CODE_CONFIRMED
        registration.code_confirmed_at = timezone.now()
        registration.save(update_fields=["status", "code_confirmed_at"])
        audit_record(
            actor=None,
            action=gettext_noop("user code confirmed"),
            target=registration,
            reason=said(gettext_noop("code entered")),
        )
        return CodeOutcome.CONFIRMED
    registration.wrong_code_entries += 1
    registration.save(update_fields=["wrong_code_entries"])
    if registration.wrong_code_entries >= rules.MAX_WRONG_CODE_ENTRIES:
        registration_cancel(registration, Registration.CancelReason.TOO_MANY_WRONG)
        return CodeOutcome.CANCELLED
    return CodeOutcome.WRONG


def registration_expired(registration: Registration, now) -> bool:
    return rules.unfinished_registration_expired(
        status=registration.status,
        code_requested_at=registration.code_requested_at,
        code_created_at=registration.code_created_at,
        code_confirmed_at=registration.code_confirmed_at,
        now=now,
    )


@transaction.atomic
def registrations_cancel_expired() -> int:
    """REG-17, REG-19: registrations left unfinished at any step count as cancelled, even when
    the citizen never came back (the job runs every quarter of an hour)."""
    now = timezone.now()
    horizon = now - min(rules.USER_CODE_VALIDITY, rules.PASSWORD_STEP_VALIDITY)
    candidates = Registration.objects.select_for_update().filter(
        status__in=OPEN_STATUSES, created_at__lte=horizon
    )
    count = 0
    for registration in candidates.iterator(chunk_size=500):
        if registration_expired(registration, now):
            registration_cancel(registration, Registration.CancelReason.EXPIRED)
            count += 1
    return count


def registration_cancel(registration: Registration, reason: str) -> None:
    registration.status = Registration.Status.CANCELLED
    registration.cancel_reason = reason
    registration.save(update_fields=["status", "cancel_reason"])
    audit_record(
        actor=None,
        action=gettext_noop("registration cancelled"),
        target=registration,
        reason=label(Registration.CancelReason(registration.cancel_reason).label),
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
    user_grant_role(
        user=user, role=Role.CITIZEN, actor=None, reason=said(gettext_noop("registered online"))
    )
    return user


@transaction.atomic
def registration_complete(*, registration: Registration, password: str) -> User | None:
    """REG-20, REG-21: set the password; the confirmed code becomes the citizen's user code,
    the old one (if any) stops working, and each unverified channel gets a verification link.
    None when the password came too late (REG-17): the registration is cancelled."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Registration.Status.CODE_CONFIRMED:
        raise ValueError("the user code has not been confirmed")
    now = timezone.now()
    if registration_expired(registration, now):
        registration_cancel(registration, Registration.CancelReason.EXPIRED)
        return None
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
        action=gettext_noop("registration completed")
        if registration.action == Action.REGISTER
        else gettext_noop("user code recovered"),
        target=profile,
        reason=said(
            gettext_noop("identity questions at the %(level)s level"),
            level=IdentificationLevel(registration.level).label,
        ),
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
