"""The one place money is rounded. Amounts are Decimal; shekels and agorot, half up."""

from decimal import ROUND_HALF_UP, Decimal

AGORA = Decimal("0.01")
SHEKEL = Decimal("1")


def to_decimal(value) -> Decimal:
    """Exact conversion; floats go through their shortest repr so 0.1 stays 0.1."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def round_agorot(value) -> Decimal:
    return to_decimal(value).quantize(AGORA, rounding=ROUND_HALF_UP)


def round_shekels(value) -> Decimal:
    return to_decimal(value).quantize(SHEKEL, rounding=ROUND_HALF_UP)


def format_shekels(value) -> str:
    """An amount as the Authority writes it: thousands grouped, always two decimals."""
    if value is None or value == "":
        return ""
    return f"{to_decimal(value):,.2f}"
