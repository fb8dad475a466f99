from django.conf import settings

from .links import citizen_login_url

# Pages that a login must not come back to: the logins themselves and the registration wizard.
_NO_RETURN_PREFIXES = ("/accounts/", "/registration/", "/i18n/")


def portal(request):
    """The languages, and the header's "Log in": the citizen login, back to this page (REG-20)."""
    path = request.get_full_path()
    comes_back = request.method == "GET" and not request.path.startswith(_NO_RETURN_PREFIXES)
    return {
        "LANGUAGES": settings.LANGUAGES,
        "header_login_url": citizen_login_url(path if comes_back and path != "/" else ""),
    }
