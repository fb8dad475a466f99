"""Background jobs: messages to citizens go out without making the page wait (REG-18), retried
on transient errors (taxportal.celery.PortalTask); one that fails for good is marked so the
citizen sees it and may ask for it again. Each task imports its service inside its body."""

from celery import shared_task

from taxportal.celery import PortalTask


class UserCodeTask(PortalTask):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        from . import services

        services.registration_code_failed(registration_id=args[0])


class VerificationTask(PortalTask):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        from . import services

        services.contact_verification_failed(verification_id=args[0])


@shared_task(base=UserCodeTask)
def send_user_code(registration_id: int) -> None:
    from . import services

    services.registration_issue_code(registration_id=registration_id)


@shared_task(base=VerificationTask)
def send_contact_verification(verification_id: int) -> None:
    from . import services

    services.contact_verification_send(verification_id=verification_id)


@shared_task
def cancel_expired_registrations() -> int:
    from . import services

    return services.registrations_cancel_expired()


@shared_task
def tell_owner_login_locked(national_id: str) -> bool:
    from . import services

    return services.citizen_login_locked_tell_owner(national_id=national_id)


@shared_task
def tell_contact_change(change_id: int) -> None:
    from . import services

    services.contact_change_tell(change_id=change_id)


@shared_task
def apply_due_contact_changes() -> int:
    from . import services

    return services.contact_changes_apply_due()
