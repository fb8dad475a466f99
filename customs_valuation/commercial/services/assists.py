"""Assists (CUS-75 to CUS-77): recorded by the agent with the importer's way of spreading, changed
only by a valuer, charged to entries until used up; the valuer's checks of an assist charged to
the entry (CUS-76)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from taxportal.locks import locked
from taxportal.models import User

from ...declarations import selectors as declaration_selectors
from ...declarations.models import Importer
from .. import rules
from ..choices import ActorKind, AssistCategory, AuditAction, LineKind
from ..models import Assist, AssistCheckRecord, CommercialCase
from ..models import WorksheetLine as Line
from .common import (
    NotAllowed,
    actor_kind,
    amount_input,
    audit,
    lock,
    refusing,
    require_work,
    text,
    whole_number,
)


@transaction.atomic
def assist_check_record(
    *, actor: User, case: CommercialCase, assist: Assist, code: str, result: str, note: str = ""
) -> AssistCheckRecord:
    """CUS-76: one of the valuer's checks of an assist charged to this entry — confirmed, a
    problem, or (the third-party check only) not applicable; recorded again, it replaces the
    previous result, and the audit trail keeps both."""
    case = lock(case)
    require_work(actor, case)
    if not case.lines.filter(assist_id=assist.pk).exists():
        raise ValidationError({"assist": _("Charge the assist to this entry first.")})
    note = str(note or "").strip()
    with refusing():
        rules.check_assist_check(code, result, note)
    check, _created = AssistCheckRecord.objects.update_or_create(
        case=case,
        assist=assist,
        code=code,
        defaults={"result": result, "note": note, "recorded_by": actor},
    )
    audit(
        actor=actor,
        action=AuditAction.ASSIST_CHECK,
        case=case,
        reason=note,
        assist=assist.pk,
        check=code,
        result=result,
    )
    return check


def _spread(assist: Assist, way, first_shipment, produced, contract) -> None:
    with refusing():
        assist.divisor = rules.assist_divisor(
            way, first_shipment=first_shipment, produced=produced, contract=contract
        )
    assist.way, assist.first_shipment, assist.produced = way, first_shipment, produced
    assist.contract = contract
    assist.per_unit = rules.per_unit_share(assist.value, assist.divisor)


@transaction.atomic
def assist_record(
    *,
    actor: User,
    agent,
    importer: Importer,
    supplier_number,
    description: str,
    category: str,
    cost: Decimal,
    way: str,
    first_shipment: int,
    produced: int,
    contract: int | None = None,
    carriage: Decimal = Decimal(0),
    changes: Decimal = Decimal(0),
    earlier_use: Decimal = Decimal(0),
    share_percent: Decimal = Decimal(100),
) -> Assist:
    """CUS-75 to CUS-77: the agent records the assist and the importer's choice of spreading,
    once; its value in shekels."""
    if actor_kind(actor) != ActorKind.AGENT or agent is None:
        raise NotAllowed(_("The agent records an assist for the importer."))
    if not declaration_selectors.importers_of(agent).filter(pk=importer.pk).exists():
        raise NotAllowed(_("You are not authorised to file for this importer."))
    supplier, _alias = declaration_selectors.supplier_by_number(supplier_number)
    if category not in AssistCategory.values:
        raise ValidationError({"category": _("Choose the kind of assist.")})
    with refusing():
        value = rules.assist_value(
            cost=amount_input(cost, "cost"),
            carriage=amount_input(carriage, "carriage"),
            changes=amount_input(changes, "changes"),
            earlier_use=amount_input(earlier_use, "earlier_use"),
            share_percent=amount_input(share_percent, "share_percent"),
        )
    assist = Assist(
        importer=importer,
        supplier=supplier,
        agent=agent,
        description=text(description, "description", _("Describe the assist.")),
        category=category,
        cost=cost,
        carriage=carriage,
        changes=changes,
        earlier_use=earlier_use,
        share_percent=share_percent,
        value=value,
        recorded_by=actor,
    )
    _spread(assist, way, first_shipment, produced, contract)
    assist.save()
    audit(
        actor=actor,
        action=AuditAction.ASSIST,
        case=assist,
        value=value,
        way=way,
        divisor=assist.divisor,
        per_unit=assist.per_unit,
    )
    return assist


@transaction.atomic
def assist_change_way(
    *,
    actor: User,
    assist: Assist,
    way: str,
    reason: str,
    first_shipment: int | None = None,
    produced: int | None = None,
    contract: int | None = None,
) -> Assist:
    """The choice is recorded once; only a valuer changes it, with a reason."""
    if actor_kind(actor) not in {ActorKind.VALUER, ActorKind.CHIEF}:
        raise NotAllowed(_("Only a valuer changes the spreading the importer chose."))
    reason = text(reason, "reason", _("Give the reason for the change."))
    assist = locked(assist)
    old = assist.way
    _spread(
        assist,
        way,
        first_shipment or assist.first_shipment,
        produced or assist.produced,
        contract if contract is not None else assist.contract,
    )
    assist.way_reason = reason
    assist.save()
    audit(
        actor=actor,
        action=AuditAction.ASSIST_WAY,
        case=assist,
        reason=reason,
        old=old,
        way=way,
        per_unit=assist.per_unit,
    )
    return assist


@transaction.atomic
def assist_charge(*, actor: User, case: CommercialCase, assist: Assist, units: int) -> Line:
    """This entry's share: units x share until the assist is used up, the last taking the
    remainder exactly; a line in shekels."""
    case = lock(case)
    require_work(actor, case)
    if (assist.importer_id, assist.supplier_id) != (case.entry.importer_id, case.entry.supplier_id):
        raise ValidationError({"assist": _("This assist is not for this entry's pair.")})
    units = whole_number(units, "units")
    if units < 1:
        raise ValidationError({"units": _("Enter the units of this entry.")})
    assist = locked(assist)
    charge = rules.assist_charge(
        value=assist.value,
        divisor=assist.divisor,
        per_unit=assist.per_unit,
        used_units=assist.used_units,
        used_amount=assist.used_amount,
        units=units,
    )
    line = Line.objects.create(
        case=case,
        kind=LineKind.ASSIST,
        description=assist.description,
        amount=charge,
        in_shekels=True,
        shekels=charge,
        included=True,
        assist=assist,
        units=units,
        facts={"way": assist.way, "per_unit": str(assist.per_unit)},
        recorded_by=actor,
    )
    assist.used_units += units
    assist.used_amount += charge
    assist.save(update_fields=["used_units", "used_amount"])
    audit(
        actor=actor,
        action=AuditAction.LINE,
        case=case,
        line=line.pk,
        kind=LineKind.ASSIST,
        assist=assist.pk,
        units=units,
        shekels=charge,
    )
    return line
