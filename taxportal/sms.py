"""A pluggable SMS backend, chosen by settings.SMS_BACKEND, like Django's e-mail backends.

HttpGatewayBackend sends through the Authority's SMS gateway (production); ConsoleBackend
prints and FileBackend writes one file per message under SMS_FILE_PATH (development only:
production refuses them); LocmemBackend keeps messages in `outbox` for tests.
"""

import base64
import json
import sys
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class SmsMessage:
    to: str
    body: str


class SmsGatewayError(Exception):
    """The gateway could not take the message now (unreachable, overloaded, 5xx): the
    background task tries again later."""


class SmsRejected(Exception):
    """The gateway refused the message for good (4xx: a bad number, bad credentials): trying
    again would not help."""


outbox: list[SmsMessage] = []


class ConsoleBackend:
    def send(self, message: SmsMessage) -> None:
        sys.stdout.write(f"SMS to {message.to}:\n{message.body}\n{'-' * 40}\n")
        sys.stdout.flush()


class FileBackend:
    def send(self, message: SmsMessage) -> None:
        folder = Path(settings.SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{timezone.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}.txt"
        (folder / name).write_text(f"To: {message.to}\n\n{message.body}\n", encoding="utf-8")


class LocmemBackend:
    def send(self, message: SmsMessage) -> None:
        outbox.append(message)


class HttpGatewayBackend:
    """POSTs `{"from": SMS_SENDER, "to": "+9725...", "text": "..."}` as JSON to
    SMS_GATEWAY_URL with HTTP basic authentication (SMS_GATEWAY_USER, SMS_GATEWAY_PASSWORD).
    A 2xx answer is accepted; 408, 429 and 5xx, or no answer within SMS_GATEWAY_TIMEOUT
    seconds, raise SmsGatewayError (retried); any other answer raises SmsRejected."""

    def send(self, message: SmsMessage) -> None:
        body = json.dumps(
            {"from": settings.SMS_SENDER, "to": message.to, "text": message.body}
        ).encode()
        credentials = f"{settings.SMS_GATEWAY_USER}:{settings.SMS_GATEWAY_PASSWORD}"
        request = urllib.request.Request(  # noqa: S310 - the URL comes from settings
            settings.SMS_GATEWAY_URL,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Authorization": "Basic " + base64.b64encode(credentials.encode()).decode(),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=settings.SMS_GATEWAY_TIMEOUT):  # noqa: S310
                return
        except urllib.error.HTTPError as error:
            if error.code in (408, 429) or error.code >= 500:
                raise SmsGatewayError(f"SMS gateway answered {error.code}") from error
            raise SmsRejected(f"SMS gateway refused the message: {error.code}") from error
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            raise SmsGatewayError(f"SMS gateway unreachable: {error}") from error


def send_sms(*, to: str, body: str) -> None:
    import_string(settings.SMS_BACKEND)().send(SmsMessage(to=to, body=body))
