"""The OpenAPI document of every API (drf-spectacular) and its page for integrators.

`/api/schema/` serves the document (YAML; `?format=json` for JSON) and `/api/docs/` a Swagger UI
page on it (assets from npm, started by a static script: no inline script), both for logged-in
integrators only. `docs/openapi.yaml` is the same document committed; `make schema` writes it
and a test fails when it differs from the code. The error answers of every operation (RFC 9457
problem details, `taxportal.problems`) are added here once, by a post-processing hook; an API
documents only its own answers, using `problem_response` for an error of its own.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import translation
from drf_spectacular.utils import OpenApiExample, OpenApiResponse
from rest_framework.permissions import BasePermission

from .problems import MEDIA_TYPE, PROBLEM_TYPES, problem_type_code
from .roles import perm

# The permissions of the API operations: a user holding one of them integrates with the portal.
INTEGRATOR_PERMISSIONS = (
    perm("submit_garnishment_reports"),
    perm("check_badges"),
    perm("process_badges"),
    perm("value_imports"),
    "parking_badges.download_print_files",
)


def is_integrator(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and (user.is_staff or any(user.has_perm(name) for name in INTEGRATOR_PERMISSIONS))
    )


class IsIntegrator(BasePermission):
    """The document is for staff and the third parties, inspectors and officers calling it."""

    def has_permission(self, request, view):
        return is_integrator(request.user)


@login_required
def api_docs(request):
    if not is_integrator(request.user):
        raise PermissionDenied
    return render(request, "api/docs.html", {"problem_types": PROBLEM_TYPES})


PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
PROBLEM_SCHEMAS = {
    "Problem": {
        "type": "object",
        "description": "An error, as RFC 9457 problem details (`application/problem+json`).",
        "required": ["type", "title", "status", "detail", "code"],
        "properties": {
            "type": {
                "type": "string",
                "format": "uri",
                "description": "The problem type: a link to its explanation on the API page.",
            },
            "title": {"type": "string", "description": "The problem type, in the language."},
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "detail": {"type": "string", "description": "What went wrong this time."},
            "code": {"type": "string", "description": "The problem for programs."},
            "errors": {
                "type": "array",
                "description": "Every field of the request that is wrong, and why.",
                "items": {"$ref": "#/components/schemas/ProblemError"},
            },
            "line": {"type": "integer", "description": "The line of the file (1 is the header)."},
            "field": {"type": "string", "description": "The column or field of the file."},
        },
    },
    "ProblemError": {
        "type": "object",
        "required": ["code", "detail"],
        "properties": {
            "field": {"type": "string", "description": "Dotted path: `lines.3.order_amount`."},
            "code": {"type": "string"},
            "detail": {"type": "string"},
        },
    },
}


def problem_example(status: int, code: str, detail: str, **extra) -> dict:
    """An example problem, in English like every example of the document."""
    anchor = problem_type_code(code, status)
    with translation.override("en"):
        title = str(PROBLEM_TYPES[anchor].title)
    return {
        "type": f"https://portal.example/api/docs/#problem-{anchor}",
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
        **extra,
    }


# The errors every operation may answer with, as reusable responses (components/responses).
GENERIC_ERRORS = {
    "400": (
        "BadRequest",
        "invalid",
        "name: This field is required.",
        {"errors": [{"field": "name", "code": "required", "detail": "This field is required."}]},
    ),
    "401": ("NotAuthenticated", "not_authenticated", "Invalid token.", {}),
    "403": (
        "PermissionDenied",
        "permission_denied",
        "You do not have permission to perform this action.",
        {},
    ),
    "404": ("NotFound", "not_found", "Not found.", {}),
    "413": ("TooLarge", "too_large", "The request is too large.", {}),
    "415": (
        "UnsupportedMediaType",
        "unsupported_media_type",
        'Unsupported media type "text/plain" in request.',
        {},
    ),
}


def _responses() -> dict:
    responses = {
        name: {
            "description": str(PROBLEM_TYPES[code].title),
            "content": {
                MEDIA_TYPE: {
                    "schema": PROBLEM_REF,
                    "example": problem_example(int(status), code, detail, **extra),
                }
            },
        }
        for status, (name, code, detail, extra) in GENERIC_ERRORS.items()
    }
    responses["Problem"] = {
        "description": "Any other error, in the same shape.",
        "content": {MEDIA_TYPE: {"schema": PROBLEM_REF}},
    }
    return responses


def problem_response(status: int, code: str, description: str, detail: str, **extra):
    """An error an operation answers with besides the usual ones, for `extend_schema`:
    `responses={(409, MEDIA_TYPE): problem_response(409, "conflict", "…", "…")}`."""
    return OpenApiResponse(
        response=PROBLEM_REF,
        description=description,
        examples=[
            OpenApiExample(
                code, value=problem_example(status, code, detail, **extra), status_codes=[status]
            )
        ],
    )


def add_problem_responses(result, generator, request, public):
    """drf-spectacular post-processing hook: the problem schema, and on every operation the
    errors it can answer with (401, 403, 400 with input, 404 with a path parameter, 413 and 415
    with a body) and a `default` problem for any other."""
    components = result.setdefault("components", {})
    components.setdefault("schemas", {}).update(PROBLEM_SCHEMAS)
    components.setdefault("responses", {}).update(_responses())
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            wanted = ["401", "403"]
            parameters = operation.get("parameters", [])
            if parameters or "requestBody" in operation:
                wanted.append("400")
            if any(p["in"] == "path" for p in parameters):
                wanted.append("404")
            if "requestBody" in operation:
                wanted += ["413", "415"]
            for status in sorted(wanted):
                name = GENERIC_ERRORS[status][0]
                responses.setdefault(status, {"$ref": f"#/components/responses/{name}"})
            responses["default"] = {"$ref": "#/components/responses/Problem"}
            operation["responses"] = dict(sorted(responses.items(), key=lambda i: i[0]))
    return result


# The importer-declarations API (issue 13) is not yet described operation by operation: until
# its views carry their schemas it stays out of the published document and the fuzzing.
UNDOCUMENTED_PREFIXES = ("/api/customs/declarations/",)


def drop_undocumented(endpoints):
    """drf-spectacular preprocessing hook: the endpoints the document describes."""
    return [e for e in endpoints if not e[0].startswith(UNDOCUMENTED_PREFIXES)]
