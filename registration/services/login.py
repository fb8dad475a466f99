"""The citizen login (REG-11, REG-20): identity number + user code + password, judged and
recorded under a lock on the identity number, so parallel guesses cannot pass its limits; and
an administrator's unlock."""

from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.locks import advisory_lock
from taxportal.models import User
from taxportal.texts import said

from .. import rules, selectors, tasks
from ..models import IdentityAttempt
from .identity import attempt_record
from .messages import message_compose, send_message

# Checked against when the number is unknown, so an unknown number costs the same time.
_UNUSABLE = make_password(None)


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    locked_until: datetime | None


def _matching_user(national_id: str, user_code: str, password: str) -> User | None:
    profile = selectors.citizen_profile_for(national_id)
    code_ok = check_password(
        rules.normalize_user_code(user_code), profile.user_code_hash if profile else _UNUSABLE
    )
    if profile is None:
        check_password(password, _UNUSABLE)
        return None
    password_ok = profile.user.check_password(password)
    return profile.user if code_ok and password_ok and profile.user.is_active else None


@transaction.atomic
def citizen_login_attempt(
    *, national_id: str, user_code: str, password: str, remote_addr: str | None
) -> LoginResult:
    """The user when all three match and neither this (number, address) pair nor the number is
    locked; every attempt is recorded. The 100th failure in 24 hours locks the number and tells
    its owner on their channel."""
    advisory_lock(f"registration.login:id:{national_id}")
    keys: dict[str, Any] = {"national_id": national_id, "remote_addr": remote_addr}
    login = IdentityAttempt.Purpose.LOGIN
    before = selectors.login_lockout_state(**keys, now=timezone.now())
    if before.locked_until:
        attempt_record(**keys, purpose=login, outcome="locked")
        return LoginResult(user=None, locked_until=before.locked_until)
    user = _matching_user(national_id, user_code, password)
    attempt_record(**keys, purpose=login, outcome="succeeded" if user else "failed")
    if user is not None:
        return LoginResult(user=user, locked_until=None)
    after = selectors.login_lockout_state(**keys, now=timezone.now())
    if after.identity_failures == rules.LOGIN_PER_IDENTITY.limit:
        transaction.on_commit(partial(tasks.tell_owner_login_locked.delay, national_id))
    return LoginResult(user=None, locked_until=after.locked_until)


def citizen_login_locked_tell_owner(*, national_id: str) -> bool:
    """REG-11: the owner of an identity number whose login was locked by 100 failures hears of
    it on their channel (run by the background task). False when nobody is registered."""
    profile = selectors.citizen_profile_for(national_id)
    if profile is None:
        return False
    subject, body = message_compose(
        name="login_locked",
        channel=profile.channel,
        language=profile.language,
        context={"hours": int(rules.LOGIN_PER_IDENTITY.duration.total_seconds() // 3600)},
    )
    send_message(
        channel=profile.channel,
        destination=profile.detail_of(profile.channel),
        subject=subject,
        body=body,
    )
    audit_record(
        actor=None,
        action=gettext_noop("owner told of a login lock"),
        target=profile,
        reason=said(gettext_noop("100 failed logins in 24 hours")),
    )
    return True


@transaction.atomic
def identity_unlock(*, national_id: str, remote_addr: str | None, actor: User, reason: str) -> None:
    """An administrator lifts the lockouts of an identity number (questions and login) and of
    the client address, by recording an unlock: the failures before it no longer count, and
    nothing is deleted."""
    advisory_lock(
        f"registration.questions:id:{national_id}",
        f"registration.questions:addr:{remote_addr}",
        f"registration.login:id:{national_id}",
    )
    attempt = attempt_record(
        national_id=national_id,
        remote_addr=remote_addr,
        purpose=IdentityAttempt.Purpose.UNLOCK,
        outcome="unlocked",
    )
    audit_record(
        actor=actor,
        action=gettext_noop("identity lockout lifted"),
        target=attempt,
        reason=reason,
        changes={"national_id": national_id, "remote_addr": remote_addr},
    )
