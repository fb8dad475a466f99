from celery import shared_task

from .notifications.tasks import deliver_notification  # noqa: F401 - registers the task


@shared_task(acks_late=False, max_retries=0)
def ping(value: str) -> str:
    """Answers `pong:<value>`: the readiness probe (/health/ready/, taxportal.health) sends it
    through the broker to a worker and waits for the answer. Never retried: a probe that gets
    no answer in time reports the workers unavailable."""
    return f"pong:{value}"
