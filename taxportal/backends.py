"""Staff and third parties log in with a username and password; citizens never do (REG-20).

Citizens log in with identity number + user code + password (registration.backends, limited by
REG-11's own rules); accounts that only call the APIs (the printing house) log in nowhere, they
send a token. Wrong staff passwords are limited by django-axes, per username and address.
"""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q

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


class PortalModelBackend(ModelBackend):
    """Django's ModelBackend, reading a user's permissions (their own and their groups') in one
    query instead of two: every page behind a role asks once per request (issue 18)."""

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
