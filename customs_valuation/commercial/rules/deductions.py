"""Deductions: discounts (CUS-68), free goods (CUS-69), credit notes (CUS-70)."""

from dataclasses import dataclass
from decimal import Decimal

from ..choices import CreditNoteStatus, DiscountKind
from .base import HUNDRED, round_agorot, to_decimal

NOT_RECOGNISED = frozenset(
    {DiscountKind.PAST_GOODS, DiscountKind.ANNUAL_TARGET, DiscountKind.WARRANTY}
)


def discount_refusals(
    kind: str,
    *,
    for_these_goods: bool,
    fixed_in_advance: bool,
    unconditional: bool,
    amount_known: bool,
) -> list[str]:
    """CUS-68: why a discount is not deducted (none: admissible). Judged by substance: a discount
    for past goods, annual targets or under a warranty is never recognised."""
    refusals = []
    if kind in NOT_RECOGNISED:
        refusals.append("substance")
    if not for_these_goods:
        refusals.append("not_for_these_goods")
    if not fixed_in_advance:
        refusals.append("not_fixed")
    if not unconditional:
        refusals.append("conditional")
    if not amount_known:
        refusals.append("amount_unknown")
    return refusals


@dataclass(frozen=True)
class FreeGoods:
    all_free: bool
    unmatched: tuple[str, ...]


def free_goods_findings(lines: list[tuple[str, bool]]) -> FreeGoods:
    """CUS-69: (tariff item, free) per invoice line. A shipment all free is never recognised; a
    free line whose tariff item matches no paid line is flagged (identity is the valuer's)."""
    paid = {item for item, free in lines if not free}
    free_items = [item for item, free in lines if free]
    unmatched = tuple(dict.fromkeys(i for i in free_items if i not in paid))
    return FreeGoods(all_free=bool(lines) and not paid, unmatched=unmatched)


def free_goods_discount(paid_value, paid_quantity: int, free_quantity: int):
    """The free units at the paid unit price, and that amount's share of the whole."""
    paid_value = to_decimal(paid_value)
    if not paid_quantity or not free_quantity:
        return Decimal("0.00"), Decimal("0.00")
    given = round_agorot(paid_value / paid_quantity * free_quantity)
    whole = paid_value + given
    return given, round_agorot(given / whole * HUNDRED) if whole else Decimal("0.00")


def free_goods_admissible(*, retroactive: bool, conditional: bool, reasonable: bool) -> bool:
    """Tested as a money discount: not retroactive, not conditional, of a reasonable size."""
    return not retroactive and not conditional and reasonable


def credit_note_deductible(status: str) -> bool:
    """CUS-70: only a credit note the chief valuer approved before filing."""
    return status == CreditNoteStatus.APPROVED
