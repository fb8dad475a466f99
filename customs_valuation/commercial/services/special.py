"""Special cases: consultations with the valuation unit (CUS-94), damaged goods before the local
ad-hoc valuers committee (CUS-93), the Director's freight notices (CUS-65)."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taxportal.locks import locked
from taxportal.models import User

from .. import rules
from ..choices import ActorKind, AuditAction
from ..models import CommercialCase, Consultation, DamageRequest, FreightNotice
from ..selectors.worksheet import worksheet
from .common import (
    NotAllowed,
    actor_kind,
    amount_input,
    audit,
    lock,
    refusing,
    require_agent_of,
    require_valuer,
    text,
)

VEHICLE_CHAPTER = "87"


@transaction.atomic
def consultation_ask(*, actor: User, case: CommercialCase, question: str) -> Consultation:
    """CUS-94: a question to the valuation unit; the case goes on meanwhile."""
    require_valuer(actor, case.customs_house_id)
    asked = Consultation.objects.create(
        case=case, question=text(question, "question", _("Ask the question.")), asked_by=actor
    )
    audit(actor=actor, action=AuditAction.CONSULTED, case=case, reason=asked.question)
    return asked


@transaction.atomic
def consultation_answer(*, actor: User, consultation: Consultation, answer: str) -> Consultation:
    if actor_kind(actor) != ActorKind.UNIT:
        raise NotAllowed(_("The valuation unit answers consultations."))
    consultation = locked(consultation)
    if consultation.answered_at is not None:
        raise ValidationError(_("This consultation was already answered."))
    consultation.answer = text(answer, "answer", _("Give the answer."))
    consultation.answered_by, consultation.answered_at = actor, timezone.now()
    consultation.save()
    audit(
        actor=actor,
        action=AuditAction.CONSULT_ANSWERED,
        case=consultation.case,
        reason=consultation.answer,
    )
    return consultation


@transaction.atomic
def damage_request(*, actor: User, agent, case: CommercialCase, description: str) -> DamageRequest:
    """CUS-93: the importer (through the agent) asks for the value to be reduced for damage in
    carriage before release."""
    case = lock(case)
    require_agent_of(agent, case)
    if case.entry.released_at is not None:
        raise ValidationError(_("Damage is claimed before release from customs supervision."))
    request = DamageRequest.objects.create(
        case=case,
        description=text(description, "description", _("Describe the damage.")),
        requested_by=actor,
    )
    audit(actor=actor, action=AuditAction.DAMAGE_REQUESTED, case=case, reason=request.description)
    return request


@transaction.atomic
def damage_decide(
    *,
    actor: User,
    request: DamageRequest,
    members: list[str],
    examined_on: date,
    reasons: str,
    amount: Decimal,
    appraiser_opinion: bool,
) -> DamageRequest:
    """The committee's members, its physical examination, the reasoned decision and the customs
    amount; a vehicle needs the appraiser's opinion."""
    case = lock(request.case)
    require_valuer(actor, case.customs_house_id)
    request = locked(request)
    if request.decided_at is not None:
        raise ValidationError(_("The committee already decided."))
    members = [str(m).strip() for m in members or () if str(m).strip()]
    amount = amount_input(amount, "amount")
    vehicle = case.items.filter(tariff_item__startswith=VEHICLE_CHAPTER).exists()
    with refusing():
        rules.check_damage_decision(
            members=members,
            examined_on=examined_on,
            decided_on=timezone.localdate(),
            reasons=reasons,
            amount=amount,
            value=worksheet(case).total_shekels,
            vehicle=vehicle,
            appraiser=bool(appraiser_opinion),
        )
    request.members, request.examined_on, request.reasons = members, examined_on, reasons.strip()
    request.amount, request.appraiser_opinion = amount, bool(appraiser_opinion)
    request.decided_by, request.decided_at = actor, timezone.now()
    request.save()
    audit(
        actor=actor,
        action=AuditAction.DAMAGE_DECIDED,
        case=case,
        reason=request.reasons,
        members=members,
        examined_on=examined_on,
        amount=amount,
    )
    return request


@transaction.atomic
def freight_notice_issue(
    *,
    actor: User,
    number: str,
    title: str,
    effective_from: date,
    effective_until: date | None = None,
) -> FreightNotice:
    """CUS-65: only the Director determines that special-circumstance freight is left out."""
    if actor_kind(actor) != ActorKind.DIRECTOR:
        raise NotAllowed(_("Only the Director issues this notice."))
    number = text(number, "number", _("Give the notice's number."))[:30]
    if FreightNotice.objects.filter(number=number).exists():
        raise ValidationError({"number": _("A notice with this number exists.")})
    if effective_until is not None and effective_until < effective_from:
        raise ValidationError({"effective_until": _("The end is after the start.")})
    notice = FreightNotice.objects.create(
        number=number,
        title=text(title, "title", _("Give the notice's title."))[:200],
        issued_by=actor,
        effective_from=effective_from,
        effective_until=effective_until,
    )
    audit(actor=actor, action=AuditAction.FREIGHT_NOTICE, case=notice, number=number)
    return notice
