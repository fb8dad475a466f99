"""Staff and third parties log in with a username and password; citizens never do (REG-20).

Citizens log in with identity number + user code + password (registration.backends, limited by
REG-11's own rules); accounts that only call the APIs (the printing house) log in nowhere, they
send a token. Wrong staff passwords are limited by django-axes, per username and address.
"""

import json
from typing import Any

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from .roles import is_api_only, is_citizen_only


def is_citizen_attempt(request, credentials) -> bool:
    """AXES_WHITELIST_CALLABLE: a citizen's login is REG-11's to limit, never django-axes's."""
    return bool(credentials) and "national_id" in credentials


class StaffLockoutBackend(AxesStandaloneBackend):
    """django-axes's check, first in AUTHENTICATION_BACKENDS: a locked (username, address)
    logs in nowhere. Test code that authenticates without a request is not counted."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or "national_id" in kwargs:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def _permission_names() -> RawSQL:
    """The user's own and their groups' permissions as a JSON array of "app_label.codename",
    read as a subquery of the user's own row (so a request reads both in one query)."""
    q = connection.ops.quote_name
    user_model = get_user_model()
    users = q(user_model._meta.db_table)
    own = q(user_model.user_permissions.through._meta.db_table)
    member = q(user_model.groups.through._meta.db_table)
    granted = q(Group.permissions.through._meta.db_table)
    aggregate = "json_agg" if connection.vendor == "postgresql" else "json_group_array"
    return RawSQL(
        f"""SELECT {aggregate}(ct.app_label || '.' || p.codename)
              FROM {q(Permission._meta.db_table)} p
              JOIN {q(ContentType._meta.db_table)} ct ON ct.id = p.content_type_id
             WHERE p.id IN (SELECT permission_id FROM {own} WHERE user_id = {users}.id
                            UNION
                            SELECT g.permission_id FROM {granted} g
                              JOIN {member} m ON m.group_id = g.group_id
                             WHERE m.user_id = {users}.id)""",
        (),
    )


class PortalModelBackend(ModelBackend):
    """Django's ModelBackend, reading a logged-in user's permissions (their own and their
    groups') with the user's row: every page behind a role asks for them, and they cost no query
    of their own (issue 18). Nothing is kept from one request to the next."""

    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            user: Any = user_model._default_manager.annotate(
                loaded_permission_names=_permission_names()
            ).get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        if not self.user_can_authenticate(user):
            return None
        if not user.is_superuser:
            names = user.loaded_permission_names
            if isinstance(names, str):  # SQLite returns the JSON as text
                names = json.loads(names)
            user._perm_cache = set(names or ())
        return user

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            perms = Permission.objects.all()
            if not user_obj.is_superuser:
                perms = perms.filter(Q(user=user_obj) | Q(group__user=user_obj))
            user_obj._perm_cache = {
                f"{app_label}.{codename}"
                for app_label, codename in perms.values_list(
                    "content_type__app_label", "codename"
                ).order_by()
            }
        return user_obj._perm_cache


class StaffBackend(PortalModelBackend):
    """Django's username + password, refused to citizen and API-only accounts."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and (is_citizen_only(user) or is_api_only(user)):
            return None
        return user
