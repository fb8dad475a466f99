"""The row lock every service takes on the rows two people could change at once."""

from typing import TypeVar

from django.db.models import Model

M = TypeVar("M", bound=Model)


def locked(row: M, *related: str) -> M:
    """`row` read again and locked until the end of the transaction (SELECT ... FOR UPDATE),
    with the `related` rows joined (and so locked too)."""
    rows = type(row)._default_manager.select_for_update()
    if related:
        rows = rows.select_related(*related)
    return rows.get(pk=row.pk)
