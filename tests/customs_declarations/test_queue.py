"""The valuer's queue as clerks use it (issues 16 and 18): sorted, exported as shown with no cell
a spreadsheet would run, counted only so far, and refusing what it should."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from customs_valuation.declarations import rules, selectors
from customs_valuation.declarations.choices import DeclarationStatus as D
from customs_valuation.declarations.models import ImporterDeclaration
from customs_valuation.declarations.models.declarations import QUEUE_STATUSES

from .helpers import declaration
from .test_declarations import checked_supplier

pytestmark = pytest.mark.django_db

QUEUE = reverse("customs_declarations:queue")


def exported(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def three(world):
    the_supplier = checked_supplier(world)
    return [declaration(world, the_supplier) for _ in range(3)]


def shown(response) -> list[int]:
    return [d.pk for d in response.context["pager"].items]


def test_the_valuers_queue_sorts_by_entry_and_number(world, client, three):
    client.force_login(world.valuer)
    oldest_first = [d.pk for d in three]  # entered one after the other
    assert shown(client.get(QUEUE, {"sort": "oldest"})) == oldest_first
    assert shown(client.get(QUEUE, {"sort": "newest"})) == oldest_first[::-1]
    assert shown(client.get(QUEUE, {"sort": "number"})) == sorted(oldest_first)
    assert shown(client.get(QUEUE)) == oldest_first  # none blocked: the oldest entered first


def test_the_export_is_the_view_shown_every_page_and_runs_no_formula(world, client, three):
    world.importer.name = '=HYPERLINK("http://evil")'
    world.importer.save(update_fields=["name"])
    client.force_login(world.valuer)
    response = client.get(QUEUE, {"sort": "newest", "export": "csv", "page": "2"})
    assert response["Content-Type"].startswith("text/csv")
    rows = exported(response)
    assert len(rows) == 1 + 3  # the header, then every row of the view, not one page of it
    assert [int(r[0]) for r in rows[1:]] == [d.pk for d in three][::-1]
    assert rows[1][2] == '\'=HYPERLINK("http://evil")'
    assert rows[1][3] == world.importer.number


def test_the_xlsx_export_has_the_same_rows(world, client, three):
    client.force_login(world.valuer)
    response = client.get(QUEUE, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.max_row == 1 + 3


def test_an_agent_cannot_export_the_valuers_queue(world, client, three):
    client.force_login(world.agent_user)
    assert client.get(QUEUE, {"export": "csv"}).status_code == 403


@pytest.mark.parametrize(
    "query",
    [
        "sort=%FF%00&export=exe",
        "supplier=abc&older_than=-1&status=99",
        "importer=%ED%A0%80&page=99999999999999999999",
        "page=999999999&sort=number",
    ],
)
def test_the_queue_answers_garbage_with_the_page(world, client, three, query):
    client.force_login(world.valuer)
    response = client.get(f"{QUEUE}?{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def _queries(client, query) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(QUEUE, query).status_code == 200
    return len(queries)


def test_the_sorted_queue_keeps_a_constant_number_of_queries(world, client):
    client.force_login(world.valuer)
    the_supplier = checked_supplier(world)
    for _ in range(3):
        declaration(world, the_supplier)
    few = _queries(client, {"sort": "newest"})
    for _ in range(27):
        declaration(world, the_supplier)
    assert _queries(client, {"sort": "newest"}) == few


def test_the_valuers_queue_puts_the_pairs_blocked_today_first_then_by_blocking_day(world):
    """The queue's own order: the declarations whose pair is blocked today (a counting status,
    blocked from today or before) first, then the rest by the day blocking starts (none last),
    then by entry; a page that straddles the two parts goes on where the first one stops."""
    the_supplier = checked_supplier(world)
    made = [declaration(world, the_supplier) for _ in range(5)]
    today = timezone.localdate()
    plan = {  # declaration: (status, blocked from)
        0: (D.NOT_HANDLED, None),  # not counting, never blocked: last
        1: (D.CORRECTION_AWAITING, today + timedelta(days=2)),  # counting, blocked from later
        2: (D.CORRECTION_AWAITING, today),  # blocked today: overdue
        3: (D.CORRECTION_AWAITING, today - timedelta(days=5)),  # blocked 5 days: overdue, first
        4: (D.NOT_HANDLED, today - timedelta(days=1)),  # a date but not counting: not overdue
    }
    for n, (status, blocked_from) in plan.items():
        ImporterDeclaration.objects.filter(pk=made[n].pk).update(
            status=status, blocked_from=blocked_from
        )
    # Overdue by blocking day: 3 (5 days ago), 2 (today); then the rest by blocking day:
    # 4 (yesterday), 1 (in two days), 0 (none).
    expected = [made[n].pk for n in (3, 2, 4, 1, 0)]
    rows = selectors.queue_rows(day=today)
    assert [d.pk for d in rows[0:5]] == expected
    assert [d.overdue for d in rows[0:5]] == [0, 0, 1, 1, 1]
    assert [d.pk for d in rows[1:3]] == expected[1:3]  # one from each part
    assert [d.pk for d in rows[3:10]] == expected[3:]
    assert rows.count_up_to(4) == 4 and rows.count() == 5


def test_the_queue_in_its_own_order_keeps_a_constant_number_of_queries(world, client):
    client.force_login(world.valuer)
    the_supplier = checked_supplier(world)
    for _ in range(3):
        declaration(world, the_supplier)
    few = _queries(client, {})
    for _ in range(27):
        declaration(world, the_supplier)
    assert _queries(client, {}) == few


def test_the_overdue_index_holds_the_one_queue_status_that_counts():
    """cusdecl_decl_overdue (the first part's index) names CORRECTION_AWAITING: of the queue's
    statuses (not handled, correction awaiting, price suspected, misc. correction awaiting)
    only that one is a counting status."""
    assert set(QUEUE_STATUSES) & rules.COUNTING == {D.CORRECTION_AWAITING}


def test_a_queue_of_statuses_that_do_not_count_has_no_pair_blocked_today(world):
    """Asked for NOT_HANDLED only, a declaration blocked five days ago is not overdue (the
    status does not count), and every row is in the second part, in blocking order."""
    the_supplier = checked_supplier(world)
    made = [declaration(world, the_supplier) for _ in range(2)]
    today = timezone.localdate()
    for n, blocked_from in ((0, None), (1, today - timedelta(days=5))):
        ImporterDeclaration.objects.filter(pk=made[n].pk).update(
            status=D.NOT_HANDLED, blocked_from=blocked_from
        )
    rows = selectors.queue_rows(statuses=[D.NOT_HANDLED], day=today)
    assert [(d.pk, d.overdue) for d in rows[0:5]] == [(made[1].pk, 1), (made[0].pk, 1)]
