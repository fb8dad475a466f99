from decimal import Decimal

from django import template
from django.utils.translation import get_language

from garnishment.lines import field_label as _field_label
from garnishment.lines import problem_text as _problem_text

register = template.Library()


@register.filter
def field_label(name: str) -> str:
    return _field_label(name)


@register.filter
def problem_text(item: dict) -> str:
    """A line problem in the page's language."""
    return _problem_text(item, (get_language() or "he")[:2])


@register.filter
def shekels(value) -> str:
    """An amount as written on statements: two decimals, thousands separated (1,234.50)."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value):,.2f}"
