"""The worksheet as people read it: the price per tariff item and each addition and deduction,
in the invoice currency and in shekels, with what was left out and why; the totals; the entry's
data per tariff item (CUS-79); free goods as a discount (CUS-69); the VAT base (CUS-91). Two
queries whatever the case's size."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import rules
from ..choices import (
    CommissionKind,
    DiscountKind,
    FreightKind,
    LineKind,
)
from ..models import CaseItem, CommercialCase, WorksheetLine

ZERO = Decimal("0.00")

REASONS = {
    "buying_commission": gettext_lazy("A buying commission proved under CUS-73: left out."),
    "already_in_price": gettext_lazy("Already in the price: not added again."),
    "interest_proved": gettext_lazy("Interest separate and in writing (CUS-74): left out."),
    "royalty_left_out": gettext_lazy(
        "Not a condition of sale for these goods, or for reproduction: left out."
    ),
    "amount_unknown": gettext_lazy(
        "Its amount cannot be set: the transaction value is disqualified (CUS-78)."
    ),
    "freight_not_added": gettext_lazy("Not part of the carriage to the place of import (CUS-65)."),
    "director_notice": gettext_lazy("Left out under the Director's notice (CUS-65)."),
    "air_difference": gettext_lazy(
        "Air instead of sea, not up to the importer: not added (CUS-65)."
    ),
    "refund_proven": gettext_lazy("The refund of the tax was proved (CUS-67)."),
    "credit_note_not_approved": gettext_lazy(
        "Not approved by the chief valuer before filing (CUS-70)."
    ),
    "substance": gettext_lazy("Not recognised by its substance (CUS-68)."),
    "not_for_these_goods": gettext_lazy("Not given for these goods (CUS-68(a))."),
    "not_fixed": gettext_lazy("Not fixed and known in advance (CUS-68(b))."),
    "conditional": gettext_lazy("Conditional (CUS-68(b))."),
}


def line_label(line: WorksheetLine) -> str:
    facts = line.facts or {}
    if line.kind == LineKind.COMMISSION and facts.get("commission") in CommissionKind.values:
        return str(CommissionKind(facts["commission"]).label)
    if line.kind == LineKind.FREIGHT and facts.get("freight") in FreightKind.values:
        return f"{LineKind.FREIGHT.label}: {FreightKind(facts['freight']).label}"
    if line.kind == LineKind.DISCOUNT and facts.get("discount") in DiscountKind.values:
        return f"{LineKind.DISCOUNT.label}: {DiscountKind(facts['discount']).label}"
    if line.kind == LineKind.CREDIT_NOTE and line.credit_note_id:
        assert line.credit_note is not None  # its id is set
        return f"{LineKind.CREDIT_NOTE.label} {line.credit_note.number}"
    return str(LineKind(line.kind).label)


def reason_text(line: WorksheetLine) -> str:
    return " ".join(str(REASONS.get(code, code)) for code in line.reason.split(",") if code)


@dataclass(frozen=True)
class Row:
    kind: str
    label: str
    description: str
    item: CaseItem | None
    amount: Decimal
    in_shekels: bool
    shekels: Decimal
    sign: int
    included: bool
    why: str = ""
    line: WorksheetLine | None = None

    @property
    def signed_shekels(self) -> Decimal:
        return self.sign * self.shekels


@dataclass(frozen=True)
class FreeGoodsView:
    items: list
    all_free: bool
    unmatched: tuple[str, ...]
    amount: Decimal
    percent: Decimal


@dataclass(frozen=True)
class ItemRow:
    item: CaseItem
    goods_value: Decimal
    conversion_value: Decimal
    conversion_shekels: Decimal
    unit_shekels: Decimal | None


@dataclass
class Worksheet:
    case: CommercialCase
    items: list[CaseItem]
    rows: list[Row]
    total_currency: Decimal
    total_shekels: Decimal
    declared_shekels: Decimal
    entry_rows: list[ItemRow] = field(default_factory=list)
    free_goods: FreeGoodsView | None = None
    vat_base: Decimal | None = None

    @property
    def lines(self) -> list[Row]:
        return self.rows

    @property
    def entry_data(self) -> list[rules.ItemData]:
        return [
            rules.ItemData(str(r.item.pk), r.goods_value, r.conversion_value)
            for r in self.entry_rows
        ]

    @property
    def differs(self) -> bool:
        return self.total_shekels != self.declared_shekels

    @property
    def shekel_lines(self) -> bool:
        return any(r.in_shekels for r in self.rows)


def _free_goods(items: list[CaseItem]) -> FreeGoodsView:
    findings = rules.free_goods_findings([(i.tariff_item, i.free) for i in items])
    paid: defaultdict[str, list[Any]]  # [value, quantity] per tariff item
    free: defaultdict[str, int]
    paid, free = defaultdict(lambda: [ZERO, 0]), defaultdict(int)
    for i in items:
        if i.free:
            free[i.tariff_item] += i.quantity
        else:
            paid[i.tariff_item][0] += i.value
            paid[i.tariff_item][1] += i.quantity
    given = sum(
        (
            rules.free_goods_discount(paid[t][0], paid[t][1], q)[0]
            for t, q in free.items()
            if t in paid
        ),
        ZERO,
    )
    whole = sum((v for v, _q in paid.values()), ZERO) + given
    percent = rules.base.round_agorot(given / whole * 100) if whole and given else ZERO
    return FreeGoodsView(
        [i for i in items if i.free],
        findings.all_free,
        findings.unmatched,
        rules.base.round_agorot(given),
        percent,
    )


def worksheet(case: CommercialCase) -> Worksheet:
    rate = case.exchange_rate
    items = list(case.items.all())
    lines = list(case.lines.select_related("credit_note").order_by("pk"))
    rows = [
        Row(
            LineKind.PRICE,
            str(LineKind.PRICE.label),
            f"{i.tariff_item} {i.description}",
            i,
            i.value,
            False,
            rules.line_shekels(i.value, rate),
            1,
            True,
            _("Given free (CUS-69).") if i.free else "",
        )
        for i in items
    ]
    for line in lines:
        rows.append(
            Row(
                line.kind,
                line_label(line),
                line.description,
                line.item,
                line.amount,
                line.in_shekels,
                line.shekels,
                line.sign,
                line.included,
                reason_text(line),
                line,
            )
        )
    total_currency, total_shekels = rules.sheet_totals(
        [
            rules.SheetLine(r.kind, Decimal(r.sign), r.amount, r.shekels, r.included, r.in_shekels)
            for r in rows
        ]
    )
    entry_rows = []
    if items:
        keys = {i.pk: str(i.pk) for i in items}
        adjustments = [r for r in rows if r.line is not None and r.included]
        currency = rules.entry_data(
            [rules.ItemValue(keys[i.pk], i.value) for i in items],
            [
                (keys.get(r.item.pk) if r.item else None, r.sign * r.amount)
                for r in adjustments
                if not r.in_shekels
            ],
        )
        shekels = rules.entry_data(
            [rules.ItemValue(keys[i.pk], rules.line_shekels(i.value, rate)) for i in items],
            [(keys.get(r.item.pk) if r.item else None, r.sign * r.shekels) for r in adjustments],
        )
        for i, fc, nis in zip(items, currency, shekels, strict=True):
            unit = None if i.free else rules.base.round_agorot(nis.conversion_value / i.quantity)
            entry_rows.append(
                ItemRow(i, fc.goods_value, fc.conversion_value, nis.conversion_value, unit)
            )
    vat_base = None
    if case.vat_26b_amount is not None:
        vat_base = rules.vat_base(total_shekels, case.vat_26b_amount)
    return Worksheet(
        case=case,
        items=items,
        rows=rows,
        total_currency=total_currency,
        total_shekels=total_shekels,
        declared_shekels=rules.line_shekels(case.declared_value, rate),
        entry_rows=entry_rows,
        free_goods=_free_goods(items),
        vat_base=vat_base,
    )
