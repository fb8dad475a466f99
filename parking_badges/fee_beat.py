"""Monthly jobs of the money side for Celery beat (merged by schedule.py)."""

from celery.schedules import crontab

FEE_BEAT_SCHEDULE = {
    "badges-monthly-vehicle-check": {
        "task": "parking_badges.fee_tasks.monthly_badge_vehicle_check",
        "schedule": crontab(day_of_month="1", hour="2", minute="15"),
    },
    "badges-monthly-disabled-tariff-reset": {
        "task": "parking_badges.fee_tasks.monthly_disabled_tariff_reset",
        "schedule": crontab(day_of_month="1", hour="2", minute="45"),
    },
    "badges-monthly-enforcement-file": {
        "task": "parking_badges.fee_tasks.monthly_enforcement_file",
        "schedule": crontab(day_of_month="1", hour="3", minute="30"),
    },
}
