"""A real Celery worker on the real Redis broker runs a task to completion (not eagerly)."""

import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings

from taxportal.celery import app
from taxportal.tasks import ping

pytestmark = pytest.mark.celery_worker


@pytest.fixture
def real_worker():
    if not settings.REDIS_URL:
        if os.environ.get("CI"):
            pytest.fail("CI must set REDIS_URL: the worker test needs the real broker.")
        pytest.skip("REDIS_URL is not set: no broker to run a worker against")
    queue = f"test-{uuid.uuid4().hex[:8]}"
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "taxportal", "worker", "--pool=solo",
         "--concurrency=1", "-Q", queue, "--without-gossip", "--without-mingle",
         "--loglevel=warning"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "taxportal.settings.test"},
        cwd=settings.BASE_DIR,
    )  # fmt: skip
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        yield queue
    finally:
        app.conf.task_always_eager = eager
        worker.terminate()
        worker.wait(timeout=30)


def test_a_real_worker_completes_a_task_through_redis(real_worker):
    result = ping.apply_async(args=["hello"], queue=real_worker)
    assert result.get(timeout=60) == "pong:hello"
    assert result.successful()
    assert settings.CELERY_BROKER_URL.startswith("redis://")


def test_beat_schedule_is_defined_in_settings():
    assert isinstance(settings.CELERY_BEAT_SCHEDULE, dict)
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert "task" in entry and "schedule" in entry
