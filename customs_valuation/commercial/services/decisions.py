"""How a case ends or moves: the declared value accepted (CUS-60, CUS-63); the importer told the
valuer is not satisfied, with the three options and release against payment or security (CUS-80,
CUS-81); the transaction value disqualified (CUS-29, CUS-82); a value set and notified, before
release a notice of entry correction, after it a deficit notice (CUS-83)."""

from datetime import date
from decimal import Decimal
from typing import cast

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
    FreightKind,
    ImporterOption,
    LineKind,
    Method,
    NoticeKind,
    SecurityKind,
)
from ..models import AcceptedValue, CaseSecurity, CommercialCase, CommercialNotice
from ..selectors.worksheet import Worksheet, worksheet
from .cases import _money
from .common import (
    NotAllowed,
    NotificationKind,
    actor_kind,
    audit,
    entry_day,
    lock,
    move,
    notify_agent,
    refused,
    require_agent_of,
    require_valuer,
    text,
    today,
)

CHOICES: dict[str, str] = {
    ImporterOption.SUPERVISION: CaseAction.CHOOSE_SUPERVISION,
    ImporterOption.PROTEST: CaseAction.CHOOSE_PROTEST,
    ImporterOption.SECURITY: CaseAction.CHOOSE_SECURITY,
}


def transaction_value_problems(case: CommercialCase, sheet: Worksheet) -> list[str]:
    """Why the case cannot end by the transaction value now (empty: it can)."""
    problems = [
        _("The transaction value is barred: %(why)s.") % {"why": rules.BARRED_TEXT[code]}
        for code in rules.transaction_value_barred(case.nature, case.invoice_kind)
    ]
    open_triggers = rules.unresolved_triggers(
        [rules.TriggerState(t.code, t.marked, t.resolution) for t in case.triggers.all()]
    )
    if open_triggers:
        problems.append(
            _("Triggers marked without a resolution (CUS-60): %(codes)s.")
            % {"codes": ", ".join(f"({c})" for c in open_triggers)}
        )
    problems_open = rules.open_problems({c.step: c.result for c in case.checks.all()})
    if problems_open:
        problems.append(
            _("Verification steps with an open problem (CUS-63): %(steps)s.")
            % {"steps": ", ".join(problems_open)}
        )
    if rules.insurance_open(insured=case.insured, forwarder_answer=case.forwarder_answer):
        problems.append(_("Not insured: record the forwarder's answer (CUS-66)."))
    carriage = [
        r
        for r in sheet.rows
        if r.kind == LineKind.FREIGHT
        and r.line is not None
        and (r.line.facts or {}).get("freight") == FreightKind.CARRIAGE
    ]
    if rules.needs_carriage_costs(case.incoterm) and not carriage:
        problems.append(
            _("Under %(terms)s the costs to the place of import are required (CUS-64).")
            % {"terms": case.incoterm}
        )
    if any(r.line is not None and r.line.reason == "amount_unknown" for r in sheet.rows):
        problems.append(
            _("A royalty whose amount cannot be set disqualifies the transaction value (CUS-78).")
        )
    free = sheet.free_goods
    assert free is not None  # the worksheet is built with its free goods
    if free.items:
        if free.all_free:
            problems.append(_("A shipment all of whose goods were given free (CUS-69)."))
        tested = (
            case.free_goods_retroactive,
            case.free_goods_conditional,
            case.free_goods_reasonable,
        )
        if not free.all_free and None in tested:
            problems.append(_("Test the free goods as a discount first (CUS-69)."))
        elif not free.all_free and not rules.free_goods_admissible(
            # None is ruled out above.
            retroactive=cast(bool, tested[0]),
            conditional=cast(bool, tested[1]),
            reasonable=cast(bool, tested[2]),
        ):
            problems.append(
                _(
                    "The free goods are not an admissible discount: the alternative methods "
                    "(CUS-69)."
                )
            )
    return problems


def _check_transaction_value(case, sheet) -> None:
    problems = transaction_value_problems(case, sheet)
    if problems:
        raise ValidationError(problems)


def _record_values(case: CommercialCase, sheet: Worksheet, value: Decimal, method: str) -> None:
    """The value history: a unit value per paid tariff item, the value divided by the items'
    conversion values."""
    paid = [r for r in sheet.entry_rows if not r.item.free]
    if not paid:
        return
    shares = rules.allocate(value, [r.conversion_shekels for r in paid])
    AcceptedValue.objects.bulk_create(
        [
            AcceptedValue(
                tariff_item=r.item.tariff_item,
                country_id=case.country_of_export_id,
                imported_on=entry_day(case),
                unit_value=rules.base.round_agorot(share / r.item.quantity),
                manufacturer=case.manufacturer,
                quantity=r.item.quantity,
                method=method,
                case=case,
                entry_number=case.entry.number,
            )
            for r, share in zip(paid, shares, strict=True)
        ]
    )


def _end(case: CommercialCase, actor: User, value: Decimal, method: str, sheet) -> None:
    case.final_value, case.final_method = value, method
    case.decided_at, case.decided_by = timezone.now(), actor
    case.save()
    _record_values(case, sheet, value, method)


@transaction.atomic
def case_accept(*, actor: User, case: CommercialCase, reason: str = "") -> CommercialCase:
    """Convinced that no trigger holds and the documents bear it out: the declared value is the
    transaction value (the worksheet adds up to it)."""
    case = lock(case)
    kind = require_valuer(actor, case.customs_house_id)
    sheet = worksheet(case)
    _check_transaction_value(case, sheet)
    if sheet.differs:
        raise ValidationError(
            _(
                "The worksheet comes to %(total)s NIS, not the declared %(declared)s NIS: set the "
                "transaction value with a notice (CUS-83)."
            )
            % {"total": sheet.total_shekels, "declared": sheet.declared_shekels}
        )
    move(case, CaseAction.ACCEPT, kind)
    _end(case, actor, sheet.total_shekels, Method.TRANSACTION, sheet)
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
        "provisional_value": _money(provisional_value, "provisional_value", positive=True),
        "taxes_declared": _money(taxes_declared, "taxes_declared"),
        "taxes_provisional": _money(taxes_provisional, "taxes_provisional"),
    }
    try:
        rules.check_not_satisfied(reasons=reasons, **values)
    except rules.Refused as error:
        raise refused(error) from None
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
    return case.notices.filter(kind=NoticeKind.NOT_SATISFIED).order_by("-pk").first()


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
    amount = _money(amount, "amount", positive=True)
    notice = _last_not_satisfied(case)
    least = (
        notice.taxes_provisional
        if kind == SecurityKind.PROTEST_PAYMENT
        else (notice.security_amount)
    )
    assert least is not None  # a not-satisfied notice has its taxes and security amount
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
    try:
        rules.check_disqualification(
            [rules.GroundFinding(g.code, g.reason, g.asked, g.answered) for g in grounds]
        )
    except rules.Refused as error:
        raise refused(error) from None
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


def issue_value_notice(
    *, actor: User, case: CommercialCase, method: str, reasons: str, value: Decimal, sheet
) -> CommercialNotice:
    """CUS-83: the kind follows the entry's release state when issued; it names the method and
    gives the reasons; it goes to the agent."""
    try:
        rules.check_value_notice(method=method, reasons=reasons)
    except rules.Refused as error:
        raise refused(error) from None
    notice = CommercialNotice.objects.create(
        case=case,
        kind=rules.notice_kind(released=case.entry.released_at is not None),
        method=method,
        reasons=reasons.strip(),
        value=value,
        declared_shekels=rules.line_shekels(case.declared_value, case.exchange_rate),
        issued_by=actor,
    )
    _end(case, actor, value, method, sheet)
    notify_agent(
        case,
        kind=NotificationKind.VALUATION_NOTICE,
        case=case.pk,
        notice=notice.pk,
        notice_kind=notice.kind,
        method=method,
    )
    audit(
        actor=actor,
        action=AuditAction.VALUE_SET,
        case=case,
        reason=notice.reasons,
        notice=notice.pk,
        kind=notice.kind,
        method=method,
        value=value,
    )
    return notice


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
    _check_transaction_value(case, sheet)
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
