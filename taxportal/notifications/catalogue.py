"""What each event tells the citizen: a subject and sentences, translated when the message is
written in the citizen's language. A sentence is said only when every parameter it names is in
the event's params (dates come as ISO strings and are shown dd/mm/yyyy). No models here.

The events of the citizen's own requests (receipts, sent by the "citizen" side of issue 15) carry
`reference` and the rule's date `due`; the clerks' and officers' decisions are sent by the
services that make them (parking_badges.services.badge_events, customs_valuation's services).
"""

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_noop as noop


@dataclass(frozen=True)
class EventText:
    subject: str
    sentences: tuple[str, ...]


_RECEIPT_NEXT = noop("We will answer by %(due)s.")
_REFERENCE = noop("Reference: %(reference)s.")

CATALOGUE: dict[str, EventText] = {
    # Disabled-parking badges (BADGE-7..18, BADGE-37..41)
    "badges.application_received": EventText(
        noop("Your badge application was received"),
        (
            noop("Your application for a disabled-parking badge was received on %(date)s."),
            _REFERENCE,
            noop("An answer is due by %(due)s."),
        ),
    ),
    "badges.sent_to_doctor": EventText(
        noop("Your badge application is with the doctor"),
        (noop("Your application was sent to the department doctor on %(date)s."),),
    ),
    "badges.approved": EventText(
        noop("Your badge application was approved"),
        (
            noop("Your application for a disabled-parking badge was approved on %(date)s."),
            noop("The badge should reach you by post within about two weeks, by %(expected)s."),
        ),
    ),
    "badges.rejected": EventText(
        noop("Your badge application was rejected"),
        (
            noop("Your application for a disabled-parking badge was rejected on %(date)s."),
            noop(
                "You may appeal: send the appeal with new medical documents to the mobility "
                "department, from your personal area or by post. The reasons are in your "
                "personal area."
            ),
        ),
    ),
    "badges.info_requested": EventText(
        noop("More information is needed for your badge application"),
        (
            noop("The department doctor needs more information for your application."),
            noop("Send the documents by %(until)s, from your personal area or by post."),
        ),
    ),
    "badges.printed": EventText(
        noop("Your disabled-parking badge was printed"),
        (
            noop("Your disabled-parking badge was sent to print on %(date)s."),
            noop("It should reach you by post by %(expected)s."),
            noop("The badge you had before is no longer valid once the new one is printed."),
        ),
    ),
    "badges.refund_approved": EventText(
        noop("Your licence-fee refund was approved"),
        (
            noop("Your licence-fee refund request was approved: %(amount)s NIS."),
            noop("It will be paid by %(due)s."),
        ),
    ),
    "badges.refund_paid": EventText(
        noop("Your licence-fee refund was paid"),
        (noop("Your licence-fee refund of %(amount)s NIS was paid on %(date)s."),),
    ),
    # BADGE-35: a notice the rule requires, to the addresses given at the transfer.
    "badges.transfer_fee_difference": EventText(
        noop("Fee difference for vehicle %(number)s"),
        (  # one sentence: an SMS carries only the first
            noop(
                "Vehicle %(number)s changed owners on %(date)s. The licence you hold is valid "
                "only after the fee difference of %(amount)s NIS is paid; otherwise the licence "
                "will not be renewed."
            ),
        ),
    ),
    "badges.refund_requested": EventText(
        noop("Your refund request was received"),
        (noop("Your licence-fee refund request was received."), _REFERENCE, _RECEIPT_NEXT),
    ),
    "badges.replacement_requested": EventText(
        noop("Your request for a new badge was received"),
        (
            noop("Your request for a new badge was received."),
            _REFERENCE,
            noop("The new badge should reach you by %(due)s."),
        ),
    ),
    "badges.documents_received": EventText(
        noop("Your documents were received"),
        (noop("The documents you sent for your badge application were received."), _REFERENCE),
    ),
    # Customs valuation (CUS-4, CUS-10, CUS-12, CUS-17, CUS-23)
    "customs.notice": EventText(
        noop("A notice on customs valuation %(reference)s"),
        (
            noop("A notice on customs valuation %(reference)s is waiting in your personal area."),
            noop("You may answer it by %(due)s."),
        ),
    ),
    "customs.decision": EventText(
        noop("A decision on customs valuation %(reference)s"),
        (
            noop("A decision on customs valuation %(reference)s is waiting in your personal area."),
            noop("You may appeal by %(due)s."),
        ),
    ),
    "customs.appeal_decision": EventText(
        noop("The decision on your appeal, customs valuation %(reference)s"),
        (
            noop(
                "The appeals committee decided your appeal on customs valuation %(reference)s; "
                "the decision is waiting in your personal area."
            ),
        ),
    ),
    "customs.guarantee_lapsing": EventText(
        noop("Your guarantee on customs valuation %(reference)s is about to lapse"),
        (
            noop(
                "The guarantee or deposit of %(amount)s NIS you lodged for customs valuation "
                "%(reference)s lapses on %(expires)s."
            ),
            noop("To keep the vehicle released, extend it before then or contact the officer."),
        ),
    ),
    "customs.answer_received": EventText(
        noop("Your answer on customs valuation was received"),
        (noop("Your answer to the notice was received."), _REFERENCE, _RECEIPT_NEXT),
    ),
    "customs.appeal_received": EventText(
        noop("Your appeal on customs valuation was received"),
        (noop("Your appeal was received."), _REFERENCE, _RECEIPT_NEXT),
    ),
}

GENERIC = EventText(
    noop("News on your case"),
    (noop("There is news on your case in your personal area."), _REFERENCE),
)

_NAMES = re.compile(r"%\((\w+)\)s")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def event_text(event: str) -> EventText:
    return CATALOGUE.get(event, GENERIC)


def _shown(value: Any) -> str:
    text = str(value)
    if _ISO_DATE.match(text):
        return date.fromisoformat(text).strftime("%d/%m/%Y")
    return text


def _fill(msgid: str, params: dict[str, Any]) -> str | None:
    """The sentence translated (in the active language) with its parameters, or None when one of
    them is missing or empty."""
    names = _NAMES.findall(msgid)
    if any(params.get(name) in (None, "") for name in names):
        return None
    return gettext(msgid) % {name: _shown(params[name]) for name in names}


# Other names a sender may give the rule's date by (the receipts of the citizen's requests).
DUE_ALIASES = ("due", "due_on", "due_date", "answer_due", "expected_on", "by")


def _with_aliases(params: dict[str, Any]) -> dict[str, Any]:
    due = next((params[name] for name in DUE_ALIASES if params.get(name)), None)
    return {**params, "due": due} if due is not None else params


def event_subject(event: str, params: dict[str, Any]) -> str:
    text = event_text(event)
    return _fill(text.subject, _with_aliases(params)) or gettext(GENERIC.subject)


def event_sentences(event: str, params: dict[str, Any]) -> list[str]:
    params = _with_aliases(params)
    return [s for s in (_fill(m, params) for m in event_text(event).sentences) if s is not None]
