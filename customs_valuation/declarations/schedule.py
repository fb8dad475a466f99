"""Part 2.3's daily jobs for Celery beat (merged by customs_valuation/schedule.py)."""

from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    "customs-declarations-midnight": {
        "task": "customs_valuation.declarations.midnight",
        "schedule": crontab(hour=0, minute=0),
    },
    "customs-declarations-archive-ready": {
        "task": "customs_valuation.declarations.archive_ready",
        "schedule": crontab(hour=0, minute=30),
    },
    "customs-declarations-daily-check": {
        "task": "customs_valuation.declarations.daily_check",
        "schedule": crontab(hour=6, minute=0),
    },
}
