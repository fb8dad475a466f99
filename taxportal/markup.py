"""Escaping for markup written in Python (template tags, table rows) where a page writes
hundreds of values: Django's `conditional_escape`, without the lazy-string wrapper its
`escape` carries, which costs more than the escaping itself (issue 18)."""

from html import escape as _escape


def escape_text(value) -> str:
    """As `conditional_escape`: markup already safe stays as it is; anything else (translated
    labels, numbers, dates) is made text and escaped, quotes included."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return _escape(str(value))
