"""This app's periodic jobs for Celery beat (merged into settings.CELERY_BEAT_SCHEDULE).

Order matters within the night: new vehicles and renewals order badges, then the print file
takes every badge ordered that day.
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
}

from .fee_beat import FEE_BEAT_SCHEDULE  # noqa: E402

BEAT_SCHEDULE.update(FEE_BEAT_SCHEDULE)
