"""The one row lock of the portal: before a service changes a row that two people could change
at once, it reads the row again under SELECT ... FOR UPDATE, so the second waits for the first
to commit and then sees what the first did. Call it inside the service's transaction."""

from typing import TypeVar

from django.db.models import Model

M = TypeVar("M", bound=Model)


def locked(row: M, *related: str) -> M:
    """`row` read again and locked until the end of the transaction, with the `related` rows
    joined (PostgreSQL locks the joined rows too)."""
    rows = type(row)._default_manager.select_for_update()
    if related:
        rows = rows.select_related(*related)
    return rows.get(pk=row.pk)
