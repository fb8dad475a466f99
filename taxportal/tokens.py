"""API tokens (taxportal.models.ApiToken): issued, rotated and revoked by an administrator (or
the operators' commands), each change audited. A key is `<prefix>.<secret>`; only the SHA-256
digest of the whole key is stored, so a copy of the database lets nobody call the APIs."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from taxportal.texts import Said, said

from .audit import audit_record
from .models import ApiToken, User


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_issue(
    *, user: User, name: str, actor: User | None, lifetime: timedelta | None = None
) -> tuple[ApiToken, str]:
    """A new token for `user`; returns it and its key, which is shown this once."""
    prefix = secrets.token_hex(4)
    key = f"{prefix}.{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=prefix,
        digest=token_digest(key),
        created_by=actor if actor is not None and actor.is_authenticated else None,
        expires_at=timezone.now() + (lifetime or settings.API_TOKEN_LIFETIME),
    )
    audit_record(
        actor=actor,
        action=gettext_noop("API token issued"),
        target=token,
        reason=name,
        changes={"expires_at": token.expires_at},
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User | None, reason: str | Said) -> None:
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(actor=actor, action=gettext_noop("API token revoked"), target=token, reason=reason)


@transaction.atomic
def api_token_rotate(*, token: ApiToken, actor: User | None) -> tuple[ApiToken, str]:
    """A new token for the same account and purpose; the old one stops working now."""
    api_token_revoke(token=token, actor=actor, reason=said(gettext_noop("rotated")))
    return api_token_issue(user=token.user, name=token.name, actor=actor)


def api_token_for_key(key: str) -> ApiToken | None:
    """The live token of a key: not revoked, not expired, of an active account."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(key), revoked_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    return token if token is not None and token.user.is_active else None


def api_token_used(token: ApiToken) -> None:
    """Remember when a token was last used, at most once a minute (not a write per call)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
