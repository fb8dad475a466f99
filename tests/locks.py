"""For race tests on PostgreSQL: wait until another session of this database waits on a lock."""

import threading

from django.db import connection


def until_a_session_waits_on_a_lock(tries: int = 600) -> None:
    """Polls pg_stat_activity (its snapshot cleared each time) every 50 ms, 30 s at most."""
    with connection.cursor() as cursor:
        for _ in range(tries):
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            threading.Event().wait(0.05)
