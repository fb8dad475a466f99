"""This app's periodic jobs for Celery beat (merged into settings.CELERY_BEAT_SCHEDULE)."""

from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    # REG-17: registrations left unfinished at any step expire within a quarter of an hour.
    "registration-cancel-expired": {
        "task": "registration.tasks.cancel_expired_registrations",
        "schedule": crontab(minute="*/15"),
    },
    # REG-23: contact changes whose 72 hours have passed take effect within a quarter of an hour.
    "registration-apply-contact-changes": {
        "task": "registration.tasks.apply_due_contact_changes",
        "schedule": crontab(minute="*/15"),
    },
}
