"""Cells a spreadsheet would run as formulas, made plain text (CSV or formula injection).

Following OWASP: a text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return
is prefixed with an apostrophe, which spreadsheets read as "this is text" and do not show.
Numbers, dates and other values are left as they are. Use it on every cell of every CSV or
XLSX the portal produces from what people typed or sent.
"""

from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The value, or, for text a spreadsheet would run as a formula, that text as plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_row(row: Iterable) -> list:
    return [neutralise(value) for value in row]
