"""Liveness and readiness probes (django-health-check): /health/live/ checks nothing but the
process, /health/ready/ every service a web process needs; both answer JSON to anyone."""

import datetime
import socket

import pytest
from django.urls import reverse
from health_check.exceptions import ServiceUnavailable

from taxportal.celery import app
from taxportal.health import CeleryRoundTrip

READY_CHECKS = {
    "Database(alias='default')",
    "Cache(alias='default')",
    "Storage(alias='default')",
    "CeleryBroker()",
    "CeleryRoundTrip()",
}


def test_live_answers_without_touching_any_service(client):
    # No `db` fixture: pytest-django refuses any database access, so a query would fail it.
    response = client.get(reverse("health_live"))
    assert response.status_code == 200
    assert response.json() == {}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_ready_checks_database_cache_storage_broker_and_a_task_round_trip(client):
    # Tasks run eagerly in the test settings: the round trip is in this process.
    response = client.get(reverse("health_ready"))
    assert response.status_code == 200, response.content
    assert response.json() == dict.fromkeys(READY_CHECKS, "OK")
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_ready_answers_json_to_a_browser_too(client):
    response = client.get(reverse("health_ready"), HTTP_ACCEPT="text/html")
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == READY_CHECKS


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the block ends: nothing listens


@pytest.mark.django_db
def test_ready_fails_with_500_when_the_broker_cannot_be_reached(client):
    saved = app.conf.broker_url
    app.conf.broker_url = f"redis://127.0.0.1:{closed_port()}/0"
    try:
        response = client.get(reverse("health_ready"))
    finally:
        app.conf.broker_url = saved
    assert response.status_code == 500
    body = response.json()
    assert body["CeleryBroker()"] == "Unavailable: The Celery broker cannot be reached"
    assert body["Database(alias='default')"] == "OK"
    assert "127.0.0.1" not in response.content.decode(), "no address is shown to the caller"


def test_round_trip_reports_no_worker_when_none_answers(celery_worker_for_nobody):
    check = CeleryRoundTrip(timeout=datetime.timedelta(seconds=1))
    with pytest.raises(ServiceUnavailable, match="No Celery worker answered"):
        check.run()


@pytest.fixture
def celery_worker_for_nobody(settings):
    """Tasks go to the real broker, to a queue no worker consumes."""
    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL is not set: tasks can only run eagerly")
    saved = {name: app.conf[name] for name in ("task_default_queue", "task_always_eager")}
    app.conf.update(task_default_queue="test-nobody-listens", task_always_eager=False)
    yield
    app.conf.update(saved)
    with app.connection_for_write() as connection:  # the unanswered ping is not left behind
        connection.default_channel.queue_purge("test-nobody-listens")


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_probes_accept_only_get(client, method):
    for name in ("health_live", "health_ready"):
        assert getattr(client, method)(reverse(name)).status_code == 405
