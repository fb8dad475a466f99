"""The worksheet: each line in its currency and in shekels, rounded once at the end of the line
(the project's money module); totals as sums of the included lines; the entry's data per tariff
item (CUS-79), divisions rounded half up with the remainder to the largest item."""

from dataclasses import dataclass
from decimal import Decimal

from .base import ZERO, round_agorot, to_decimal


@dataclass(frozen=True)
class SheetLine:
    kind: str
    sign: Decimal  # +1 an addition (or the price), -1 a deduction
    amount: Decimal  # in the invoice currency, or in shekels when `in_shekels`
    shekels: Decimal
    included: bool = True
    in_shekels: bool = False


def line_shekels(amount, rate, as_charged=None) -> Decimal:
    """A line's shekels: its amount at the entry's exchange rate, rounded half up to the agora
    once; a freight company's shekel charge at its own rate is taken as charged (CUS-65)."""
    if as_charged is not None:
        return round_agorot(as_charged)
    return round_agorot(to_decimal(amount) * to_decimal(rate))


def sheet_totals(lines: list[SheetLine]) -> tuple[Decimal, Decimal]:
    """(total in the invoice currency, total in shekels): the sums of the included lines; a line
    kept in shekels counts in the shekel total only."""
    currency = sum((ln.sign * ln.amount for ln in lines if ln.included and not ln.in_shekels), ZERO)
    shekels = sum((ln.sign * ln.shekels for ln in lines if ln.included), ZERO)
    return currency, shekels


def allocate(amount, weights: list[Decimal]) -> list[Decimal]:
    """`amount` divided in proportion to `weights`, each share rounded half up to the hundredth,
    the rounding remainder to the largest weight (the first of equals), so the shares add up
    exactly. With no weight at all, the largest (first) takes it all."""
    amount = to_decimal(amount)
    if not weights:
        return []
    total = sum((to_decimal(w) for w in weights), ZERO)
    largest = max(range(len(weights)), key=lambda i: (weights[i], -i))
    if total == 0:
        shares = [Decimal("0.00")] * len(weights)
        shares[largest] = round_agorot(amount)
        return shares
    shares = [round_agorot(amount * to_decimal(w) / total) for w in weights]
    shares[largest] += round_agorot(amount) - sum(shares, ZERO)
    return shares


@dataclass(frozen=True)
class ItemValue:
    key: str
    value: Decimal  # the item's invoice value before any discount or addition


@dataclass(frozen=True)
class ItemData:
    """CUS-79: an item's "goods value in foreign currency" and its "conversion value"."""

    key: str
    goods_value: Decimal
    conversion_value: Decimal


def entry_data(items: list[ItemValue], adjustments: list[tuple[str | None, Decimal]]):
    """CUS-79: an adjustment for particular items is in those items' goods value; one on the
    invoice total is divided among the items by their values before it and is in their
    conversion value only (with one item, all of it)."""
    keys = [i.key for i in items]
    goods = {i.key: to_decimal(i.value) for i in items}
    on_total = ZERO
    for key, amount in adjustments:
        if key is None:
            on_total += to_decimal(amount)
        elif key in goods:
            goods[key] += to_decimal(amount)
        else:
            raise ValueError(f"adjustment for an unknown item {key!r}")
    shares = allocate(on_total, [to_decimal(i.value) for i in items])
    return [
        ItemData(key, round_agorot(goods[key]), round_agorot(goods[key] + share))
        for key, share in zip(keys, shares, strict=True)
    ]
