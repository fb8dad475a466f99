"""Writes for registration. Each checks its rule, changes rows, and records who, when and why."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.models import User
from taxportal.roles import Role
from taxportal.services import user_grant_role
from taxportal.sms import send_sms
from taxportal.texts import label, said

from . import rules, selectors, tasks
from .models import (
    Action,
    Channel,
    CitizenProfile,
    ContactVerification,
    IdentificationLevel,
    IdentityAttempt,
    Registration,
    TaxpayerRecord,
)

VERIFICATION_SALT = "registration.contact-verification"


# --- identity questions (REG-6 to REG-11) -----------------------------------------------------


@dataclass(frozen=True)
class IdentityCheck:
    """The outcome of one round of identity questions: a level, or a failure and what is left."""

    level: str | None
    locked_until: datetime | None
    failures_left: int


def _identity_attempt_record(
    *, national_id: str, remote_addr: str | None, purpose: str, action: str, outcome: str
) -> IdentityCheck:
    now = timezone.now()
    IdentityAttempt.objects.create(
        national_id=national_id,
        remote_addr=remote_addr,
        purpose=purpose,
        action=action,
        outcome=outcome,
        occurred_at=now,
    )
    state = selectors.lockout_state(national_id=national_id, remote_addr=remote_addr, now=now)
    level = outcome if outcome in IdentificationLevel.values else None
    return IdentityCheck(
        level=level, locked_until=state.locked_until, failures_left=state.failures_left
    )


def _questions_attempt_record(
    national_id: str, remote_addr: str | None, action: str, level: str | None
) -> IdentityCheck:
    return _identity_attempt_record(
        national_id=national_id,
        remote_addr=remote_addr,
        purpose=IdentityAttempt.Purpose.QUESTIONS,
        action=action,
        outcome=level or IdentityAttempt.Outcome.FAILED,
    )


@transaction.atomic
def identity_check_high(
    *, national_id: str, answers: dict[str, str], action: str, remote_addr: str | None
) -> IdentityCheck:
    """REG-6: one correct answer to the high-level questions gives the high level."""
    passed = rules.high_level_passes(answers, selectors.taxpayer_facts(national_id))
    return _questions_attempt_record(
        national_id, remote_addr, action, IdentificationLevel.HIGH if passed else None
    )


@transaction.atomic
def identity_questions_exhausted(
    *, national_id: str, action: str, remote_addr: str | None
) -> IdentityCheck:
    """REG-7, REG-11: asking for yet another set of questions after every set of an attempt
    counts as a failed attempt, so new sets cannot be drawn without limit."""
    return _questions_attempt_record(national_id, remote_addr, action, None)


@transaction.atomic
def identity_check_low(
    *,
    national_id: str,
    items: dict[str, str],
    further_kinds: list[str],
    further: dict[str, str],
    action: str,
    remote_addr: str | None,
) -> IdentityCheck:
    """REG-8, REG-9: two of three items and two further questions (or one item and three
    further questions) give the low level."""
    facts = selectors.taxpayer_facts(national_id)
    passed = rules.low_level_passes(items, further_kinds, further, facts)
    return _questions_attempt_record(
        national_id, remote_addr, action, IdentificationLevel.LOW if passed else None
    )


@transaction.atomic
def citizen_login_record(*, national_id: str, remote_addr: str | None, succeeded: bool) -> None:
    """Login attempts count towards the same lockout as the identity questions."""
    _identity_attempt_record(
        national_id=national_id,
        remote_addr=remote_addr,
        purpose=IdentityAttempt.Purpose.LOGIN,
        action="",
        outcome=IdentityAttempt.Outcome.SUCCEEDED if succeeded else IdentityAttempt.Outcome.FAILED,
    )


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
    site_origin: str,
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
        site_origin=site_origin,
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
    *, profile: CitizenProfile, level: str, language: str, site_origin: str
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
        site_origin=site_origin,
        user=profile.user,
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


def _send_message(*, channel: str, destination: str, subject: str, body: str) -> None:
    if channel == Channel.SMS:
        send_sms(to=destination, body=body)
    else:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [destination])


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
    _send_message(
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
            actor=None,
            action=gettext_noop("user code confirmed"),
            target=registration,
            reason=said(gettext_noop("code entered")),
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
    setattr(profile, f"{_detail_field(registration.channel)}_verified_at", now)
    profile.save()
    registration.status = Registration.Status.COMPLETED
    registration.user = user
    registration.save(update_fields=["status", "user"])
    audit_record(
        actor=None,
        action=gettext_noop("registration completed")
        if registration.action == Action.REGISTER
        else "user code recovered",
        target=profile,
        reason=said(
            gettext_noop("identity questions at the %(level)s level"),
            level=IdentificationLevel(registration.level).label,
        ),
        changes={"level": registration.level},
    )
    for channel in Channel.values:
        value = profile.detail_of(channel)
        verified = getattr(profile, f"{_detail_field(channel)}_verified_at")
        if value and verified is None:
            _verification_start(
                profile=profile,
                channel=channel,
                value=value,
                site_origin=registration.site_origin,
                language=registration.language,
            )
    return user


# --- contact details and their verification (REG-21, REG-23) ---------------------------------


def _detail_field(channel: str) -> str:
    return "mobile" if channel == Channel.SMS else "email"


def _verification_start(
    *, profile: CitizenProfile, channel: str, value: str, site_origin: str, language: str
) -> ContactVerification:
    verification = ContactVerification.objects.create(
        profile=profile, channel=channel, value=value, site_origin=site_origin, language=language
    )
    transaction.on_commit(partial(tasks.send_contact_verification.delay, verification.pk))
    return verification


def verification_token(verification: ContactVerification) -> str:
    return signing.TimestampSigner(salt=VERIFICATION_SALT).sign(str(verification.pk))


def verification_from_token(token: str) -> ContactVerification | None:
    """The verification a link names, or None when the link is forged or expired."""
    try:
        pk = signing.TimestampSigner(salt=VERIFICATION_SALT).unsign(
            token, max_age=rules.VERIFICATION_LINK_MAX_AGE
        )
    except signing.BadSignature:
        return None
    return ContactVerification.objects.select_related("profile").filter(pk=pk).first()


@transaction.atomic
def contact_verification_send(*, verification_id: int) -> None:
    """Send the verification link to the channel it verifies (run by the background task)."""
    verification = ContactVerification.objects.get(pk=verification_id)
    if verification.verified_at:
        return
    link = verification.site_origin.rstrip("/") + reverse(
        "registration:verify_contact", args=[verification_token(verification)]
    )
    with translation.override(verification.language):
        context = {"link": link, "days": rules.VERIFICATION_LINK_MAX_AGE.days}
        subject = render_to_string("registration/messages/verify_subject.txt").strip()
        body = render_to_string("registration/messages/verify_body.txt", context)
    _send_message(
        channel=verification.channel, destination=verification.value, subject=subject, body=body
    )


@transaction.atomic
def contact_verify(*, verification: ContactVerification) -> bool:
    """Following a link verifies that detail; a pending new detail or channel takes effect."""
    profile = CitizenProfile.objects.select_for_update().get(pk=verification.profile_id)
    field = _detail_field(verification.channel)
    now = timezone.now()
    pending = getattr(profile, f"pending_{field}")
    if pending == verification.value:
        setattr(profile, field, pending)
        setattr(profile, f"pending_{field}", "")
    elif getattr(profile, field) != verification.value:
        return False  # superseded by a later change
    setattr(profile, f"{field}_verified_at", now)
    if profile.pending_channel == verification.channel:
        profile.channel = profile.pending_channel
        profile.pending_channel = ""
    profile.save()
    ContactVerification.objects.filter(pk=verification.pk).update(verified_at=now)
    audit_record(
        actor=profile.user,
        action=gettext_noop("contact detail verified"),
        target=profile,
        reason=said(gettext_noop("verification link followed")),
        changes={"channel": verification.channel},
    )
    return True


@transaction.atomic
def profile_update_contact(
    *,
    profile: CitizenProfile,
    mobile: str,
    email: str,
    channel: str,
    consent_sms: bool,
    consent_email: bool,
    actor: User | None,
    site_origin: str,
    language: str,
) -> list[ContactVerification]:
    """REG-23: consents change at once; a new mobile, e-mail or channel waits for its
    verification link, and until then messages keep going where they went."""
    profile = CitizenProfile.objects.select_for_update().get(pk=profile.pk)
    before = {
        "mobile": profile.mobile,
        "email": profile.email,
        "channel": profile.channel,
        "consent_sms": profile.consent_sms,
        "consent_email": profile.consent_email,
    }
    profile.consent_sms = consent_sms
    profile.consent_email = consent_email
    to_verify: list[tuple[str, str]] = []
    for detail_channel, new_value in ((Channel.SMS, mobile), (Channel.EMAIL, email)):
        field = _detail_field(detail_channel)
        current = getattr(profile, field)
        if new_value == current:
            setattr(profile, f"pending_{field}", "")
        elif not new_value:
            setattr(profile, field, "")
            setattr(profile, f"pending_{field}", "")
            setattr(profile, f"{field}_verified_at", None)
        else:
            setattr(profile, f"pending_{field}", new_value)
            to_verify.append((detail_channel, new_value))
    profile.pending_channel = "" if channel == profile.channel else channel
    if profile.pending_channel and not any(c == channel for c, _ in to_verify):
        to_verify.append((channel, profile.detail_of(channel)))
    profile.save()
    audit_record(
        actor=actor,
        action=gettext_noop("contact details updated"),
        target=profile,
        reason=said(gettext_noop("citizen's request")),
        changes={
            "before": before,
            "after": {
                "mobile": mobile,
                "email": email,
                "channel": channel,
                "consent_sms": consent_sms,
                "consent_email": consent_email,
            },
        },
    )
    return [
        _verification_start(
            profile=profile, channel=c, value=v, site_origin=site_origin, language=language
        )
        for c, v in to_verify
    ]
