"""The receipts an importer is given online for their answer to a notice of intent (CUS-10)
and for their appeal (CUS-12, CUS-23), issue 15: the reference, what was received (the text's
length and each document), what happens next. Called inside the services' transactions, only
for what the importer sent themselves (an officer recording paper gives no online receipt)."""

from django.urls import reverse
from django.utils.translation import gettext_noop

from taxportal.models import Receipt, User
from taxportal.services import receipt_issue
from taxportal.texts import lines, said

from ..choices import CaseKind
from ..models import ValuationCase

ANSWER_RECEIVED = "customs.answer_received"
APPEAL_RECEIVED = "customs.appeal_received"


def _contents(text: str, files) -> list:
    return [
        said(gettext_noop("Your written text: %(count)s characters"), count=len(text.strip())),
        *[said(gettext_noop("Document: %(name)s"), name=f.name or "") for f in files],
    ]


def answer_receipt(*, actor: User, case: ValuationCase, text: str, files) -> Receipt:
    """CUS-10, CUS-11: the answer reached the supervisor, who weighs it and decides."""
    return receipt_issue(
        owner=actor,
        identity_number=case.importer_national_id,
        event=ANSWER_RECEIVED,
        case=case,
        what=said(gettext_noop("Answer to the notice of intent, case %(ref)s"), ref=case.reference),
        received=lines(*_contents(text, files)),
        next_step=said(
            gettext_noop(
                "The supervisor weighs your answer: convinced, the invoice price is accepted; "
                "if not, you receive a reasoned notice with the value set, open to appeal."
            )
        ),
        url=reverse("customs_valuation:my_case", args=[case.pk]),
    )


def appeal_receipt(*, actor: User, case: ValuationCase, grounds: str, files) -> Receipt:
    """CUS-12 (a vehicle: through the supervisor to the appeal committee) and CUS-23 (goods: to
    the collector)."""
    next_step = (
        said(
            gettext_noop(
                "The collector decides on your appeal and the decision is sent to you; the "
                "case page shows it."
            )
        )
        if case.kind == CaseKind.GOODS
        else said(
            gettext_noop(
                "The supervisor forwards your appeal with an opinion and the import documents "
                "to the appeal committee; its reasoned decision reaches you through the "
                "supervisor, and a claim to court is possible within three months of it."
            )
        )
    )
    return receipt_issue(
        owner=actor,
        identity_number=case.importer_national_id,
        event=APPEAL_RECEIVED,
        case=case,
        what=said(gettext_noop("Appeal, case %(ref)s"), ref=case.reference),
        received=lines(*_contents(grounds, files)),
        next_step=next_step,
        url=reverse("customs_valuation:my_case", args=[case.pk]),
    )
