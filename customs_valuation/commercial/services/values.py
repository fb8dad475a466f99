"""Whether the case can end by the transaction value (CUS-29, CUS-58, CUS-60, CUS-63, CUS-64,
CUS-66, CUS-69, CUS-76, CUS-78), and how a case ends with a value: the value history it feeds
(the accepted unit values), and the notice naming the method (CUS-83)."""

from decimal import Decimal
from typing import cast

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from taxportal.models import User

from .. import rules
from ..choices import AssistCheck, AuditAction, FreightKind, LineKind
from ..models import AcceptedValue, CommercialCase, CommercialNotice
from ..selectors.worksheet import Worksheet
from .common import (
    NotificationKind,
    audit,
    entry_day,
    notify_agent,
    refusing,
)


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
    problems += _assist_checks_open(case, sheet)
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


def _assist_checks_open(case: CommercialCase, sheet: Worksheet) -> list[str]:
    """CUS-76: for each assist charged to the entry, the valuer's checks not yet recorded or
    recorded as a problem."""
    charged = {
        r.line.assist_id: r.line.description
        for r in sheet.rows
        if r.kind == LineKind.ASSIST and r.line is not None and r.line.assist_id is not None
    }
    recorded: dict[int, dict[str, str]] = {pk: {} for pk in charged}
    for assist_id, code, result in case.assist_checks.values_list("assist_id", "code", "result"):
        if assist_id in recorded:
            recorded[assist_id][code] = result
    problems = []
    for pk, description in charged.items():
        open_checks = rules.assist_checks_open(recorded[pk])
        if open_checks:
            problems.append(
                _(
                    "The assist “%(assist)s”: checks not recorded or with a problem (CUS-76): "
                    "%(checks)s."
                )
                % {
                    "assist": description,
                    "checks": "; ".join(str(AssistCheck(c).label) for c in open_checks),
                }
            )
    return problems


def check_transaction_value(case, sheet) -> None:
    problems = transaction_value_problems(case, sheet)
    if problems:
        raise ValidationError(problems)


def record_values(case: CommercialCase, sheet: Worksheet, value: Decimal, method: str) -> None:
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


def end_case(case: CommercialCase, actor: User, value: Decimal, method: str, sheet) -> None:
    case.final_value, case.final_method = value, method
    case.decided_at, case.decided_by = timezone.now(), actor
    case.save()
    record_values(case, sheet, value, method)


def issue_value_notice(
    *, actor: User, case: CommercialCase, method: str, reasons: str, value: Decimal, sheet
) -> CommercialNotice:
    """CUS-83: the kind follows the entry's release state when issued; it names the method and
    gives the reasons; it goes to the agent."""
    with refusing():
        rules.check_value_notice(method=method, reasons=reasons)
    notice = CommercialNotice.objects.create(
        case=case,
        kind=rules.notice_kind(released=case.entry.released_at is not None),
        method=method,
        reasons=reasons.strip(),
        value=value,
        declared_shekels=rules.line_shekels(case.declared_value, case.exchange_rate),
        issued_by=actor,
    )
    end_case(case, actor, value, method, sheet)
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
