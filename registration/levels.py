"""REG-24: what a citizen's identification level lets the services show, in one place for every
app: the level, whether it shows everything, and the page that says what the low level hides."""

from functools import wraps

from django.shortcuts import render

from taxportal.roles import is_citizen_only

from .models import IdentificationLevel


def citizen_level(user) -> str:
    """The level the citizen's identity questions reached; low when not registered."""
    profile = getattr(user, "citizen_profile", None)
    return profile.level if profile else IdentificationLevel.LOW


def sees_everything(user) -> bool:
    """Staff see what their role allows; a citizen sees everything at the high level only."""
    return not is_citizen_only(user) or citizen_level(user) == IdentificationLevel.HIGH


def high_level_required(view):
    """For a page a citizen at the low level may not see: it says why, and how to get the high
    level, instead (status 403). Staff pass through to the page's own checks."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.is_authenticated and not sees_everything(request.user):
            return render(request, "registration/high_level_needed.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped
