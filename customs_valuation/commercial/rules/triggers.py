"""CUS-60: the suspicion triggers; the flags the system computes, and what acceptance needs."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from ..choices import Trigger
from .base import HUNDRED, Refused, blank
from .terms import includes_freight


@dataclass(frozen=True)
class ItemUnitValue:
    """A tariff item's declared unit value in shekels and the median of its value history."""

    tariff_item: str
    unit_value: Decimal
    median: Decimal | None


@dataclass(frozen=True)
class TriggerState:
    code: str
    marked: bool
    resolution: str = ""


def significantly_low(unit_value: Decimal, median: Decimal | None, share_percent) -> bool:
    """(e)(1): under the set share of the median (strictly)."""
    if median is None or median <= 0:
        return False
    return unit_value < median * Decimal(share_percent) / HUNDRED


def computed_triggers(
    *,
    unit_values: list[ItemUnitValue],
    low_share_percent,
    supplier_is_manufacturer: bool,
    manufacturer_price: Decimal | None,
    declared_value: Decimal,
    incoterm: str,
    usual_freight: Decimal | None,
    freight_share_percent,
    entry_value: Decimal,
    invoice_total: Decimal | None,
) -> dict[str, tuple[str, ...]]:
    """The triggers the system pre-marks, as flags, with their bases: (e)(1) against the value
    history, (e)(2) against the manufacturer's price, (e)(3) when the terms include freight and
    the usual freight is at least the set share of the declared value; (f) when the entry's value
    differs from the invoice total. All amounts in one currency (the caller converts)."""
    bases = []
    if any(significantly_low(u.unit_value, u.median, low_share_percent) for u in unit_values):
        bases.append("e1")
    if (
        not supplier_is_manufacturer
        and manufacturer_price is not None
        and manufacturer_price > declared_value
    ):
        bases.append("e2")
    if (
        includes_freight(incoterm)
        and usual_freight is not None
        and usual_freight >= declared_value * Decimal(freight_share_percent) / HUNDRED
    ):
        bases.append("e3")
    flags: dict[str, tuple[str, ...]] = {}
    if bases:
        flags[Trigger.LOW_VALUE] = tuple(bases)
    if invoice_total is not None and invoice_total != entry_value:
        flags[Trigger.DOCUMENTS_MISMATCH] = ("f",)
    return flags


def check_trigger_change(*, flagged: bool, marked: bool, resolution: str) -> None:
    """A flag the system raised is cleared only with a reason."""
    if flagged and not marked and blank(resolution):
        raise Refused(
            _("A trigger the system flagged is cleared only with a reason."), "resolution"
        )


def unresolved_triggers(states: list[TriggerState]) -> list[str]:
    """The marked triggers without a recorded resolution: acceptance waits for them."""
    return [s.code for s in states if s.marked and blank(s.resolution)]
