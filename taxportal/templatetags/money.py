"""The one way the portal shows money, counts and dates (issue 16): `{% load money %}`.

- `{{ amount|shekels }}`  1,234.50 — grouped, two decimals, for a column headed "(₪)";
- `{{ amount|nis }}`      1,234.50 ₪ in Hebrew, ₪1,234.50 in English (each language's place
                          for the sign; a no-break space keeps the Hebrew pair on one line);
- `{{ number|count }}`    1,234 — a whole number of days, lines, cases;
- `{{ date|day }}`        30/11/2026; `{{ moment|moment }}` 30/11/2026 05:39 (local time);
  `{{ date|month }}`      11/2026.

- `{{ text|shorten:120 }}` a long text cut to 120 characters with "…" (Django's
                          `truncatechars` adds a right-to-left override in Hebrew).

Every filter answers "" for no value, so an empty cell stays empty. They return plain text: in a
template that puts a figure beside words of the other direction, isolate it (`<bdi>`).
"""

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import get_language

from taxportal.money import format_shekels, to_decimal

register = template.Library()

NBSP = "\u00a0"


def _empty(value) -> bool:
    return value is None or value == ""


@register.filter
def shekels(value) -> str:
    """Two decimals, thousands separated (1,234.50); nothing for no amount."""
    return format_shekels(value)


@register.filter
def nis(value) -> str:
    """An amount with the shekel sign where the page's language puts it."""
    if _empty(value):
        return ""
    amount = format_shekels(value)
    if (get_language() or "he").startswith("he"):
        return f"{amount}{NBSP}₪"
    if amount.startswith("-"):
        return f"-₪{amount[1:]}"
    return f"₪{amount}"


@register.filter
def count(value) -> str:
    """A whole number, thousands separated (1,234)."""
    if _empty(value):
        return ""
    try:
        return f"{int(to_decimal(value)):,}"
    except (ArithmeticError, TypeError, ValueError):
        return str(value)  # not a number (a dash, a word): shown as it is


@register.filter
def day(value) -> str:
    """A date (or the local date of a moment) as dd/mm/yyyy."""
    if _empty(value):
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return date_format(value, "d/m/Y") if isinstance(value, date) else str(value)


@register.filter
def moment(value) -> str:
    """A moment in local time as dd/mm/yyyy hh:mm."""
    if _empty(value):
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, "d/m/Y H:i") if isinstance(value, date) else str(value)


@register.filter
def month(value) -> str:
    """A month as mm/yyyy."""
    if _empty(value):
        return ""
    return date_format(value, "m/Y") if isinstance(value, date) else str(value)


@register.filter
def shorten(value, length: int) -> str:
    """At most `length` characters, the last one "…" when cut; no direction control added."""
    if _empty(value):
        return ""
    text = str(value)
    length = int(length)
    return text if len(text) <= length else text[: max(length - 1, 0)].rstrip() + "…"
