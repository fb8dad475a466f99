"""Shekel amounts as the Authority writes them: thousands grouped, always two decimals."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def shekels(value) -> str:
    if value is None or value == "":
        return ""
    return f"{Decimal(value):,.2f}"
