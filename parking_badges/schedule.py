"""This app's periodic jobs for Celery beat (merged into settings.CELERY_BEAT_SCHEDULE).

Order matters within the night: new vehicles and renewals order badges, then the print file
takes every badge ordered that day. The monthly jobs run early on the first of the month.
"""

from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    "badges-add-new-vehicles": {
        "task": "parking_badges.tasks.add_new_vehicles_to_badges",
        "schedule": crontab(hour=22, minute=0),
    },
    "badges-renew-expiring": {
        "task": "parking_badges.tasks.renew_expiring_badges",
        "schedule": crontab(hour=22, minute=15),
    },
    "badges-print-file": {
        "task": "parking_badges.tasks.build_print_file",
        "schedule": crontab(hour=23, minute=30),
    },
    "badges-discard-unsent-drafts": {
        "task": "parking_badges.tasks.discard_unsent_drafts",
        "schedule": crontab(hour=3, minute=0),
    },
    "badges-monthly-vehicle-check": {
        "task": "parking_badges.tasks.monthly_badge_vehicle_check",
        "schedule": crontab(day_of_month="1", hour="2", minute="15"),
    },
    "badges-monthly-disabled-tariff-reset": {
        "task": "parking_badges.tasks.monthly_disabled_tariff_reset",
        "schedule": crontab(day_of_month="1", hour="2", minute="45"),
    },
    "badges-monthly-enforcement-file": {
        "task": "parking_badges.tasks.monthly_enforcement_file",
        "schedule": crontab(day_of_month="1", hour="3", minute="30"),
    },
}
