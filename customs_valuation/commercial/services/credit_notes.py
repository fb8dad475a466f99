"""CUS-70: the agent brings credit notes (and further payments not on the supplier's invoice) to
the chief valuer of the handling customs house before filing; the chief valuer approves or
refuses with a reason; an entry citing a credit note not approved is refused at filing."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taxportal.locks import locked
from taxportal.models import User

from ...declarations import selectors as declaration_selectors
from ...declarations.models import CustomsHouse, Importer
from ..choices import ActorKind, AuditAction, CreditNoteKind, CreditNoteStatus
from ..models import CreditNote
from .common import (
    NotAllowed,
    NotificationKind,
    actor_kind,
    amount_input,
    audit,
    house_ids,
    notify,
    text,
)


@transaction.atomic
def credit_note_request(
    *,
    actor: User,
    agent,
    importer: Importer,
    supplier_number,
    customs_house: CustomsHouse,
    number: str,
    kind: str,
    amount: Decimal,
    currency: str,
    description: str = "",
) -> CreditNote:
    if actor_kind(actor) != ActorKind.AGENT or agent is None:
        raise NotAllowed(_("The agent asks for the chief valuer's approval."))
    if not declaration_selectors.importers_of(agent).filter(pk=importer.pk).exists():
        raise NotAllowed(_("You are not authorised to file for this importer."))
    supplier, _alias = declaration_selectors.supplier_by_number(supplier_number)
    if kind not in CreditNoteKind.values:
        raise ValidationError({"kind": _("Choose credit note or further payment.")})
    number = text(number, "number", _("Give the credit note's number."))[:40]
    currency = str(currency or "").strip().upper()
    if len(currency) != 3 or not currency.isascii() or not currency.isalpha():
        raise ValidationError({"currency": _("A currency is three capital letters (ISO 4217).")})
    if CreditNote.objects.filter(importer=importer, supplier=supplier, number=number).exists():
        raise ValidationError({"number": _("This credit note was already brought for approval.")})
    note = CreditNote.objects.create(
        importer=importer,
        supplier=supplier,
        agent=agent,
        customs_house=customs_house,
        number=number,
        kind=kind,
        amount=amount_input(amount, "amount", positive=True),
        currency=currency,
        description=str(description or "").strip(),
        requested_by=actor,
    )
    audit(
        actor=actor,
        action=AuditAction.CREDIT_NOTE,
        case=note,
        number=number,
        amount=note.amount,
        currency=currency,
        kind=kind,
    )
    return note


@transaction.atomic
def credit_note_decide(
    *, actor: User, credit_note: CreditNote, approve: bool, reason: str
) -> CreditNote:
    if actor_kind(actor) != ActorKind.CHIEF or credit_note.customs_house_id not in house_ids(actor):
        raise NotAllowed(_("Only the chief valuer of the handling customs house decides."))
    reason = text(reason, "reason", _("Give the reason for the decision."))
    note = locked(credit_note)
    if note.status != CreditNoteStatus.REQUESTED:
        raise ValidationError(_("This credit note was already decided."))
    note.status = CreditNoteStatus.APPROVED if approve else CreditNoteStatus.REFUSED
    note.decided_by, note.decided_at, note.decision_reason = actor, timezone.now(), reason
    note.save()
    notify(
        [note.agent_id],
        kind=NotificationKind.VALUATION_NOTICE,
        reason=reason,
        params={"credit_note": note.number, "status": note.status},
    )
    audit(
        actor=actor,
        action=AuditAction.CREDIT_NOTE_DECIDED,
        case=note,
        reason=reason,
        status=note.status,
    )
    return note


def credit_notes_check(*, importer: Importer, supplier, numbers) -> list[CreditNote]:
    """At filing: every credit note the entry cites is approved for its pair."""
    numbers = [str(n).strip() for n in numbers or () if str(n).strip()]
    if not numbers:
        return []
    found = {
        n.number: n
        for n in CreditNote.objects.filter(importer=importer, supplier=supplier, number__in=numbers)
    }
    missing = [n for n in numbers if n not in found]
    waiting = [n for n in numbers if n in found and found[n].status != CreditNoteStatus.APPROVED]
    if missing or waiting:
        raise ValidationError(
            {
                "credit_notes": _(
                    "Credit notes not approved by the chief valuer before filing (CUS-70): "
                    "%(numbers)s."
                )
                % {"numbers": ", ".join(missing + waiting)}
            }
        )
    return list(found.values())
