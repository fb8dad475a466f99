"""Background jobs: messages to citizens go out without making the page wait (REG-18)."""

from celery import shared_task

from . import services


@shared_task
def send_user_code(registration_id: int) -> None:
    services.registration_issue_code(registration_id=registration_id)


@shared_task
def send_contact_verification(verification_id: int) -> None:
    services.contact_verification_send(verification_id=verification_id)


@shared_task
def cancel_expired_registrations() -> int:
    return services.registrations_cancel_expired()


@shared_task
def tell_owner_login_locked(national_id: str) -> bool:
    return services.citizen_login_locked_tell_owner(national_id=national_id)


@shared_task
def tell_contact_change(change_id: int) -> None:
    services.contact_change_tell(change_id=change_id)


@shared_task
def apply_due_contact_changes() -> int:
    return services.contact_changes_apply_due()
