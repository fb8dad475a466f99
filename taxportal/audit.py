"""Writing the audit trail. Every service that changes a case calls `audit_record`.

The action is a code (the app's English wording marked with `gettext_noop`, or one of its
choices); the reason is what the person typed, or a text the system said (`taxportal.texts.said`),
stored as a code with its parameters. Both are translated when shown (`AuditEvent.action_label`,
`str(event.reason)`), so a clerk reading in English never meets Hebrew the system wrote, and the
reverse.
"""

import json
from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext

from .models import AuditEvent, User
from .texts import Said

# Apps whose actions are choices name them here (in AppConfig.ready): action -> label or None.
_ACTION_LABELLERS: list[Callable[[str], str | None]] = []


def audit_action_labels(labeller: Callable[[str], str | None]) -> None:
    """Register a function that names an app's actions in the reader's language."""
    if labeller not in _ACTION_LABELLERS:
        _ACTION_LABELLERS.append(labeller)


def action_label(action: str) -> str:
    for labeller in _ACTION_LABELLERS:
        label = labeller(action)
        if label:
            return str(label)
    return gettext(action)


def _jsonable(changes: dict[str, Any] | None) -> dict[str, Any]:
    return json.loads(json.dumps(changes or {}, cls=DjangoJSONEncoder))


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
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:255] if target is not None else "",
        reason=reason,
        changes=_jsonable(changes),
        remote_addr=remote_addr,
    )


def audit_trail(target) -> list[AuditEvent]:
    """The audit events of one case, newest first, with their actors in one query."""
    return list(
        AuditEvent.objects.filter(
            target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
        ).select_related("actor")
    )
