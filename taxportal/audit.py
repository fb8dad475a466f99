"""Writing the audit trail. Every service that changes a case calls `audit_record`."""

import json
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder

from .models import AuditEvent, User


def _jsonable(changes: dict[str, Any] | None) -> dict[str, Any]:
    return json.loads(json.dumps(changes or {}, cls=DjangoJSONEncoder))


def audit_record(
    *,
    actor: User | None,
    action: str,
    target=None,
    reason: str = "",
    changes: dict[str, Any] | None = None,
    remote_addr: str | None = None,
) -> AuditEvent:
    """Record that `actor` did `action` to `target` (a model instance, or None), and why."""
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
