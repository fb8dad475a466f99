"""This app's periodic jobs for Celery beat (merged into settings.CELERY_BEAT_SCHEDULE)."""

BEAT_SCHEDULE: dict = {}

from .fee_beat import FEE_BEAT_SCHEDULE  # noqa: E402

BEAT_SCHEDULE.update(FEE_BEAT_SCHEDULE)
