"""Reading what the citizen received."""

import re

from django.core import mail

from taxportal import sms

CODE_PATTERN = re.compile(r":\s*([A-HJKMNP-Z2-9]{8})\s*$", re.MULTILINE)
LINK_PATTERN = re.compile(r"https?://\S+/registration/verify/\S+/")


def code_in(body: str) -> str:
    match = CODE_PATTERN.search(body)
    assert match, body
    return match.group(1)


def last_emailed_code(to: str) -> str:
    message = [m for m in mail.outbox if to in m.to][-1]
    return code_in(message.body)


def last_texted_code(to: str) -> str:
    message = [m for m in sms.outbox if m.to == to][-1]
    return code_in(message.body)


def link_in(body: str) -> str:
    match = LINK_PATTERN.search(body)
    assert match, body
    return match.group(0)
