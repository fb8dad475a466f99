"""Liveness and readiness probes for the load balancer and the orchestrator (django-health-check).

- `/health/live/`: the process answers; it checks nothing else, so a database outage never gets
  healthy web processes restarted.
- `/health/ready/`: the process can serve: PostgreSQL, the cache, the Celery broker, a task's
  round trip through a worker and back, and the file storage (local disk or object store).

Both answer JSON (`{"Database(alias='default')": "OK", ...}`), 200 when every check passed and
500 otherwise, never cached. They need no login and show no personal data.
"""

import dataclasses
import datetime
import uuid
from typing import Any

from django.http import HttpResponse
from health_check.base import HealthCheck
from health_check.exceptions import ServiceReturnedUnexpectedResult, ServiceUnavailable
from health_check.views import HealthCheckView

ROUND_TRIP_SECONDS = 4


@dataclasses.dataclass
class CeleryBroker(HealthCheck):
    """The broker accepts a connection (Redis, or the in-memory broker of a laptop)."""

    timeout: datetime.timedelta = dataclasses.field(
        default=datetime.timedelta(seconds=3), repr=False
    )

    def run(self) -> None:
        from kombu.exceptions import OperationalError

        from .celery import app

        try:
            with app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, timeout=self.timeout.total_seconds())
        except (OperationalError, OSError) as error:
            raise ServiceUnavailable("The Celery broker cannot be reached") from error


@dataclasses.dataclass
class CeleryRoundTrip(HealthCheck):
    """A `ping` task goes through the broker to a worker and its answer comes back.

    The message expires with the probe, so probes sent while no worker runs do not pile up.
    Where tasks run eagerly (no REDIS_URL), the round trip is in the process itself.
    """

    timeout: datetime.timedelta = dataclasses.field(
        default=datetime.timedelta(seconds=ROUND_TRIP_SECONDS), repr=False
    )

    def run(self) -> None:
        from celery.exceptions import TimeoutError as NoAnswer

        from .tasks import ping

        token = uuid.uuid4().hex
        seconds = self.timeout.total_seconds()
        result = ping.apply_async(args=[token], expires=seconds)
        try:
            answer = result.get(timeout=seconds, propagate=False)
        except NoAnswer as error:
            raise ServiceUnavailable("No Celery worker answered") from error
        finally:
            result.forget()
        if answer != f"pong:{token}":
            raise ServiceReturnedUnexpectedResult("The Celery worker answered wrongly")


class HealthView(HealthCheckView):
    """JSON whatever the client accepts (a person's browser too): these pages are for machines,
    so the library's English HTML page is never shown."""

    def render_to_response(self, context: dict[str, Any], **response_kwargs: Any) -> HttpResponse:
        return self.render_to_response_json(response_kwargs.get("status", 200))


live = HealthView.as_view(checks=())
ready = HealthView.as_view(
    checks=(
        "health_check.checks.Database",
        "health_check.checks.Cache",
        "health_check.checks.Storage",
        CeleryBroker,
        CeleryRoundTrip,
    )
)
