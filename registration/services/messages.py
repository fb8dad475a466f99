"""Messages to a citizen (REG-18): composed in their language from
registration/messages/<name>_subject.txt and _body.txt, signed with the Authority's no-reply
sender of the channel, and sent by the channel they chose."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from taxportal.sms import send_sms

from ..models import Channel


def no_reply_sender(channel: str) -> str:
    """Who genuine messages come from: the SMS sender name, or the no-reply e-mail address."""
    return settings.SMS_SENDER if channel == Channel.SMS else settings.DEFAULT_FROM_EMAIL


def message_compose(*, name: str, channel: str, language: str, context: dict) -> tuple[str, str]:
    with translation.override(language):
        context = {**context, "no_reply": no_reply_sender(channel)}
        subject = render_to_string(f"registration/messages/{name}_subject.txt", context)
        body = render_to_string(f"registration/messages/{name}_body.txt", context)
    return subject.strip(), body


def send_message(*, channel: str, destination: str, subject: str, body: str) -> None:
    if channel == Channel.SMS:
        send_sms(to=destination, body=body)
    else:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [destination])
