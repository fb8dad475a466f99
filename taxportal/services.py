"""Writes the platform owns: users and their roles, and the receipts citizens are given."""

from datetime import date

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from .audit import audit_record
from .events import citizen_event_on_commit
from .models import Receipt, User
from .roles import Role
from .texts import Said


@transaction.atomic
def user_grant_role(
    *, user: User, role: Role | str, actor: User | None, reason: str | Said
) -> None:
    """Add `user` to the role's group, recording who granted it and why."""
    group = Group.objects.get(name=str(role))
    if user.groups.filter(pk=group.pk).exists():
        return
    user.groups.add(group)
    user.__dict__.pop("_role_names", None)
    audit_record(
        actor=actor,
        action=gettext_noop("role granted"),
        target=user,
        reason=reason,
        changes={"role": str(role)},
    )


def receipt_reference(year: int, pk: int) -> str:
    """A receipt's reference: the year and the receipt's number (e.g. R-2026-000042)."""
    return f"R-{year}-{pk:06d}"


@transaction.atomic
def receipt_issue(
    *,
    owner: User,
    identity_number: str,
    event: str,
    case: models.Model,
    what: Said,
    received: Said | str = "",
    next_step: Said | str = "",
    due_on: date | None = None,
    url: str = "",
) -> Receipt:
    """Issue 15: the receipt for something a citizen sent, written by the service that recorded
    it inside its transaction; once it commits the citizen is told (`citizen_event`, with the
    reference and the rule's date) on their channel."""
    receipt = Receipt.objects.create(
        owner=owner,
        identity_number=identity_number,
        event=event,
        what=what,
        received=received,
        next_step=next_step,
        due_on=due_on,
        url=url,
        case_type=ContentType.objects.get_for_model(case),
        case_id=str(case.pk),
    )
    receipt.reference = receipt_reference(timezone.localdate().year, receipt.pk)
    receipt.save(update_fields=["reference"])
    audit_record(
        actor=owner,
        action=gettext_noop("receipt issued"),
        target=case,
        changes={"reference": receipt.reference, "event": event, "due_on": due_on},
    )
    citizen_event_on_commit(
        sender=Receipt,
        event=event,
        identity_number=identity_number,
        case=case,
        key=receipt.reference,
        url=reverse("receipt", args=[receipt.pk]),
        params={
            "reference": receipt.reference,
            "due_on": due_on.isoformat() if due_on else "",
            "case_url": url,
        },
    )
    return receipt
