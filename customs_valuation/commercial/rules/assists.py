"""Assists: their value (CUS-76) and their spreading by the importer's chosen way (CUS-77)."""

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from ..choices import SpreadWay
from .base import HUNDRED, ZERO, Refused, round_agorot, to_decimal


def assist_value(
    *, cost, carriage=ZERO, changes=ZERO, earlier_use=ZERO, share_percent=HUNDRED
) -> Decimal:
    """Purchase, lease or production cost + carriage to the producer paid by the importer + value
    added before sending - adjustment for earlier use; of it, the share used for the imported
    goods."""
    whole = to_decimal(cost) + to_decimal(carriage) + to_decimal(changes) - to_decimal(earlier_use)
    if whole < 0:
        raise Refused(
            _("The adjustment for earlier use exceeds the assist's value."), "earlier_use"
        )
    share = to_decimal(share_percent)
    if not 0 < share <= HUNDRED:
        raise Refused(
            _("The share used for the imported goods is over 0% and up to 100%."), "share_percent"
        )
    return round_agorot(whole * share / HUNDRED)


def assist_divisor(way: str, *, first_shipment, produced, contract) -> int:
    """The number of units the importer's way divides by: the first shipment's (a), those
    produced up to it (b), or the contract's total (c)."""
    numbers: dict[str, Any] = {
        SpreadWay.FIRST_SHIPMENT: first_shipment,
        SpreadWay.PRODUCED: produced,
        SpreadWay.CONTRACT: contract,
    }
    number = numbers.get(way, "unknown")
    if number == "unknown":
        raise Refused(_("Choose one of the three ways."), "way")
    if not number or int(number) < 1:
        field = {"a": "first_shipment", "b": "produced", "c": "contract"}[way]
        raise Refused(_("The way chosen needs its number of units, proved by documents."), field)
    return int(number)


def per_unit_share(value, divisor: int) -> Decimal:
    return round_agorot(to_decimal(value) / divisor)


def assist_charge(
    *, value, divisor: int, per_unit, used_units: int, used_amount, units: int
) -> Decimal:
    """What an entry of `units` adds: units x share until the assist is used up; the entry that
    reaches the divisor takes exactly the remainder."""
    remaining = to_decimal(value) - to_decimal(used_amount)
    if remaining <= 0 or units <= 0:
        return Decimal("0.00")
    if used_units + units >= divisor:
        return round_agorot(remaining)
    return round_agorot(min(units * to_decimal(per_unit), remaining))
