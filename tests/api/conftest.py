"""What the API contract tests share: one integrator of each kind with a token and the data
their operations work on, the portal as a WSGI application for schemathesis, a fingerprint of
the database (to prove that a 4xx changed nothing), and the count of what was fuzzed."""

import hashlib
from collections import Counter
from datetime import date

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core import signals
from django.db import close_old_connections, connection

from customs_valuation import reference as customs_reference
from garnishment import reference as garnishment_reference
from parking_badges import services as badge_services
from taxportal.roles import Role
from taxportal.tokens import api_token_issue
from tests.garnishment.factories import (
    ServiceArrangementFactory,
    ServingAuthorityFactory,
    ThirdPartyFactory,
    link_submitter,
)

TODAY = date(2026, 6, 15)
PRINT_DAY = date(2026, 6, 1)  # the print file's day: the example of the document's for_date
STATS: Counter = Counter()
OPERATIONS: set[str] = set()


@pytest.fixture
def in_test_transaction():
    """The portal called as a WSGI application works in the test's transaction: like Django's
    test client, the connection is not closed between requests."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


class Tokens(dict):
    """Each integrator's token by the first segment of its operations; `users` the users."""

    users: dict


@pytest.fixture
def integrators(db, make_user, settings, tmp_path):
    """A token for each API user, keyed by the first segment after /api/: a bank's submitter,
    an inspector, the printing house, a customs officer; and what they work on."""
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(TODAY, tick=True):
        garnishment_reference.load()
        customs_reference.load()
        bank = ThirdPartyFactory(name="Fuzz bank")
        authority = ServingAuthorityFactory(code="TLV", name="Tel Aviv-Yafo")
        ServiceArrangementFactory(authority=authority, third_party=bank)
        submitter = link_submitter(make_user(Role.THIRD_PARTY_SUBMITTER), bank)
        printing_house = make_user()
        printing_house.user_permissions.add(Permission.objects.get(codename="download_print_files"))
        badge_services.print_file_build(for_date=PRINT_DAY)
        users = {
            "garnishment": submitter,
            "badges/check": make_user(Role.INSPECTOR),
            "badges/print-files": printing_house,
            "customs": make_user(Role.CUSTOMS_OFFICER),
        }
        tokens = Tokens(
            {
                key: api_token_issue(user=user, name=key, actor=None)[1]
                for key, user in users.items()
            }
        )
        tokens.users = users
        yield tokens


def auth_headers(tokens: dict, path: str) -> dict:
    """The Authorization header of the user whose operation `path` is."""
    rest = path.removeprefix("/api/")
    key = max((k for k in tokens if rest.startswith(k)), key=len)
    return {"Authorization": f"Token {tokens[key]}", "Accept-Language": "en"}


def _digests(tables) -> dict[str, tuple[int, str]]:
    """Each table's row count and a digest of its rows: equal digests, same rows."""
    tables = sorted(tables)
    if not tables:
        return {}
    quote = connection.ops.quote_name
    if connection.vendor != "postgresql":
        return {table: _digest_read(quote(table)) for table in tables}
    sql = " UNION ALL ".join(
        f"SELECT %s, count(*), coalesce(md5(string_agg(md5(t::text), '' "
        f"ORDER BY md5(t::text))), '') FROM {quote(table)} t"
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, tables)
        return {name: (count, digest) for name, count, digest in cursor.fetchall()}


def _digest_read(table: str) -> tuple[int, str]:
    """SQLite has no md5 nor string_agg: the rows read and digested here (a test database)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - a table name from introspection
        rows = sorted(repr(row) for row in cursor.fetchall())
    return len(rows), hashlib.md5("".join(rows).encode(), usedforsecurity=False).hexdigest()


# Not changes a refused request made: the audit trail (who sent what, and why it was refused),
# and when a token was last used (taxportal.tokens.api_token_used), written at most once a
# minute whatever the answer.
BOOKKEEPING = {"taxportal_auditevent", "taxportal_apitoken"}


class DatabaseWatch:
    """Which tables a request changed, the audit trail aside. PostgreSQL counts, per
    transaction, the rows each table had inserted, updated or deleted (a savepoint rolled back
    included); the rows of the tables it counts are compared with their digest before.
    `start()` before, `changed()` after."""

    def __init__(self):
        self.digests = _digests(connection.introspection.table_names(include_views=False))
        self.counts: dict[str, int] = {}

    @staticmethod
    def _counts() -> dict[str, int]:
        if connection.vendor != "postgresql":  # no per-transaction counts: every table is read
            return dict.fromkeys(connection.introspection.table_names(), -1)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables"
            )
            return dict(cursor.fetchall())

    def start(self) -> None:
        self.counts = self._counts()

    def changed(self) -> list[str]:
        counts = self._counts()
        touched = [
            name
            for name, n in counts.items()
            if (n != self.counts.get(name, 0) or n < 0) and name not in BOOKKEEPING
        ]
        fresh = _digests(touched)
        changed = sorted(name for name in touched if fresh[name] != self.digests.get(name))
        self.digests.update(fresh)
        return changed


@pytest.fixture
def database_watch(integrators) -> DatabaseWatch:
    return DatabaseWatch()


def pytest_terminal_summary(terminalreporter):
    if STATS["requests"]:
        terminalreporter.write_line(
            f"API fuzzing: {len(OPERATIONS)} operations, {STATS['requests']} requests "
            f"({STATS['stateful']} in stateful scenarios), {STATS['4xx']} answered 4xx."
        )
