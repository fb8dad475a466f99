"""Background jobs: messages to citizens go out without making the page wait (REG-18)."""

from celery import shared_task


@shared_task
def send_user_code(registration_id: int) -> None:
    from . import services

    services.registration_issue_code(registration_id=registration_id)


@shared_task
def send_contact_verification(verification_id: int) -> None:
    from . import services

    services.contact_verification_send(verification_id=verification_id)


@shared_task
def cancel_expired_registrations() -> int:
    from . import services

    return services.registrations_cancel_expired()
