from collections.abc import Callable
from typing import Any

import sentry_sdk
from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header

from .logs import request_id_from, request_id_var

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


REQUEST_ID_HEADER = "X-Request-ID"


def request_id_start(*, environ: dict[str, Any] | None = None, **_kwargs: Any) -> None:
    """On `request_started`, before any middleware: the request's id, for every record logged
    until the response is closed (Django logs 4xx and 5xx responses after the middleware)."""
    header = (environ or {}).get("HTTP_X_REQUEST_ID")
    request_id_var.set(request_id_from(header))


def request_id_end(**_kwargs: Any) -> None:
    """On `request_finished`: the records that follow belong to no request."""
    request_id_var.set(None)


class RequestIdMiddleware:
    """Every request has an id: the proxy's X-Request-ID when it sent a safe one, else a new one.

    It is on every log record written while the request is handled (taxportal.logs), on every
    Celery task the request starts (taxportal.celery), on the error report sent to Sentry, and
    on the response, so a person can quote it and an operator can find every line it caused.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        request_id = request_id_var.get()
        if request_id is None:  # a handler that sends no request_started
            request_id = request_id_from(request.headers.get(REQUEST_ID_HEADER))
            request_id_var.set(request_id)
        request.request_id = request_id  # type: ignore[attr-defined]
        sentry_sdk.set_tag("request_id", request_id)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        return response


class HebrewFirstLocaleMiddleware:
    """Hebrew unless the visitor chose English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language; the portal speaks
    Hebrew first whatever the browser says, and remembers an explicit choice in a cookie. A
    program calling the API (under /api/) chooses with Accept-Language, which wins there.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
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


class PermissionsPolicyMiddleware:
    """Every response says which browser features the portal never uses (PERMISSIONS_POLICY)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
