"""Locks that make a read-check-write safe against parallel requests.

`advisory_lock("registration.questions:id:123456782")` holds a PostgreSQL transaction-level
advisory lock until the surrounding transaction ends: a limit checked and an attempt recorded
under it cannot be passed by N requests arriving at once (REG-11). The keys need no row.
"""

import hashlib

from django.db import connection


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
