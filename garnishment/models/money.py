"""The column size of every amount."""

MONEY = {"max_digits": 14, "decimal_places": 2}
