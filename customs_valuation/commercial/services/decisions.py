"""How a case ends or moves: the declared value accepted (CUS-60, CUS-63); the importer told the
valuer is not satisfied, with the three options and release against payment or security (CUS-80,
CUS-81); the transaction value disqualified (CUS-29, CUS-82); a value set and notified, before
release a notice of entry correction, after it a deficit notice (CUS-83)."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taxportal.models import User

from .. import rules
from ..choices import (
    ActorKind,
    AuditAction,
    CaseAction,
    ImporterOption,
    Method,
    NoticeKind,
    SecurityKind,
)
from ..models import CaseSecurity, CommercialCase, CommercialNotice
from ..selectors.worksheet import worksheet
from .common import (
    NotAllowed,
    NotificationKind,
    actor_kind,
    amount_input,
    audit,
    lock,
    move,
    notify_agent,
    refusing,
    require_agent_of,
    require_valuer,
    text,
    today,
)
from .values import check_transaction_value, end_case, issue_value_notice

CHOICES: dict[str, str] = {
    ImporterOption.SUPERVISION: CaseAction.CHOOSE_SUPERVISION,
    ImporterOption.PROTEST: CaseAction.CHOOSE_PROTEST,
    ImporterOption.SECURITY: CaseAction.CHOOSE_SECURITY,
}


@transaction.atomic
def case_accept(*, actor: User, case: CommercialCase, reason: str = "") -> CommercialCase:
    """Convinced that no trigger holds and the documents bear it out: the declared value is the
    transaction value (the worksheet adds up to it)."""
    case = lock(case)
    kind = require_valuer(actor, case.customs_house_id)
    sheet = worksheet(case)
    check_transaction_value(case, sheet)
    if sheet.differs:
        raise ValidationError(
            _(
                "The worksheet comes to %(total)s NIS, not the declared %(declared)s NIS: set the "
                "transaction value with a notice (CUS-83)."
            )
            % {"total": sheet.total_shekels, "declared": sheet.declared_shekels}
        )
    move(case, CaseAction.ACCEPT, kind)
    end_case(case, actor, sheet.total_shekels, Method.TRANSACTION, sheet)
    audit(
        actor=actor,
        action=AuditAction.ACCEPTED,
        case=case,
        reason=str(reason or "").strip(),
        value=case.final_value,
    )
    return case


@transaction.atomic
def case_not_satisfied(
    *,
    actor: User,
    case: CommercialCase,
    reasons: str,
    provisional_value: Decimal,
    taxes_declared: Decimal,
    taxes_provisional: Decimal,
) -> CommercialNotice:
    """CUS-80: the written notice with the reasons, the provisional value and the taxes on both;
    release waits for the importer's choice."""
    case = lock(case)
    kind = require_valuer(actor, case.customs_house_id)
    values = {
        "provisional_value": amount_input(provisional_value, "provisional_value", positive=True),
        "taxes_declared": amount_input(taxes_declared, "taxes_declared"),
        "taxes_provisional": amount_input(taxes_provisional, "taxes_provisional"),
    }
    with refusing():
        rules.check_not_satisfied(reasons=reasons, **values)
    move(case, CaseAction.NOT_SATISFIED, kind)
    case.save()
    notice = CommercialNotice.objects.create(
        case=case,
        kind=NoticeKind.NOT_SATISFIED,
        reasons=reasons.strip(),
        declared_shekels=rules.line_shekels(case.declared_value, case.exchange_rate),
        security_amount=rules.security_amount(
            values["taxes_declared"], values["taxes_provisional"]
        ),
        issued_by=actor,
        **values,
    )
    notify_agent(
        case,
        kind=NotificationKind.VALUATION_NOTICE,
        case=case.pk,
        notice=notice.pk,
        notice_kind=notice.kind,
    )
    audit(
        actor=actor,
        action=AuditAction.NOT_SATISFIED,
        case=case,
        reason=notice.reasons,
        notice=notice.pk,
        **values,
    )
    return notice


@transaction.atomic
def case_choose(*, actor: User, agent, case: CommercialCase, option: str) -> CommercialCase:
    """The agent records the importer's choice; only (c) sends the file to the chief valuer
    (CUS-81)."""
    case = lock(case)
    require_agent_of(agent, case)
    if actor_kind(actor) != ActorKind.AGENT:
        raise NotAllowed(_("The agent records the importer's choice."))
    if option not in CHOICES:
        raise ValidationError({"option": _("Choose one of the three options.")})
    move(case, CHOICES[option], ActorKind.AGENT)
    case.importer_option, case.option_recorded_at = option, timezone.now()
    case.save()
    audit(actor=actor, action=AuditAction.CHOICE, case=case, option=option)
    return case


def _last_not_satisfied(case) -> CommercialNotice:
    """The CUS-80 notice the payment or security answers. The services record a choice only after
    that notice, but a choice put on the case any other way (the admin shell, imported data) has
    none: refuse rather than fail on a missing notice."""
    notice = case.notices.filter(kind=NoticeKind.NOT_SATISFIED).order_by("-pk").first()
    if notice is None:
        raise ValidationError(
            _("No notice that the valuer is not satisfied (CUS-80): nothing to pay or secure.")
        )
    return notice


@transaction.atomic
def case_security_record(
    *,
    actor: User,
    case: CommercialCase,
    kind: str,
    amount: Decimal,
    reference: str,
    expires_on: date | None = None,
) -> CaseSecurity:
    """(b) the payment of the taxes on the provisional value under protest; (c) a deposit or bank
    guarantee of at least the tax difference, a guarantee with its expiry."""
    case = lock(case)
    require_valuer(actor, case.customs_house_id)
    option = case.importer_option
    securities: dict[str, set[str]] = {
        ImporterOption.PROTEST: {SecurityKind.PROTEST_PAYMENT},
        ImporterOption.SECURITY: {SecurityKind.DEPOSIT, SecurityKind.BANK_GUARANTEE},
    }
    allowed = securities.get(option, set())
    if kind not in allowed or case.is_final:
        raise ValidationError(
            {"kind": _("This payment or security does not follow the importer's choice.")}
        )
    amount = amount_input(amount, "amount", positive=True)
    notice = _last_not_satisfied(case)
    least = (
        notice.taxes_provisional if kind == SecurityKind.PROTEST_PAYMENT else notice.security_amount
    )
    if least is None:  # the columns are nullable for the other kinds of notice
        raise ValidationError(_("The notice records no tax amounts (CUS-80)."))
    if amount < least:
        raise ValidationError({"amount": _("At least %(least)s NIS.") % {"least": least}})
    if kind == SecurityKind.BANK_GUARANTEE and (expires_on is None or expires_on <= today()):
        raise ValidationError({"expires_on": _("A guarantee has an expiry date after today.")})
    security = CaseSecurity.objects.create(
        case=case,
        kind=kind,
        amount=amount,
        reference=text(reference, "reference", _("Give the receipt or guarantee number."))[:60],
        expires_on=expires_on if kind == SecurityKind.BANK_GUARANTEE else None,
        recorded_by=actor,
    )
    audit(
        actor=actor,
        action=AuditAction.SECURITY,
        case=case,
        kind=kind,
        amount=amount,
        reference=security.reference,
        expires_on=security.expires_on,
    )
    return security


@transaction.atomic
def case_return_to_valuer(*, actor: User, case: CommercialCase, reason: str) -> CommercialCase:
    """CUS-81: the chief valuer decides how the file continues; here, back to the valuer."""
    case = lock(case)
    kind = require_valuer(actor, case.customs_house_id)
    reason = text(reason, "reason", _("Give the reason."))
    move(case, CaseAction.RETURN_TO_VALUER, kind)
    case.save()
    audit(actor=actor, action=AuditAction.RETURNED, case=case, reason=reason)
    return case


@transaction.atomic
def case_disqualify(*, actor: User, case: CommercialCase, reason: str = "") -> CommercialCase:
    """CUS-29, CUS-82: the recorded grounds (at least one, each with its reason) disqualify the
    transaction value; the value is set by the alternative methods."""
    case = lock(case)
    kind = require_valuer(actor, case.customs_house_id)
    grounds = list(case.grounds.all())
    with refusing():
        rules.check_disqualification(
            [rules.GroundFinding(g.code, g.reason, g.asked, g.answered) for g in grounds]
        )
    move(case, CaseAction.DISQUALIFY, kind)
    case.save()
    audit(
        actor=actor,
        action=AuditAction.DISQUALIFIED,
        case=case,
        reason=str(reason or ""),
        grounds={g.code: g.reason for g in grounds},
    )
    return case


@transaction.atomic
def case_set_transaction_value(
    *, actor: User, case: CommercialCase, reasons: str
) -> CommercialNotice:
    """A transaction value different from the declared one (additions, lawful deductions): the
    entry is corrected and the importer notified."""
    case = lock(case)
    kind = require_valuer(actor, case.customs_house_id)
    if case.status == "methods":
        raise ValidationError(_("The transaction value was disqualified: use the methods."))
    sheet = worksheet(case)
    check_transaction_value(case, sheet)
    if not sheet.differs:
        raise ValidationError(_("The worksheet equals the declared value: accept it instead."))
    move(case, CaseAction.SET_VALUE, kind)
    case.save()
    return issue_value_notice(
        actor=actor,
        case=case,
        method=Method.TRANSACTION,
        reasons=reasons,
        value=sheet.total_shekels,
        sheet=sheet,
    )
