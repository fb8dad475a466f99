"""A real Celery worker on the real Redis broker runs tasks to completion (not eagerly): it
answers the readiness probe's round trip, and logs each task with the id of the request that
started it."""

import pytest
from django.conf import settings
from django.urls import reverse

from taxportal.logs import request_id_var
from taxportal.tasks import ping

from ..servers import wait_for_record

pytestmark = pytest.mark.celery_worker


def test_a_real_worker_completes_a_task_through_redis_and_logs_the_request_id(
    celery_worker_for, tmp_path
):
    log = tmp_path / "worker.log"
    celery_worker_for(env={"LOG_FORMAT": "json", "LOG_LEVEL": "INFO"}, log=log)
    token = request_id_var.set("req-from-the-web-42")  # as RequestIdMiddleware sets it
    try:
        result = ping.delay("hello")
    finally:
        request_id_var.reset(token)
    assert result.get(timeout=60) == "pong:hello"
    assert result.successful()
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    # The worker's JSON record of that task (written just after the result) carries the id.
    done = wait_for_record(
        log, lambda r: r["logger"] == "celery.app.trace" and result.id in r["message"]
    )
    assert done["request_id"] == "req-from-the-web-42", done
    assert done["level"] == "INFO" and "succeeded" in done["message"]


def test_the_readiness_probe_round_trip_goes_through_a_real_worker(celery_worker_for, client, db):
    celery_worker_for()
    assert ping.delay("warm-up").get(timeout=60) == "pong:warm-up"  # the worker is up
    response = client.get(reverse("health_ready"))
    assert response.status_code == 200, response.content
    assert response.json()["CeleryRoundTrip()"] == "OK"


def test_beat_schedule_is_defined_in_settings():
    assert isinstance(settings.CELERY_BEAT_SCHEDULE, dict)
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert "task" in entry and "schedule" in entry
