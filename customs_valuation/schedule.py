"""This app's periodic jobs for Celery beat (merged into settings.CELERY_BEAT_SCHEDULE)."""

BEAT_SCHEDULE: dict = {}
