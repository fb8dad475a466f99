"""Celery tasks of the badges app (discovered by Celery through this module)."""

from .fee_tasks import *  # noqa: F401,F403
