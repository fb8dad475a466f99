"""The column size of every amount, and the largest amount that fits it."""

from decimal import Decimal
from typing import Any

MONEY: dict[str, Any] = {"max_digits": 14, "decimal_places": 2}
# 999,999,999,999.99: anything larger is refused as validation before it reaches a column.
MONEY_MAX = Decimal(10) ** (MONEY["max_digits"] - MONEY["decimal_places"]) - Decimal("0.01")
