"""Addresses that leave the page: the citizen login with its `next`, and absolute links in
messages, all built from one setting (PORTAL_BASE_URL) and never from a request's Host header."""

from django.conf import settings
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode


def absolute_url(path: str) -> str:
    """`path` on the portal, as a message must carry it: https://portal.example/path."""
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def safe_next(request, url: str) -> str:
    """A `next` address only to this site (REG-21); anything else is dropped."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def with_next(login_url: str, next_path: str) -> str:
    return f"{login_url}?{urlencode({'next': next_path})}" if next_path else login_url


def citizen_login_url(next_path: str = "") -> str:
    """The citizen login (REG-20), returning to `next_path` after it."""
    return with_next(reverse("registration:login"), next_path)


def staff_login_url(next_path: str = "") -> str:
    return with_next(reverse("login"), next_path)


def citizen_link(path: str) -> str:
    """The absolute link a message gives a citizen to one of their pages: through the citizen
    login, which sends a citizen who is already logged in straight on."""
    return absolute_url(citizen_login_url(path))
