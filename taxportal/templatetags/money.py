"""`{% load money %}`: amounts as the Authority writes them, `{{ amount|shekels }}`."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def shekels(value) -> str:
    """Two decimals, thousands separated (1,234.50); nothing for no amount."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value):,.2f}"
