"""What every service of part 2.3 shares: the policy in force, who is acting (in the terms of
the code tables), the audit record, and notifications to agents (CUS-56)."""

from collections.abc import Iterable
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from taxportal.audit import audit_record
from taxportal.models import User
from taxportal.roles import perm
from taxportal.texts import Said

from .. import rules
from ..choices import ActorKind, NotificationKind
from ..models import AgentNotification, CustomsAgent, DeclarationPolicy


class NotAllowed(ValidationError):
    """The acting person may not do this (CUS-26, CUS-27, CUS-38, CUS-57)."""


def today() -> date:
    return timezone.localdate()


def start_of(day: date) -> datetime:
    """00:00 Israel time of a date (CUS-28: blocks start at 00:00 of day 22)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def policy_on(day: date) -> DeclarationPolicy:
    policy = DeclarationPolicy.objects.filter(effective_from__lte=day).first()
    if policy is None:
        raise ValidationError(
            _("No importer-declaration policy is in force on %(day)s: load the reference data.")
            % {"day": day}
        )
    return policy


def staff_kind(user: User) -> str | None:
    """The valuation unit may do everything a valuer may (CUS-52)."""
    if user.has_perm(perm("control_supplier_database")):
        return ActorKind.UNIT
    if user.has_perm(perm("check_importer_declarations")):
        return ActorKind.VALUER
    return None


def require_staff(user: User, *, unit: bool = False) -> str:
    kind = staff_kind(user)
    if kind is None or (unit and kind != ActorKind.UNIT):
        raise NotAllowed(_("Only customs staff may do this."))
    return kind


def refusal(error: rules.Refused, messages: dict[str, str]) -> ValidationError:
    """A rule's refusal as a form/API error on the field it concerns."""
    message = messages.get(error.message, error.message)
    return ValidationError({error.field: message} if error.field else message)


def audit(*, actor: User | None, action: str, target, reason: str | Said = "", **params) -> None:
    audit_record(actor=actor, action=action, target=target, reason=reason, changes=params)


def notify(
    agents: Iterable[CustomsAgent | int],
    *,
    kind: NotificationKind,
    reason: str | Said = "",
    **links,
) -> int:
    """One notification per agent; `links` are declaration/supplier/block/entry and `params`."""
    params = links.pop("params", {})
    rows = [
        AgentNotification(
            agent_id=agent if isinstance(agent, int) else agent.pk,
            kind=kind,
            reason=reason,
            params=params,
            **links,
        )
        for agent in dict.fromkeys(agents)
    ]
    AgentNotification.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def notification_mark_read(*, agent: CustomsAgent, notification: AgentNotification) -> None:
    """The agent read it (CUS-56: the time read is kept)."""
    if notification.agent_id != agent.pk:
        raise NotAllowed(_("This notification is not yours."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
