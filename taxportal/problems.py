"""Every API error in one shape: RFC 9457 problem details (`application/problem+json`).

    {"type": "https://…/api/docs/#problem-invalid", "title": "…", "status": 400,
     "detail": "…", "code": "invalid", "errors": [{"field": "vehicle", "code": "invalid",
     "detail": "…"}], "line": 12, "field": "order_amount"}

`title` and `detail` are in the caller's language (the active language: Accept-Language on the
API, see `taxportal.middleware`). `code` is for programs; `errors` lists every bad field of a
request; `line` and `field` point into an uploaded file. Apps raise `ProblemDetail(status,
code, detail, line=, field=)`; DRF's own exceptions and Django's ValidationError, Http404,
PermissionDenied and RequestDataTooBig are converted by `exception_handler` (REST_FRAMEWORK
EXCEPTION_HANDLER). Anything else is a server error: logged with its traceback, answered 500 in
the same shape and with nothing about the cause.
"""

import logging
from dataclasses import dataclass

from django.core import exceptions as django_exceptions
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.log import log_response
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

logger = logging.getLogger("django.request")

MEDIA_TYPE = "application/problem+json"
API_PREFIX = "/api/"
NON_FIELD = "non_field_errors"


@dataclass(frozen=True)
class ProblemType:
    status: int
    title: Promise
    help: Promise


# The problem types the API answers with; each is documented on the API page under its code.
PROBLEM_TYPES: dict[str, ProblemType] = {
    "invalid": ProblemType(
        400,
        _("The request is not valid"),
        _("One or more fields are missing or wrong: errors names each field and why."),
    ),
    "malformed": ProblemType(
        400,
        _("The request could not be read"),
        _("The body is not well-formed JSON (or not the declared format)."),
    ),
    "not_authenticated": ProblemType(
        401,
        _("Authentication is needed"),
        _("Send Authorization: Token <key>, or log in to the portal."),
    ),
    "authentication_failed": ProblemType(
        401,
        _("The credentials were refused"),
        _("The token is unknown or malformed, or the user is inactive."),
    ),
    "permission_denied": ProblemType(
        403,
        _("You may not do this"),
        _("Your user does not hold the role this operation needs."),
    ),
    "not_found": ProblemType(
        404,
        _("Not found"),
        _("There is nothing at this address that you may see."),
    ),
    "method_not_allowed": ProblemType(
        405,
        _("Method not allowed"),
        _("The Allow header lists the methods this address accepts."),
    ),
    "not_acceptable": ProblemType(
        406,
        _("The answer cannot be given in the requested format"),
        _("Accept application/json."),
    ),
    "conflict": ProblemType(
        409,
        _("The request conflicts with the current state"),
        _("For example, the checksum quoted does not match the file."),
    ),
    "too_large": ProblemType(
        413,
        _("The request is too large"),
        _("Send a smaller body or file."),
    ),
    "unsupported_media_type": ProblemType(
        415,
        _("The body's type is not supported"),
        _("Send a Content-Type the operation lists."),
    ),
    "unprocessable_file": ProblemType(
        422,
        _("The file could not be processed"),
        _("The file was read but its content is not acceptable; line and field say where."),
    ),
    "throttled": ProblemType(
        429,
        _("Too many requests"),
        _("Wait for the number of seconds in the Retry-After header and try again."),
    ),
    "server_error": ProblemType(
        500,
        _("Server error"),
        _("Something failed on our side; it was logged. Try again later."),
    ),
    "unavailable": ProblemType(
        503,
        _("Not possible now"),
        _("Something the operation needs is missing for now; detail says what. Try again later."),
    ),
}
CODE_FOR_STATUS = {problem.status: code for code, problem in reversed(PROBLEM_TYPES.items())}


def problem_type_code(code: str, status: int) -> str:
    """The documented problem type of an answer: its own code, or else its status's."""
    return code if code in PROBLEM_TYPES else CODE_FOR_STATUS.get(status, "invalid")


class ProblemDetail(exceptions.APIException):
    """Raised by an API (or a service it calls) to answer with one problem:
    `raise ProblemDetail(422, "unprocessable_file", _("…"), line=12, field="order_amount")`.

    `code` is one of PROBLEM_TYPES or a more precise code of the app (its title is then the
    status's); `detail` is a translated sentence for a person.
    """

    def __init__(
        self,
        status: int,
        code: str,
        detail,
        *,
        line: int | None = None,
        field: str | None = None,
        errors: list[dict] | None = None,
        headers: dict | None = None,
    ):
        super().__init__(detail=str(detail), code=code)
        self.status_code = status
        self.problem_code = code
        self.line, self.field, self.errors = line, field, errors
        self.headers = headers or {}


def _flatten(detail, prefix: str = "") -> list[dict]:
    """DRF's nested error detail as a flat list of {field, code, detail}."""
    if isinstance(detail, dict):
        return [
            error
            for key, value in detail.items()
            for error in _flatten(value, key if not prefix else f"{prefix}.{key}")
        ]
    if isinstance(detail, list):
        if all(isinstance(item, str) for item in detail):
            return [error for item in detail for error in _flatten(item, prefix)]
        return [
            error
            for index, item in enumerate(detail)
            for error in _flatten(item, f"{prefix}.{index}" if prefix else str(index))
        ]
    error = {"code": getattr(detail, "code", None) or "invalid", "detail": str(detail)}
    if prefix and prefix != NON_FIELD:
        error = {"field": prefix, **error}
    return [error]


def _invalid(errors: list[dict]) -> ProblemDetail:
    summary = "; ".join(
        f"{e['field']}: {e['detail']}" if "field" in e else e["detail"] for e in errors
    )
    return ProblemDetail(400, "invalid", summary, errors=errors)


def as_problem(exc: Exception) -> ProblemDetail | None:
    """The problem an exception answers with; None for an unexpected one (a server error)."""
    if isinstance(exc, ProblemDetail):
        return exc
    if isinstance(exc, exceptions.ValidationError):
        return _invalid(_flatten(exc.detail))
    if isinstance(exc, django_exceptions.ValidationError):
        return _invalid(
            _flatten(exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD: exc.messages})
        )
    if isinstance(exc, exceptions.ParseError):
        return ProblemDetail(400, "malformed", exc.detail)
    if isinstance(exc, django_exceptions.RequestDataTooBig | django_exceptions.TooManyFieldsSent):
        return ProblemDetail(413, "too_large", gettext("The request is too large."))
    if isinstance(exc, Http404 | exceptions.NotFound):
        return ProblemDetail(404, "not_found", gettext("Not found."))
    if isinstance(exc, django_exceptions.PermissionDenied):
        return ProblemDetail(403, "permission_denied", exceptions.PermissionDenied.default_detail)
    if isinstance(exc, exceptions.Throttled):
        wait = getattr(exc, "wait", None)
        headers = {"Retry-After": str(wait)} if wait else {}
        return ProblemDetail(429, "throttled", exc.detail, headers=headers)
    if isinstance(exc, exceptions.APIException):
        code = exc.default_code if exc.default_code in PROBLEM_TYPES else None
        if exc.status_code == 403:  # DRF turns "not authenticated" into 403 without a scheme
            code = "permission_denied"
        code = code or CODE_FOR_STATUS.get(exc.status_code, "invalid")
        auth_header = getattr(exc, "auth_header", "")
        headers = {"WWW-Authenticate": auth_header} if auth_header else {}
        return ProblemDetail(exc.status_code, code, exc.detail, headers=headers)
    return None


def problem_body(problem: ProblemDetail, request) -> dict:
    anchor = problem_type_code(problem.problem_code, problem.status_code)
    body = {
        "type": request.build_absolute_uri(reverse("api_docs")) + f"#problem-{anchor}",
        "title": str(PROBLEM_TYPES[anchor].title),
        "status": problem.status_code,
        "detail": str(problem.detail),
        "code": problem.problem_code,
    }
    for name in ("errors", "line", "field"):
        if getattr(problem, name) is not None:
            body[name] = getattr(problem, name)
    return body


def _server_error() -> ProblemDetail:
    return ProblemDetail(500, "server_error", PROBLEM_TYPES["server_error"].help)


def exception_handler(exc, context):
    """REST framework's EXCEPTION_HANDLER: every exception of an API view as a problem."""
    request = context["request"]
    # A problem is JSON whatever the view renders otherwise (the schema view: YAML).
    request.accepted_renderer, request.accepted_media_type = JSONRenderer(), MEDIA_TYPE
    problem = as_problem(exc)
    if problem is None:
        problem = _server_error()
        response = Response(problem_body(problem, request), status=500, content_type=MEDIA_TYPE)
        log_response(
            "Internal Server Error: %s",
            request.path,
            response=response,
            request=request._request,
            exception=exc,
        )
        return response
    return Response(
        problem_body(problem, request),
        status=problem.status_code,
        headers=problem.headers,
        content_type=MEDIA_TYPE,
    )


def _page_or_problem(page_view, exc_factory):
    """Django's error handlers: the usual page, or a problem for an address under /api/."""

    def handler(request, exception=None, **kwargs):
        if not request.path.startswith(API_PREFIX):
            if exception is None:
                return page_view(request, **kwargs)
            return page_view(request, exception, **kwargs)
        problem = as_problem(exception) if exception is not None else None
        problem = problem or exc_factory()
        return JsonResponse(
            problem_body(problem, request),
            status=problem.status_code,
            content_type=MEDIA_TYPE,
            json_dumps_params={"ensure_ascii": False},
        )

    return handler


bad_request = _page_or_problem(
    defaults.bad_request, lambda: ProblemDetail(400, "malformed", gettext("Malformed request."))
)
permission_denied = _page_or_problem(
    defaults.permission_denied,
    lambda: ProblemDetail(403, "permission_denied", exceptions.PermissionDenied.default_detail),
)
page_not_found = _page_or_problem(
    defaults.page_not_found, lambda: ProblemDetail(404, "not_found", gettext("Not found."))
)
server_error = _page_or_problem(defaults.server_error, _server_error)
