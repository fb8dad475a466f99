"""Sessions end when the browser closes and after SESSION_IDLE_TIMEOUT without a request; the
expired-session page says so and offers to log in again, back to where the person was."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.urls import reverse

from .links import citizen_login_url, safe_next, staff_login_url, with_next
from .roles import is_citizen_only

LAST_SEEN_KEY = "portal_last_seen"
EXPIRED_KEY = "portal_session_expired"
# The last-seen time is written at most this often, not on every request.
_TOUCH_EVERY = 60


def start_idle_clock(sender, request, user, **kwargs) -> None:
    """At login (user_logged_in): the idle time counts from now, written with the login itself
    rather than by the next request."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN_KEY] = time.time()


class IdleSessionMiddleware:
    """After AuthenticationMiddleware: a logged-in session idle longer than the timeout is
    ended; a page request goes to the expired-session page, an API request goes on without
    the session (and is answered as unauthenticated)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(LAST_SEEN_KEY)
            idle = settings.SESSION_IDLE_TIMEOUT.total_seconds()
            if last_seen is not None and now - last_seen > idle:
                return self._expired(request)
            if last_seen is None or now - last_seen >= _TOUCH_EVERY:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)

    def _expired(self, request):
        citizen = is_citizen_only(request.user)
        logout(request)
        request.session[EXPIRED_KEY] = "citizen" if citizen else "staff"
        if request.path.startswith("/api/"):
            return self.get_response(request)
        back = request.get_full_path() if request.method == "GET" else request.path
        return redirect(with_next(reverse("session_expired"), back))


def session_expired(request):
    """REG-20: explains the session ended and offers the right login, back to the page."""
    next_url = safe_next(request, request.GET.get("next", ""))
    citizen = request.session.get(EXPIRED_KEY, "citizen") == "citizen"
    login_url = citizen_login_url(next_url) if citizen else staff_login_url(next_url)
    minutes = int(settings.SESSION_IDLE_TIMEOUT.total_seconds() // 60)
    return render(
        request,
        "accounts/session_expired.html",
        {"login_url": login_url, "minutes": minutes, "citizen": citizen},
    )
