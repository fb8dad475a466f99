"""The one place money is rounded. Amounts are Decimal; shekels and agorot, half up."""

from decimal import ROUND_HALF_UP, Decimal

AGORA = Decimal("0.01")
# The one setting of every money column and form field: up to a trillion shekels, in agorot.
MONEY_DIGITS = 14
MONEY_DECIMALS = 2
SHEKEL = Decimal("1")
# The largest amount a money column holds (999,999,999,999.99): anything larger is refused as
# validation, with a message, before it reaches a column.
MONEY_MAX = Decimal(10) ** (MONEY_DIGITS - MONEY_DECIMALS) - AGORA


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
