"""Column shapes shared by the customs models."""

from django.core.validators import MaxValueValidator, MinValueValidator

MONEY = {"max_digits": 14, "decimal_places": 2}
PERCENT = {"max_digits": 6, "decimal_places": 2}
PERCENT_RANGE = [MinValueValidator(0), MaxValueValidator(100)]
