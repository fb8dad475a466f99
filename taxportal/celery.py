"""The Celery app: broker and results on Redis, jobs declared by each app's schedule.py.

Every task is acknowledged late (a worker that dies mid-task leaves it for another) and retried
with backoff on transient errors: a database, broker, mail server or SMS gateway that is briefly
unreachable or refuses for now.
"""

import logging
import os

from celery import Celery, Task
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taxportal.settings.dev")

logger = logging.getLogger(__name__)


def _transient_errors() -> tuple[type[BaseException], ...]:
    from smtplib import SMTPException

    from django.db import InterfaceError, OperationalError
    from kombu.exceptions import OperationalError as BrokerError

    from .sms import SmsGatewayError

    return (
        OperationalError,
        InterfaceError,
        BrokerError,
        ConnectionError,
        TimeoutError,
        SMTPException,  # the mail server: down, busy, or refusing for now (REG-18)
        SmsGatewayError,  # the SMS gateway: unreachable, 5xx, 429
    )


class PortalTask(Task):
    """Base task: acks late, retries transient failures with exponential backoff."""

    acks_late = True
    max_retries = 5
    retry_backoff = True
    retry_backoff_max = 600
    retry_jitter = True

    def __call__(self, *args, **kwargs):
        try:
            return super().__call__(*args, **kwargs)
        except _transient_errors() as exc:
            if self.request.is_eager:
                raise
            raise self.retry(exc=exc) from exc


app = Celery("taxportal", task_cls=PortalTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def _say_where_tasks_run(**_kwargs):
    logger.info("Celery worker connected to broker %s", app.conf.broker_url)
