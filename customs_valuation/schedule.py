"""This app's periodic jobs for Celery beat (merged into settings.CELERY_BEAT_SCHEDULE)."""

from celery.schedules import crontab

from .declarations.schedule import BEAT_SCHEDULE as DECLARATIONS_SCHEDULE

BEAT_SCHEDULE: dict = {
    "customs-valuation-finalise-due-cases": {
        "task": "customs_valuation.finalise_due_cases",
        "schedule": crontab(hour=1, minute=30),
    },
    "customs-valuation-warn-lapsing-guarantees": {
        "task": "customs_valuation.warn_lapsing_guarantees",
        "schedule": crontab(hour=7, minute=0),
    },
    **DECLARATIONS_SCHEDULE,
}
