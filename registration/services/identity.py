"""Identity questions (REG-6 to REG-11): every round is judged and recorded under a lock on its
identity number and client address, so parallel requests cannot pass the lockout."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from taxportal.locks import advisory_lock

from .. import rules, selectors
from ..models import IdentificationLevel, IdentityAttempt


@dataclass(frozen=True)
class IdentityCheck:
    """The outcome of one round of identity questions: a level, or a failure and what is left,
    or (REG-9) that the record holds too few facts for online identification."""

    level: str | None
    locked_until: datetime | None
    failures_left: int
    not_possible: bool = False


def attempt_record(
    *, national_id: str, remote_addr: str | None, purpose: str, outcome: str, action: str = ""
) -> IdentityAttempt:
    return IdentityAttempt.objects.create(
        national_id=national_id,
        remote_addr=remote_addr,
        purpose=purpose,
        action=action,
        outcome=outcome,
        occurred_at=timezone.now(),
    )


def _questions_round(
    *, national_id: str, remote_addr: str | None, action: str, judge: Callable[[], str | None]
) -> IdentityCheck:
    """Check the lockout, judge the answers (`judge` returns the level reached, None for wrong
    answers, or NOT_POSSIBLE), record the attempt, and say what is left: all under the lock of
    this number and this address."""
    advisory_lock(
        f"registration.questions:id:{national_id}", f"registration.questions:addr:{remote_addr}"
    )
    keys: dict[str, Any] = {"national_id": national_id, "remote_addr": remote_addr}
    before = selectors.lockout_state(**keys, now=timezone.now())
    questions = IdentityAttempt.Purpose.QUESTIONS
    if before.locked_until:
        attempt_record(**keys, purpose=questions, action=action, outcome="locked")
        return IdentityCheck(level=None, locked_until=before.locked_until, failures_left=0)
    outcome = judge() or IdentityAttempt.Outcome.FAILED
    attempt_record(**keys, purpose=questions, action=action, outcome=outcome)
    after = selectors.lockout_state(**keys, now=timezone.now())
    return IdentityCheck(
        level=outcome if outcome in IdentificationLevel.values else None,
        locked_until=after.locked_until,
        failures_left=after.failures_left,
        not_possible=outcome == IdentityAttempt.Outcome.NOT_POSSIBLE,
    )


@transaction.atomic
def identity_check_high(
    *, national_id: str, answers: dict[str, str], action: str, remote_addr: str | None
) -> IdentityCheck:
    """REG-6: one correct answer to the high-level questions gives the high level."""

    def judge():
        passed = rules.high_level_passes(answers, selectors.taxpayer_record(national_id))
        return IdentificationLevel.HIGH if passed else None

    return _questions_round(
        national_id=national_id, remote_addr=remote_addr, action=action, judge=judge
    )


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
    further questions) give the low level. When the record (or an unknown number's decoy)
    holds fewer further facts than are asked, online identification is not possible for this
    person: said here, where a wrong answer would fail, and not counted as a failure."""

    def judge():
        pool = selectors.further_question_pool(national_id)
        if not rules.online_identification_possible(pool, len(further_kinds)):
            return IdentityAttempt.Outcome.NOT_POSSIBLE
        record = selectors.taxpayer_record(national_id)
        passed = rules.low_level_passes(items, further_kinds, further, record)
        return IdentificationLevel.LOW if passed else None

    return _questions_round(
        national_id=national_id, remote_addr=remote_addr, action=action, judge=judge
    )
