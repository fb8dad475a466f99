from django.urls import reverse

from .roles import START_PAGES


def start_page_for(user) -> str | None:
    """The URL where this user's work starts: the first of their roles in START_PAGES order."""
    if not user.is_authenticated:
        return None
    roles = set(user.roles)
    for role, url_name in START_PAGES.items():
        if role in roles:
            return reverse(url_name)
    if user.is_superuser:
        return reverse("admin:index")
    return None
