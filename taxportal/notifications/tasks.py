"""Sending a notification from a worker, retried with backoff while the messaging system is
briefly unavailable; the last attempt records it failed. The task imports its service inside
its body (the project's convention)."""

from celery import shared_task

from taxportal.celery import PortalTask

MAX_RETRIES = 5


class DeliverTask(PortalTask):
    max_retries = MAX_RETRIES


@shared_task(bind=True, base=DeliverTask)
def deliver_notification(self, notification_id: int) -> str:
    from . import services

    if self.request.is_eager:
        # Run eagerly (tests, a laptop without Redis), where Celery propagates instead of
        # retrying: the same attempts, one after the other, with no wait.
        for _attempt in range(self.max_retries):
            try:
                return services.notification_deliver(
                    notification_id=notification_id, last_attempt=False
                )
            except services.DeliveryDeferred:
                continue
        return services.notification_deliver(notification_id=notification_id, last_attempt=True)
    try:
        return services.notification_deliver(
            notification_id=notification_id,
            last_attempt=self.request.retries >= self.max_retries,
        )
    except services.DeliveryDeferred as exc:
        raise self.retry(exc=exc, countdown=backoff(self.request.retries)) from exc


def backoff(retries: int) -> int:
    """30 s, 60 s, 120 s, ... at most 10 minutes."""
    return int(min(30 * 2**retries, 600))
