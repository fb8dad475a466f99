"""This app's periodic jobs for Celery beat (merged into settings.CELERY_BEAT_SCHEDULE)."""

from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    "garnishment-monthly-statements": {
        "task": "garnishment.tasks.produce_monthly_statements",
        "schedule": crontab(minute=30, hour=2, day_of_month=1),
    },
    "garnishment-purge-personal-data": {
        "task": "garnishment.tasks.purge_personal_data",
        "schedule": crontab(minute=15, hour=3),
    },
}
