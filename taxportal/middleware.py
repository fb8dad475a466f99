from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class HebrewFirstLocaleMiddleware:
    """Hebrew unless the visitor chose English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language; the portal speaks
    Hebrew first whatever the browser says, and remembers an explicit choice in a cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class PermissionsPolicyMiddleware:
    """Every response says which browser features the portal never uses (PERMISSIONS_POLICY)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
