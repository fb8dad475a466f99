"""Staff and third parties log in with a username and password; citizens never do (REG-20).

Citizens log in with identity number + user code + password (registration.backends, limited by
REG-11's own rules); accounts that only call the APIs (the printing house) log in nowhere, they
send a token. Wrong staff passwords are limited by django-axes, per username and address.
"""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend

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


class StaffBackend(ModelBackend):
    """Django's username + password, refused to citizen and API-only accounts."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and (is_citizen_only(user) or is_api_only(user)):
            return None
        return user
