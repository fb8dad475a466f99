"""What every rule of part 2.2 shares: the refusal, money rounding (the project's one money
module), and text checks."""

from decimal import Decimal

from taxportal.money import round_agorot, to_decimal

HUNDRED = Decimal(100)
ZERO = Decimal(0)

__all__ = ["HUNDRED", "ZERO", "Refused", "blank", "round_agorot", "to_decimal"]


class Refused(ValueError):
    """A rule refuses; `message` says why in the reader's language, `field` names the input it
    concerns (or None)."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message, self.field = message, field


def blank(text) -> bool:
    return not str(text or "").strip()
