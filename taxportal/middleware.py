from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header

API_PREFIX = "/api/"
API_PAGES = ("/api/docs/",)  # pages for people under /api/: Hebrew first like every page


def _accepted_language(request) -> str | None:
    """The first language of Accept-Language that the portal speaks (he, en), if any."""
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return None


class HebrewFirstLocaleMiddleware:
    """Hebrew unless the visitor chose English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language; the portal speaks
    Hebrew first whatever the browser says, and remembers an explicit choice in a cookie. A
    program calling the API (under /api/) chooses with Accept-Language, which wins there.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        api = request.path.startswith(API_PREFIX) and not request.path.startswith(API_PAGES)
        language = _accepted_language(request) if api else None
        language = language or request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie", "Accept-Language") if api else ("Cookie",))
        return response
