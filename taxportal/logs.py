"""Logs: one record per line, plain for a person (development) or JSON for a collector
(LOG_FORMAT=json, the production default), each carrying the id of the request it belongs to.

The request id comes from the proxy's X-Request-ID header, or is made here
(taxportal.middleware.RequestIdMiddleware); it travels with every Celery task the request starts
(a message header, taxportal.celery) so the worker's records carry it too.
"""

import logging
import re
import uuid
from contextvars import ContextVar
from typing import Any

from pythonjsonlogger.core import RESERVED_ATTRS

LOG_FORMATS = ("plain", "json")
NO_REQUEST = "-"

# The id of the request (or of the request that started the task) being handled now.
request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)

# What a proxy may send: letters, digits and a few separators, at most 64 characters; anything
# else (too long, spaces, control characters) is replaced by a fresh id, never logged as given.
_SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")


def request_id_from(header: str | None) -> str:
    """The proxy's request id when it is safe to log as it is, or a new one."""
    if header and _SAFE_REQUEST_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Puts the current request id on every record (`-` outside any request or task)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get() or NO_REQUEST
        return True


def logging_config(*, log_format: str, level: str) -> dict[str, Any]:
    """The LOGGING setting: every record to standard error, plain or JSON."""
    if log_format not in LOG_FORMATS:
        raise ValueError(f"LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}, not {log_format!r}")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "taxportal.logs.RequestIdFilter"}},
        "formatters": {
            "plain": {
                "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
            },
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
                # Django puts the request on some records; its full path may hold personal
                # data in the query string, so it is left out (the message names the path).
                "reserved_attrs": [*RESERVED_ATTRS, "request"],
                "json_ensure_ascii": False,
            },
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": log_format,
                "filters": ["request_id"],
            },
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {"django.db.backends": {"level": "INFO"}},
    }
