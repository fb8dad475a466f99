"""Logs: every record written while a request is handled carries its id (the proxy's
X-Request-ID, or a new one), which the response returns; JSON when LOG_FORMAT=json."""

import io
import json
import logging
import logging.config
import re

import pytest
from django.urls import reverse

from taxportal.logs import RequestIdFilter, logging_config, request_id_from, request_id_var

NEW_ID = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def json_log():
    """The root logger also writes to a buffer, through the production JSON formatter and the
    request-id filter; returns a function giving the records written so far."""
    config = logging_config(log_format="json", level="INFO")
    formatter = logging.config.DictConfigurator(config).configure_formatter(
        config["formatters"]["json"]
    )
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(formatter)
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    root.removeHandler(handler)


def test_the_proxys_request_id_is_returned(client):
    response = client.get(reverse("health_live"), HTTP_X_REQUEST_ID="edge-7f3a.91:2")
    assert response["X-Request-ID"] == "edge-7f3a.91:2"


def test_a_request_without_an_id_gets_a_new_one_each_time(client):
    first = client.get(reverse("health_live"))["X-Request-ID"]
    second = client.get(reverse("health_live"))["X-Request-ID"]
    assert NEW_ID.fullmatch(first) and NEW_ID.fullmatch(second) and first != second


@pytest.mark.parametrize(
    "sent",
    ["", "has space", "x" * 65, "<script>", "line\\nbreak", "שלום", "a;b", "${jndi:ldap}"],
)
def test_an_unsafe_request_id_is_replaced_not_logged(sent):
    # Safe: 1 to 64 of letters, digits, dot, underscore, colon and hyphen.
    assert NEW_ID.fullmatch(request_id_from(sent))


def test_an_unsafe_header_never_reaches_the_response(client):
    response = client.get(reverse("health_live"), HTTP_X_REQUEST_ID="evil\r value")
    assert NEW_ID.fullmatch(response["X-Request-ID"])


@pytest.mark.django_db
def test_every_record_of_a_request_carries_its_id_in_json(client, json_log):
    response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="req-404")
    assert response.status_code == 404
    (record,) = [r for r in json_log() if r["logger"] == "django.request"]
    assert record["request_id"] == "req-404"
    assert record["level"] == "WARNING"
    assert record["message"] == "Not Found: /no-such-page/"
    assert set(record) >= {"time", "level", "logger", "request_id", "message"}
    assert "request" not in record, "the request (and its query string) is left out"


def test_a_record_outside_any_request_says_so(json_log):
    logging.getLogger("taxportal.test").warning("no request here")
    (record,) = json_log()
    assert record["request_id"] == "-" and record["message"] == "no request here"


def test_a_task_run_eagerly_inside_a_request_keeps_its_id(json_log):
    from taxportal.tasks import ping

    token = request_id_var.set("req-eager")
    try:
        ping.delay("x")  # eager in the test settings, as on a laptop without Redis
    finally:
        request_id_var.reset(token)
    (record,) = [r for r in json_log() if r["logger"] == "celery.app.trace"]
    assert record["request_id"] == "req-eager"
    assert request_id_var.get() is None


def test_log_format_must_be_plain_or_json():
    assert (
        logging_config(log_format="plain", level="INFO")["handlers"]["console"]["formatter"]
        == "plain"
    )
    with pytest.raises(ValueError, match="LOG_FORMAT"):
        logging_config(log_format="xml", level="INFO")
