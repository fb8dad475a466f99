"""Writing the audit trail. Every service that changes a case calls `audit_record`.

The action is a code (the app's English wording marked with `gettext_noop`, or one of its
choices); the reason is what the person typed, or a text the system said (`taxportal.texts.said`),
stored as a code with its parameters. Both are translated when shown (`AuditEvent.action_label`,
`str(event.reason)`), so a clerk reading in English never meets Hebrew the system wrote, and the
reverse.
"""

import json
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder

from .models import AuditEvent, User
from .texts import Said, action_label, audit_action_labels

__all__ = [
    "Said",
    "action_label",
    "audit_action_labels",
    "audit_event",
    "audit_record",
    "audit_trail",
]


def _jsonable(changes: dict[str, Any] | None) -> dict[str, Any]:
    return json.loads(json.dumps(changes or {}, cls=DjangoJSONEncoder))


def audit_event(
    *,
    actor: User | None,
    action: str,
    target=None,
    reason: "str | Said" = "",
    changes: dict[str, Any] | None = None,
    remote_addr: str | None = None,
) -> AuditEvent:
    """The record `audit_record` writes, not saved yet: a job acting on many cases writes
    them all in one insert (`AuditEvent.objects.bulk_create`)."""
    return AuditEvent(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:255] if target is not None else "",
        reason=reason,
        changes=_jsonable(changes),
        remote_addr=remote_addr,
    )


def audit_record(
    *,
    actor: User | None,
    action: str,
    target=None,
    reason: "str | Said" = "",
    changes: dict[str, Any] | None = None,
    remote_addr: str | None = None,
) -> AuditEvent:
    """Record that `actor` did `action` to `target` (a model instance, or None), and why: the
    reason a person gave, as typed, or a `said(...)` text the system wrote."""
    event = audit_event(
        actor=actor,
        action=action,
        target=target,
        reason=reason,
        changes=changes,
        remote_addr=remote_addr,
    )
    event.save(force_insert=True)
    return event


def audit_trail(target) -> list[AuditEvent]:
    """The audit events of one case, newest first, with their actors in one query."""
    return list(
        AuditEvent.objects.filter(
            target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
        ).select_related("actor")
    )
