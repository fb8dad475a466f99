"""The value history of a tariff item and country of export: minimum, median, maximum, count."""

from dataclasses import dataclass
from decimal import Decimal

from .base import round_agorot, to_decimal


@dataclass(frozen=True)
class Distribution:
    minimum: Decimal | None
    median: Decimal | None
    maximum: Decimal | None
    count: int


def median_of(lower_middle, upper_middle) -> Decimal:
    """The median from the two middle values (the same one for an odd count), to the agora."""
    return round_agorot((to_decimal(lower_middle) + to_decimal(upper_middle)) / 2)


def distribution(values) -> Distribution:
    ordered = sorted(to_decimal(v) for v in values)
    if not ordered:
        return Distribution(None, None, None, 0)
    n = len(ordered)
    return Distribution(
        ordered[0], median_of(ordered[(n - 1) // 2], ordered[n // 2]), ordered[-1], n
    )
