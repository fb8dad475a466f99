"""A pluggable SMS backend, chosen by settings.SMS_BACKEND, like Django's e-mail backends.

ConsoleBackend prints, FileBackend writes one file per message under SMS_FILE_PATH,
LocmemBackend keeps messages in `outbox` for tests. A real gateway is another class with `send`.
"""

import sys
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


def send_sms(*, to: str, body: str) -> None:
    import_string(settings.SMS_BACKEND)().send(SmsMessage(to=to, body=body))
