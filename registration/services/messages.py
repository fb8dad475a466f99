"""Sending a message to a citizen by the channel they chose (REG-18)."""

from django.conf import settings
from django.core.mail import send_mail

from taxportal.sms import send_sms

from ..models import Channel


def send_message(*, channel: str, destination: str, subject: str, body: str) -> None:
    if channel == Channel.SMS:
        send_sms(to=destination, body=body)
    else:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [destination])
