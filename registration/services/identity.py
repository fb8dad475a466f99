"""Identity questions and citizen login attempts (REG-6 to REG-11)."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from .. import rules, selectors
from ..models import IdentificationLevel, IdentityAttempt

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
