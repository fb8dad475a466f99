"""Locks that make a read-check-write safe against parallel requests. Call them inside the
service's transaction; both hold until it ends.

- `locked(row)`: the one row lock of the portal. Before a service changes a row that two people
  could change at once, it reads the row again under SELECT ... FOR UPDATE, so the second waits
  for the first to commit and then sees what the first did.
- `advisory_lock("registration.questions:id:123456782")`: a PostgreSQL transaction-level
  advisory lock for a check that has no row to lock (a limit checked and an attempt recorded
  under it cannot be passed by N requests arriving at once, REG-11).
"""

import hashlib
from typing import TypeVar

from django.db import connection
from django.db.models import Model

M = TypeVar("M", bound=Model)


def locked(row: M, *related: str) -> M:
    """`row` read again and locked until the end of the transaction, with the `related` rows
    joined (PostgreSQL locks the joined rows too)."""
    rows = type(row)._default_manager.select_for_update()
    if related:
        rows = rows.select_related(*related)
    return rows.get(pk=row.pk)


def _lock_id(key: str) -> int:
    """A signed 64-bit number for `key` (what pg_advisory_xact_lock takes)."""
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)


def advisory_lock(*keys: str) -> None:
    """Wait for and hold the locks named by `keys` until the transaction ends.

    Taken in a fixed (sorted) order, so two requests wanting overlapping keys never wait for
    each other. Must run inside `transaction.atomic`. On SQLite (a development laptop) there are
    no advisory locks; SQLite runs one writer at a time.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("advisory_lock must be taken inside transaction.atomic")
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for key in sorted(set(keys)):
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_lock_id(key)])
