"""Writes the platform owns: users and their roles."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext_noop

from .audit import audit_record
from .models import User
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
