"""Writes for registration, by area. Each checks its rule, changes rows, and records who, when
and why. Callers import from the package: `from registration import services`."""

from .contact import (
    contact_verify,
    verification_from_token,
    verification_token,
)
from .contact_changes import (
    CancelOutcome,
    ContactChangeResult,
    contact_change_cancel,
    contact_change_from_token,
    contact_change_request,
    contact_change_tell,
    contact_change_token,
    contact_changes_apply_due,
)
from .identity import (
    IdentityCheck,
    identity_check_high,
    identity_check_low,
)
from .login import (
    LoginResult,
    citizen_login_attempt,
    citizen_login_locked_tell_owner,
    identity_unlock,
)
from .records import LoadResult, taxpayer_records_load
from .registrations import (
    CodeOutcome,
    registration_complete,
    registration_confirm_code,
    registration_start,
    registration_start_recovery,
    registrations_cancel_expired,
)
from .sending import (
    contact_verification_failed,
    contact_verification_resend,
    contact_verification_send,
    registration_code_failed,
    registration_issue_code,
    registration_resend_code,
)

__all__ = [
    "contact_verification_failed",
    "contact_verification_resend",
    "registration_code_failed",
    "registration_resend_code",
    "LoadResult",
    "taxpayer_records_load",
    "CancelOutcome",
    "ContactChangeResult",
    "contact_change_cancel",
    "contact_change_from_token",
    "contact_change_request",
    "contact_change_tell",
    "contact_change_token",
    "contact_changes_apply_due",
    "CodeOutcome",
    "IdentityCheck",
    "LoginResult",
    "citizen_login_attempt",
    "citizen_login_locked_tell_owner",
    "identity_unlock",
    "contact_verification_send",
    "contact_verify",
    "identity_check_high",
    "identity_check_low",
    "registration_complete",
    "registration_confirm_code",
    "registration_issue_code",
    "registration_start",
    "registration_start_recovery",
    "registrations_cancel_expired",
    "verification_from_token",
    "verification_token",
]
