"""The API contract: the committed OpenAPI document is the code's, it is served to integrators
only, and every error is RFC 9457 problem details in the caller's language."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import include, path
from rest_framework.views import APIView

from garnishment.models import Report
from taxportal.roles import Role
from taxportal.tokens import api_token_issue
from tests.garnishment.factories import ThirdPartyFactory, link_submitter
from tests.problems import problem

from .conftest import auth_headers

DOCUMENT = Path(settings.BASE_DIR) / "docs" / "openapi.yaml"
REPORTS = "/api/garnishment/reports/"
QUOTES = "/api/customs/vehicle-quotes/"


def test_openapi_document_is_the_codes(tmp_path):
    """`make schema` writes docs/openapi.yaml; this fails when the code changed without it."""
    fresh = tmp_path / "openapi.yaml"
    call_command(
        "spectacular", "--lang", "en", "--validate", "--fail-on-warn", "--file", str(fresh)
    )
    assert fresh.read_text() == DOCUMENT.read_text(), "docs/openapi.yaml is stale: make schema"


def test_document_and_page_are_for_integrators_only(client, make_user):
    anonymous = client.get("/api/schema/")
    assert problem(anonymous, 401)["code"] == "not_authenticated"
    assert client.get("/api/docs/").status_code == 302  # to the login page
    client.force_login(make_user(Role.CITIZEN))
    problem(client.get("/api/schema/"), 403)
    assert client.get("/api/docs/").status_code == 403
    client.force_login(make_user(Role.INSPECTOR))
    served = client.get("/api/schema/", {"format": "json"}, HTTP_ACCEPT_LANGUAGE="en")
    assert served.status_code == 200
    assert {"/api/badges/check/", REPORTS, QUOTES} <= set(json.loads(served.content)["paths"])


def test_documentation_page_starts_swagger_ui_from_static_files_only(client, make_user):
    client.force_login(make_user(Role.THIRD_PARTY_SUBMITTER))
    page = client.get("/api/docs/").content.decode()
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page
    assert "/static/taxportal/api-docs.js" in page
    assert page.count("<script") == page.count("<script src=")  # no inline script
    assert 'id="problem-unprocessable_file"' in page


def test_unknown_api_address_is_a_problem_and_a_page_elsewhere(client):
    assert problem(client.get("/api/nothing-here/"), 404)["code"] == "not_found"
    assert client.get("/nothing-here/")["Content-Type"].startswith("text/html")


@pytest.fixture
def officer(make_user):
    _token, key = api_token_issue(user=make_user(Role.CUSTOMS_OFFICER), name="test", actor=None)
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


def test_wrong_method_type_and_token_are_problems(client, officer):
    wrong_method = client.get(QUOTES, **officer)
    assert problem(wrong_method, 405)["code"] == "method_not_allowed"
    assert "POST" in wrong_method["Allow"]
    form = client.post(QUOTES, {"price_list_price": "1"}, **officer)
    assert problem(form, 415)["code"] == "unsupported_media_type"
    bad_json = client.post(QUOTES, "{", content_type="application/json", **officer)
    assert problem(bad_json, 400)["code"] == "malformed"
    refused = client.post(QUOTES, {}, HTTP_AUTHORIZATION="Token nope")
    assert problem(refused, 401)["code"] == "authentication_failed"
    assert refused["WWW-Authenticate"] == "Token"


def test_bad_fields_are_listed_in_the_callers_language(client, officer):
    body = json.dumps({"price_list_price": 100})
    english = problem(
        client.post(
            QUOTES, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en", **officer
        ),
        400,
    )
    assert english["title"] == "The request is not valid"
    assert {"field": "valuation_date", "code": "required", "detail": "This field is required."} in (
        english["errors"]
    )
    assert {e["field"] for e in english["errors"]} >= {"price_list_price", "import_costs"}
    hebrew = client.post(QUOTES, body, content_type="application/json", **officer)
    assert hebrew["Content-Language"] == "he"
    assert problem(hebrew, 400)["title"] == "הבקשה אינה תקינה"
    required = next(e for e in hebrew.json()["errors"] if e["field"] == "valuation_date")
    assert required["detail"] == "זהו שדה חובה."


class Boom(APIView):
    permission_classes = []

    def get(self, request):
        raise RuntimeError("secret detail")


urlpatterns = [path("api/boom/", Boom.as_view()), path("", include("taxportal.urls"))]


@pytest.mark.urls(__name__)
def test_an_unexpected_error_is_a_problem_without_its_cause(client):
    client.raise_request_exception = False
    body = problem(client.get("/api/boom/"), 500)
    assert body["code"] == "server_error" and "secret" not in json.dumps(body)


# --- The garnishment reports API: input refused whole, nothing kept -------------------------


def post_report(client, tokens, body: bytes, content_type: str, query: str = ""):
    return client.generic(
        "POST",
        REPORTS + query,
        body,
        content_type=content_type,
        HTTP_AUTHORIZATION=auth_headers(tokens, REPORTS)["Authorization"],
        HTTP_ACCEPT_LANGUAGE="en",
    )


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        (b"", "text/csv", 422, "empty"),  # was an AttributeError in services.py
        (b"[" * 5000 + b"]" * 5000, "application/json", 400, "malformed"),  # RecursionError
        (b"order_number\nA-1\n", "text/csv", 422, "missing_columns"),
        (b"\xff\xfe\x00garbage", "text/csv", 422, "missing_columns"),  # read as UTF-16
        (b'{"period": "2099-12", "lines": []}', "application/json", 400, "invalid"),
        (b'{"period": "0001-01", "lines": []}', "application/json", 400, "invalid"),
        # A field no column takes rejects its line, not the report (GAR-11: per-line answers).
        (b'{"lines": [{"debtor_name": "a\\u0000b"}]}', "application/json", 201, None),
        (b'{"lines": [{"assets_found": {}}]}', "application/json", 201, None),
        (b'{"lines": [{"order_amount": 12.5}]}', "application/json", 201, None),
        (b"x,y\n1,2\n", "text/plain", 415, "unsupported_media_type"),
    ],
)
def test_a_refused_report_is_a_problem_and_keeps_nothing(
    client, integrators, database_watch, body, content_type, status, code
):
    database_watch.start()
    response = post_report(client, integrators, body, content_type)
    if code is None:
        assert response.status_code == status, response.content
        return
    assert problem(response, status)["code"] == code
    assert database_watch.changed() == [] and not Report.objects.exists()


def test_a_future_month_is_refused_for_csv_too(client, integrators):
    response = post_report(client, integrators, b"a\n", "text/csv", "?period=2099-12")
    assert {e["field"] for e in problem(response, 400)["errors"]} == {"period"}


@override_settings(GARNISHMENT_MAX_FILE_MB=1)
def test_a_report_over_the_size_limit_is_413(client, integrators, database_watch):
    database_watch.start()
    response = post_report(client, integrators, b"x" * (1024 * 1024 + 1), "text/csv")
    assert problem(response, 413)["code"] == "too_large"
    assert database_watch.changed() == []


def test_another_partys_report_is_404_as_a_missing_one(client, integrators, make_user):
    line = {"authority": "TLV", "order_number": "A-1", "received_on": "2026-05-03"}
    body = json.dumps({"period": "2026-05", "lines": [line]}).encode()
    sent = post_report(client, integrators, body, "application/json")
    assert sent.status_code == 201, sent.content
    other = link_submitter(make_user(Role.THIRD_PARTY_SUBMITTER), ThirdPartyFactory())
    client.force_login(other)
    theirs = client.get(sent.json()["url"], HTTP_ACCEPT_LANGUAGE="en")
    missing = client.get(f"{REPORTS}{sent.json()['id'] + 1000}/", HTTP_ACCEPT_LANGUAGE="en")
    assert problem(theirs, 404) == problem(missing, 404)
