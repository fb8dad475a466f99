"""Page and API guards: a visitor who is not logged in is sent to log in; a logged-in user
without the role's permission gets 403 (never a redirect loop, never another role's page).

A page citizens use sends visitors to the citizen login (REG-20), which links to the staff
login for the staff who share the page; every other page sends them to the staff login.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from rest_framework.permissions import BasePermission

from .roles import perm

CITIZEN_PERMISSION = "use_personal_area"


def login_redirect(request, codenames: tuple[str, ...]):
    """To the login of whoever the page is for, coming back to it afterwards."""
    login_url = reverse("registration:login") if CITIZEN_PERMISSION in codenames else None
    return redirect_to_login(request.get_full_path(), login_url)


def _check(request, codenames: tuple[str, ...]) -> None:
    if not any(request.user.has_perm(perm(c)) for c in codenames):
        raise PermissionDenied


def permission_required(*codenames: str):
    """Decorator for function views: the user needs at least one of the portal permissions."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return login_redirect(request, codenames)
            _check(request, codenames)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def HasPortalPermission(*codenames: str) -> type[BasePermission]:  # noqa: N802 - reads as a class
    """DRF permission class: `permission_classes = [HasPortalPermission("check_badges")]`."""

    class _HasPortalPermission(BasePermission):
        def has_permission(self, request, view):
            user = request.user
            return bool(
                user and user.is_authenticated and any(user.has_perm(perm(c)) for c in codenames)
            )

    return _HasPortalPermission
