"""The Celery app: broker and results on Redis, jobs declared by each app's schedule.py.

Every task is acknowledged late (a worker that dies mid-task leaves it for another) and retried
with backoff on transient errors: a database, broker, mail server or SMS gateway that is briefly
unreachable or refuses for now. A task started while a request is handled carries that request's
id (a message header), and the worker's log records of that task show it (taxportal.logs).
"""

import logging
import logging.config
import os
from contextvars import Token
from typing import Any

import sentry_sdk
from celery import Celery, Task
from celery.signals import (
    before_task_publish,
    setup_logging,
    task_postrun,
    task_prerun,
    worker_init,
)

from .logs import NO_REQUEST, request_id_var

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

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().__call__(*args, **kwargs)
        except _transient_errors() as exc:
            if self.request.is_eager:
                raise
            raise self.retry(exc=exc) from exc


app = Celery("taxportal", task_cls=PortalTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@setup_logging.connect
def _log_as_django_does(**_kwargs: Any) -> None:
    """Workers and beat log through the LOGGING setting (plain or JSON, with the request id),
    not Celery's own format: its level is LOG_LEVEL, not the worker's --loglevel."""
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)


@worker_init.connect
def _say_where_tasks_run(**_kwargs: Any) -> None:
    with app.connection_for_write() as connection:  # as_uri() masks the password
        logger.info("Celery worker connected to broker %s", connection.as_uri())


REQUEST_ID_HEADER = "portal_request_id"
_request_id_tokens: dict[str, Token[str | None]] = {}


@before_task_publish.connect
def _send_the_request_id(headers: dict[str, Any] | None = None, **_kwargs: Any) -> None:
    request_id = request_id_var.get()
    if request_id and headers is not None:
        headers[REQUEST_ID_HEADER] = request_id


@task_prerun.connect
def _take_the_request_id(task_id: str, task: Task, **_kwargs: Any) -> None:
    """In a worker the task's records carry the id of the request that sent it (or none); a task
    run eagerly, inside the request, keeps the request's id."""
    request = task.request
    request_id = getattr(request, REQUEST_ID_HEADER, None) or (request.headers or {}).get(
        REQUEST_ID_HEADER
    )
    if request_id is None and request.is_eager:
        request_id = request_id_var.get()
    _request_id_tokens[task_id] = request_id_var.set(request_id)
    sentry_sdk.set_tag("request_id", request_id or NO_REQUEST)


@task_postrun.connect
def _forget_the_request_id(task_id: str, **_kwargs: Any) -> None:
    token = _request_id_tokens.pop(task_id, None)
    if token is not None:
        request_id_var.reset(token)
