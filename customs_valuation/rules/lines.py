"""What every worksheet shares: a line as the importer reads it, and a percentage of an amount."""

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from taxportal.money import round_agorot, to_decimal

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

HUNDRED = Decimal(100)
ZERO = Decimal(0)


@dataclass(frozen=True)
class Line:
    """One line of a worksheet as the importer reads it: what, how much, and how it was reached."""

    key: str
    label: "StrOrPromise"
    amount: Decimal | None
    note: "StrOrPromise" = ""

    def as_json(self) -> dict:
        return {
            "key": self.key,
            "label": str(self.label),
            "amount": None if self.amount is None else str(self.amount),
            "note": str(self.note),
        }


def percent_of(amount, percent) -> Decimal:
    return round_agorot(to_decimal(amount) * to_decimal(percent) / HUNDRED)
