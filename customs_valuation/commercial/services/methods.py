"""CUS-30, CUS-84 to CUS-88: the alternative methods strictly in order. Each earlier method is
recorded as inapplicable with its reason before the next is offered; identical and similar goods
are searched in the portal's own accepted values; the deductive value from the recorded
deductions; the computed value only with a production-cost document; the fallback never on a
forbidden basis. Setting the value issues the notice (CUS-83)."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from taxportal.models import User

from .. import rules
from ..choices import AuditAction, CaseAction, CaseStatus, Method
from ..models import AcceptedValue, Candidate, CommercialCase, CommercialNotice, MethodRecord
from ..rules import normalised
from ..selectors.worksheet import worksheet
from .common import amount_input, audit, entry_day, lock, move, policy_on, refusing, require_work
from .values import issue_value_notice

SEARCHED = {Method.IDENTICAL, Method.SIMILAR}


def refused_methods(case: CommercialCase) -> dict[str, str]:
    return dict(
        case.methods.filter(outcome=MethodRecord.INAPPLICABLE).values_list("method", "reason")
    )


def _in_methods(actor, case) -> str:
    kind = require_work(actor, case)
    if case.status != CaseStatus.METHODS:
        raise ValidationError(
            _("The alternative methods come after the transaction value is disqualified.")
        )
    return kind


def _allowed(case, method) -> dict[str, str]:
    refused_now = refused_methods(case)
    with refusing():
        rules.check_method_allowed(method, refused_now)
    return refused_now


@transaction.atomic
def method_refuse(*, actor: User, case: CommercialCase, method: str, reason: str) -> MethodRecord:
    """The method in its turn cannot set the value: why."""
    case = lock(case)
    _in_methods(actor, case)
    reason = str(reason or "").strip()
    with refusing():
        rules.check_method_refusal(method, refused_methods(case), reason)
    record = MethodRecord.objects.create(
        case=case,
        method=method,
        outcome=MethodRecord.INAPPLICABLE,
        reason=reason,
        recorded_by=actor,
    )
    audit(actor=actor, action=AuditAction.METHOD_REFUSED, case=case, reason=reason, method=method)
    return record


@transaction.atomic
def candidates_search(*, actor: User, case: CommercialCase, method: str) -> list[Candidate]:
    """CUS-84(2)-(3): per tariff item, the accepted values of the same full item from the same
    country of export within the period either side of the entry's date; the lowest ones, and
    the lowest of the same manufacturer, up to the policy's number each. A new search replaces the
    previous one."""
    case = lock(case)
    _in_methods(actor, case)
    if method not in SEARCHED:
        raise ValidationError({"method": _("Only identical and similar goods are searched.")})
    _allowed(case, method)
    day = entry_day(case)
    policy = policy_on(day)
    start = day - timedelta(days=policy.identical_period_days)
    end = day + timedelta(days=policy.identical_period_days)
    case.candidates.filter(method=method).delete()
    made = []
    for item in case.items.filter(free=False):
        found = AcceptedValue.objects.filter(
            tariff_item=item.tariff_item,
            country_id=case.country_of_export_id,
            imported_on__range=(start, end),
        ).exclude(entry_number=case.entry.number)
        rows = list(found.order_by("unit_value", "pk")[: policy.candidates_per_item])
        if normalised(case.manufacturer):
            rows += _lowest_of_maker(found, case.manufacturer, policy.candidates_per_item)
        for row in {r.pk: r for r in rows}.values():
            made.append(
                Candidate(
                    case=case,
                    method=method,
                    item=item,
                    source=row,
                    tariff_item=row.tariff_item,
                    country=row.country_id,
                    imported_on=row.imported_on,
                    manufacturer=row.manufacturer,
                    entry_number=row.entry_number,
                    found_unit_value=row.unit_value,
                    unit_value=row.unit_value,
                )
            )
    Candidate.objects.bulk_create(made)
    audit(actor=actor, action=AuditAction.CANDIDATES, case=case, method=method, found=len(made))
    return made


def _lowest_of_maker(found: QuerySet, manufacturer: str, limit: int) -> list[AcceptedValue]:
    """CUS-84(3): the lowest values of the same manufacturer, the names compared as the choice
    rule compares them (`normalised`: case, spaces and punctuation aside), which SQL cannot do
    alike on both databases; the names are read in value order until `limit` are found."""
    maker = normalised(manufacturer)
    picked = []
    names = found.order_by("unit_value", "pk").values_list("pk", "manufacturer")
    for pk, name in names.iterator(chunk_size=2000):
        if normalised(name) == maker:
            picked.append(pk)
            if len(picked) == limit:
                break
    return list(found.filter(pk__in=picked).order_by("unit_value", "pk"))


@transaction.atomic
def candidate_assess(
    *, actor: User, candidate: Candidate, identical: bool, adjusted_unit_value=None, note: str = ""
) -> Candidate:
    """CUS-84(3)-(6): whether the goods can count as identical (or similar), and the value
    adjusted to the goods' quantity and commercial level, freight, insurance, additions and
    discounts; the finding is explained."""
    case = lock(candidate.case)
    _in_methods(actor, case)
    note = str(note or "").strip()
    value = (
        candidate.found_unit_value
        if adjusted_unit_value is None
        else amount_input(adjusted_unit_value, "adjusted_unit_value", positive=True)
    )
    if (not identical or value != candidate.found_unit_value) and not note:
        raise ValidationError({"note": _("Explain the finding or the adjustment.")})
    candidate.identical, candidate.unit_value, candidate.note = bool(identical), value, note
    candidate.assessed_by = actor
    candidate.save()
    audit(
        actor=actor,
        action=AuditAction.CANDIDATE,
        case=case,
        reason=note,
        candidate=candidate.pk,
        identical=candidate.identical,
        unit_value=value,
    )
    return candidate


def _chosen_value(case: CommercialCase, method: str) -> tuple[Decimal, dict]:
    day = entry_day(case)
    days = policy_on(day).identical_period_days
    candidates = list(case.candidates.filter(method=method).select_related("item"))
    total, details = Decimal("0.00"), {}
    for item in case.items.filter(free=False):
        mine = [c for c in candidates if c.item_id == item.pk]
        choice = rules.choose_candidate(
            [
                rules.Candidate(
                    c.pk,
                    c.tariff_item,
                    c.country,
                    c.imported_on,
                    c.manufacturer,
                    c.unit_value,
                    c.identical,
                )
                for c in mine
            ],
            tariff_item=item.tariff_item,
            country=case.country_of_export_id,
            on=day,
            days=days,
            manufacturer=case.manufacturer,
        )
        for c in mine:
            c.verdict = choice.verdicts[c.pk]
        Candidate.objects.bulk_update(mine, ["verdict"])
        if choice.chosen is None:
            raise ValidationError(
                _("No candidate is kept for %(item)s: record the method as inapplicable.")
                % {"item": item.tariff_item}
            )
        chosen = next(c for c in mine if c.pk == choice.chosen)
        total += rules.base.round_agorot(chosen.unit_value * item.quantity)
        details[str(item.pk)] = {"candidate": chosen.pk, "unit_value": str(chosen.unit_value)}
    return total, details


@transaction.atomic
def method_apply(
    *,
    actor: User,
    case: CommercialCase,
    method: str,
    reasons: str,
    value: Decimal | None = None,
    basis: str = "",
    description: str = "",
    documents=(),
    price: Decimal | None = None,
    price_date: date | None = None,
    quantity: int | None = None,
    deductions=(),
) -> CommercialNotice:
    """The method in its turn sets the value (only after every earlier one was recorded as
    inapplicable with a reason), and the importer is told which method and why."""
    case = lock(case)
    kind = _in_methods(actor, case)
    _allowed(case, method)
    if method in SEARCHED:
        value, details = _chosen_value(case, method)
    elif method == Method.DEDUCTIVE:
        if price_date is None or not quantity or int(quantity) < 1:
            raise ValidationError({"price_date": _("Give the sale's date and quantity.")})
        deductions = [(amount_input(a, "deductions"), str(b or "").strip()) for a, b in deductions]
        with refusing():
            value = rules.deductive_value(amount_input(price, "price", positive=True), deductions)
        details = {
            "price": str(price),
            "price_date": price_date.isoformat(),
            "quantity": int(quantity),
            "deductions": [[str(a), b] for a, b in deductions],
        }
    elif method == Method.COMPUTED:
        ids = list(documents)
        found = list(case.documents.filter(pk__in=ids).values_list("pk", flat=True))
        with refusing():
            rules.check_computed(documents=len(found))
        value = amount_input(value, "value", positive=True)
        details = {"documents": found}
    else:
        with refusing():
            rules.check_fallback(basis, description)
        value = amount_input(value, "value", positive=True)
        details = {"basis": basis, "description": description.strip()}
    reasons = str(reasons or "").strip()
    sheet = worksheet(case)
    MethodRecord.objects.create(
        case=case,
        method=method,
        outcome=MethodRecord.APPLIED,
        reason=reasons,
        details=details,
        value=value,
        recorded_by=actor,
    )
    move(case, CaseAction.SET_VALUE, kind)
    case.save()
    return issue_value_notice(
        actor=actor, case=case, method=method, reasons=reasons, value=value, sheet=sheet
    )
