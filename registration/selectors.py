"""Reads for registration: records, lockout state, profiles, the personal area."""

from collections.abc import Set
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.crypto import salted_hmac
from django.utils.safestring import SafeString, mark_safe

from taxportal.personal_area import Section, sections_for

from . import rules
from .models import (
    CitizenProfile,
    ContactChange,
    ContactVerification,
    IdentityAttempt,
    TaxpayerRecord,
)


def answer_key() -> bytes:
    """The key of the answers' hashes (REG-11), from the environment."""
    return settings.REGISTRATION_ANSWER_KEY.encode()


def taxpayer_record(national_id: str) -> rules.HeldRecord | None:
    """The Authority's record of a person as the checks read it, or None when unknown."""
    record = TaxpayerRecord.objects.filter(national_id=national_id).only("answer_digests").first()
    return record.held(answer_key()) if record else None


def _decoy_key(national_id: str) -> str:
    return salted_hmac("registration.decoy-questions", national_id).hexdigest()


def further_question_pool(national_id: str) -> list[str]:
    """REG-9, REG-11: the questions this number's draw comes from (a keyed decoy if unknown)."""
    return rules.question_pool(taxpayer_record(national_id), _decoy_key(national_id))


def high_question_sets(national_id: str, seed: str) -> list[list[str]]:
    """REG-6, REG-7, REG-11: the sets of high-level questions one attempt may draw."""
    pool = rules.high_question_pool(taxpayer_record(national_id), _decoy_key(national_id))
    return rules.high_question_sets(pool, seed)


def citizen_profile_for(national_id: str) -> CitizenProfile | None:
    return (
        CitizenProfile.objects.select_related("user").filter(user__national_id=national_id).first()
    )


_OUTCOMES = IdentityAttempt.Outcome
# Outcomes that end a run of failures: for an identity number any success; for an address (shared
# by many people) only an administrator's unlock.
_IDENTITY_RESETS = {_OUTCOMES.HIGH, _OUTCOMES.LOW, _OUTCOMES.SUCCEEDED, _OUTCOMES.UNLOCKED}
_ADDRESS_RESETS = {_OUTCOMES.UNLOCKED}
_COUNTED = [_OUTCOMES.FAILED, *_IDENTITY_RESETS]


def waiting_contact_change(profile: CitizenProfile) -> ContactChange | None:
    """REG-23: a change of contact details waiting out its 72 hours, if any."""
    return (
        ContactChange.objects.filter(profile=profile, status=ContactChange.Status.WAITING)
        .order_by("-requested_at")
        .first()
    )


def verifications_not_sent(profile: CitizenProfile) -> list[ContactVerification]:
    """REG-18: verification links that could not be sent in the end."""
    return list(
        ContactVerification.objects.filter(
            profile=profile, send_failed_at__isnull=False, verified_at__isnull=True
        )
    )


def _failure_times(attempts, resets: Set[str]) -> list[datetime]:
    """The failure times since the last reset, oldest first."""
    times: list[datetime] = []
    for attempt in sorted(attempts, key=lambda a: a.occurred_at):
        if attempt.failed:
            times.append(attempt.occurred_at)
        elif attempt.outcome in resets:
            times = []
    return times


def _attempts(purpose: str, horizon: datetime, **keys) -> list[IdentityAttempt]:
    """One key's attempts of one purpose (and administrators' unlocks) since `horizon`."""
    return list(
        IdentityAttempt.objects.filter(
            purpose__in=[purpose, IdentityAttempt.Purpose.UNLOCK],
            occurred_at__gte=horizon,
            outcome__in=_COUNTED,
            **keys,
        ).only("purpose", "outcome", "occurred_at", "remote_addr")
    )


@dataclass(frozen=True)
class LockoutState:
    locked_until: datetime | None
    failures_left: int


def lockout_state(*, national_id: str, remote_addr: str | None, now: datetime) -> LockoutState:
    """REG-11, the identity questions: whether this identity number or this client address is
    locked out, and how many failures each may still have. A success clears the identity
    number's count, not the address's (an address is shared by many people)."""
    questions = IdentityAttempt.Purpose.QUESTIONS
    horizon = now - max(
        rules.LOCKOUT_PER_IDENTITY.window + rules.LOCKOUT_PER_IDENTITY.duration,
        rules.LOCKOUT_PER_ADDRESS.window + rules.LOCKOUT_PER_ADDRESS.duration,
    )
    identity_failures = _failure_times(
        _attempts(questions, horizon, national_id=national_id), _IDENTITY_RESETS
    )
    address_failures = (
        _failure_times(_attempts(questions, horizon, remote_addr=remote_addr), _ADDRESS_RESETS)
        if remote_addr
        else []
    )
    ends = [
        until
        for until in (
            rules.lockout_until(identity_failures, rules.LOCKOUT_PER_IDENTITY),
            rules.lockout_until(address_failures, rules.LOCKOUT_PER_ADDRESS),
        )
        if until is not None and until > now
    ]
    left = min(
        rules.failures_left(identity_failures, now, rules.LOCKOUT_PER_IDENTITY),
        rules.failures_left(address_failures, now, rules.LOCKOUT_PER_ADDRESS),
    )
    return LockoutState(locked_until=max(ends) if ends else None, failures_left=left)


@dataclass(frozen=True)
class LoginLockout:
    locked_until: datetime | None
    identity_failures: int  # failures of this identity number from anywhere, in the window


def login_lockout_state(
    *, national_id: str, remote_addr: str | None, now: datetime
) -> LoginLockout:
    """REG-11, the citizen login: the pair (identity number, address) waits a growing delay
    after its fifth failure; the identity number as a whole is locked only after 100 failures
    in 24 hours from anywhere. Failures from other addresses never delay this pair."""
    login = IdentityAttempt.Purpose.LOGIN
    policy = rules.LOGIN_PER_IDENTITY
    horizon = now - (policy.window + policy.duration)
    attempts = _attempts(login, horizon, national_id=national_id)
    identity_failures = _failure_times(attempts, _IDENTITY_RESETS)
    pair_failures = _failure_times(
        [
            a
            for a in attempts
            if a.remote_addr == remote_addr or a.purpose == IdentityAttempt.Purpose.UNLOCK
        ],
        _IDENTITY_RESETS,
    )
    ends = [
        until
        for until in (
            rules.growing_delay_until(pair_failures, rules.LOGIN_PER_PAIR),
            rules.lockout_until(identity_failures, policy),
        )
        if until is not None and until > now
    ]
    recent = [moment for moment in identity_failures if now - moment < policy.window]
    return LoginLockout(locked_until=max(ends) if ends else None, identity_failures=len(recent))


@dataclass(frozen=True)
class RenderedSection:
    section: Section
    html: SafeString


def personal_area_sections(user, level: str, request=None) -> list[RenderedSection]:
    """REG-24: what each app holds for this citizen, rendered with its own template; a section
    hidden at this level shows only its reason."""
    rendered = []
    for section in sections_for(user, level):
        html = (
            mark_safe("")
            if section.hidden_reason
            else render_to_string(section.template, section.context, request=request)
        )
        rendered.append(RenderedSection(section=section, html=html))
    return rendered
