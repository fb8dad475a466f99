"""The user code and the clocks of a registration (REG-17 to REG-23)."""

import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from .answers import normalize_token

# REG-17, REG-19: a user code is entered within 30 minutes of its creation, with few mistakes.
USER_CODE_VALIDITY = timedelta(minutes=30)
MAX_WRONG_CODE_ENTRIES = 5
# Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L).
USER_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
USER_CODE_LENGTH = 8
# REG-18: a message that could not be sent may be asked for again, a few times, not too often.
MAX_RESENDS = 3
RESEND_INTERVAL = timedelta(minutes=1)
# REG-17: after the code is confirmed, the password is chosen within this long.
PASSWORD_STEP_VALIDITY = timedelta(minutes=30)
# A wizard left alone this long is over; the citizen starts again.
WIZARD_IDLE_TIMEOUT = timedelta(minutes=30)
# REG-21: verification links sent to a contact channel expire.
VERIFICATION_LINK_MAX_AGE = timedelta(days=3)
# REG-23: a change of contact details through the identity questions alone takes effect after
# this long; the "this wasn't me" link sent to the channel on record works a while longer.
CONTACT_CHANGE_DELAY = timedelta(hours=72)
CONTACT_CHANGE_CANCEL_LINK_MAX_AGE = timedelta(days=7)


def generate_user_code(choice: Callable[[str], str] = secrets.choice) -> str:
    """REG-17: a new user code from a cryptographic random source."""
    return "".join(choice(USER_CODE_ALPHABET) for _ in range(USER_CODE_LENGTH))


def normalize_user_code(value: str | None) -> str:
    """What the citizen typed, as the code is stored: upper case, no spaces or dashes."""
    return normalize_token(value)


def user_code_expires_at(created_at: datetime) -> datetime:
    return created_at + USER_CODE_VALIDITY


def user_code_expired(created_at: datetime, now: datetime) -> bool:
    """REG-19: a code entered 30 minutes or more after its creation is refused."""
    return now >= user_code_expires_at(created_at)


def wizard_expired(touched_at: datetime, now: datetime) -> bool:
    return now - touched_at >= WIZARD_IDLE_TIMEOUT


def resend_allowed(resends: int, last_asked_at: datetime | None, now: datetime) -> bool:
    """REG-18: "send again" at most MAX_RESENDS times, RESEND_INTERVAL apart."""
    if resends >= MAX_RESENDS:
        return False
    return last_asked_at is None or now - last_asked_at >= RESEND_INTERVAL


def unfinished_registration_expired(
    *,
    status: str,
    code_requested_at: datetime | None,
    code_created_at: datetime | None,
    code_confirmed_at: datetime | None,
    now: datetime,
) -> bool:
    """REG-17, REG-19: not finishing is the same as cancelling, at every step: a code not sent
    (or not sent again) within 30 minutes of being asked for, a code not entered within 30
    minutes of its creation, a password not chosen within 30 minutes of the confirmation."""
    if status == "code_pending":
        return code_requested_at is not None and now >= code_requested_at + USER_CODE_VALIDITY
    if status == "code_sent":
        return code_created_at is not None and user_code_expired(code_created_at, now)
    if status == "code_confirmed":
        return code_confirmed_at is not None and now >= code_confirmed_at + PASSWORD_STEP_VALIDITY
    return False
