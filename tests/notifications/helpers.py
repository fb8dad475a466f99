"""Registered citizens with chosen channels and consents, and the messages they received."""

from django.core import mail

from registration.models import Channel
from taxportal import sms
from taxportal.roles import Role
from tests.factories import UserFactory
from tests.registration.factories import CitizenProfileFactory


def citizen(national_id: str, *, channel=Channel.EMAIL, sms_ok=False, email_ok=True, **fields):
    """A registered citizen (REG-13, REG-14): mobile +972502345678, e-mail citizen@example.com."""
    user = UserFactory(national_id=national_id, roles=[Role.CITIZEN])
    return CitizenProfileFactory(
        user=user, channel=channel, consent_sms=sms_ok, consent_email=email_ok, **fields
    )


def clear_outboxes() -> None:
    mail.outbox.clear()
    sms.outbox.clear()


def emails_to(address: str = "citizen@example.com") -> list:
    return [m for m in mail.outbox if address in m.to]
