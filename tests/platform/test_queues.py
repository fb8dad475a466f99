"""What every clerk's queue shares (taxportal.queues, taxportal.paging): how the search box reads
identifiers, what is ignored and said, counts that stop at a horizon, and exports that no
spreadsheet runs as formulas."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from django import forms
from django.http import QueryDict
from django.test import RequestFactory
from django.utils import timezone, translation
from openpyxl import load_workbook

from taxportal import paging
from taxportal.queues import (
    Column,
    QueueForm,
    Sort,
    Terms,
    any_choice,
    export_links,
    export_response,
    link,
    terms,
)


class DemoForm(QueueForm):
    SORTS = {"due": Sort("Due", ("due",)), "-due": Sort("Latest", ("-due",))}
    status = forms.ChoiceField(required=False, choices=any_choice("All", [("a", "A"), ("b", "B")]))


def form(query: str) -> DemoForm:
    return DemoForm(QueryDict(query))


# --- Search terms ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "number", "national_id"),
    [
        ("123", 123, "000000123"),  # a case number, or an identity number without its zeros
        ("#123", 123, None),
        (" 30246-6339 ", 302466339, "302466339"),  # dashes and spaces as people type them
        ("1234567890", 1234567890, None),  # ten digits: never an identity number
        ("12345678901234", None, None),  # too long to be any number the queues know
        ("דנה", None, None),
        ("12a", None, None),
    ],
)
def test_search_reads_numbers_as_clerks_type_them(typed, number, national_id):
    assert Terms(typed).number == number
    assert Terms(typed).national_id == national_id


@pytest.mark.parametrize(
    ("typed", "month"),
    [
        ("05/2026", date(2026, 5, 1)),
        ("5/2026", date(2026, 5, 1)),
        ("2026-05", date(2026, 5, 1)),
        ("13/2026", None),  # no 13th month
        ("00/2026", None),
        ("May 2026", None),
    ],
)
def test_search_reads_a_month(typed, month):
    assert Terms(typed).month == month


def test_search_words_are_at_most_five():
    assert Terms("a b c d e f g").words == ["a", "b", "c", "d", "e"]


# --- The form: what is ignored, and said ------------------------------------------------------


def test_queue_form_defaults_to_the_first_sort_and_all():
    empty = form("")
    assert empty.sort_key == "due" and empty.ordering == ("due",)
    assert empty.value("status", "") == "" and terms(empty) is None
    assert empty.ignored == []


@pytest.mark.parametrize(
    "query",
    [
        "sort=drop table",
        "status=zzz",
        "q=" + "x" * 101,  # longer than any identifier or name
        "q=Mo%00she",  # a NUL character, which PostgreSQL refuses in text
    ],
)
def test_queue_form_ignores_garbage_and_says_so(query):
    with translation.override("en"):
        bad = form(query)
        assert bad.ignored, query
        assert bad.sort_key == "due" and bad.value("status", "") == ""
        assert terms(bad) is None


def test_queue_form_keeps_what_is_valid_beside_what_is_not():
    mixed = form("q=302466339&sort=nonsense&status=b")
    assert terms(mixed).text == "302466339"
    assert mixed.value("status") == "b" and mixed.sort_key == "due"


def test_queue_form_controls_mark_the_choices_made():
    controls = {c.name: c for c in form("q=%D7%93%D7%A0%D7%94&status=b&sort=-due").controls()}
    assert controls["q"].value == "דנה"
    assert [o.value for o in controls["status"].options if o.selected] == ["b"]
    assert [o.value for o in controls["sort"].options if o.selected] == ["-due"]


def test_a_single_sort_is_not_offered_as_a_choice():
    class OneSort(QueueForm):
        SORTS = {"line": Sort("Line", ("line",))}

    assert [c.name for c in OneSort(QueryDict("")).controls()] == ["q"]


# --- Counting only so far ----------------------------------------------------------------------


class Counted(list):
    """A list that records how far it was asked to count."""

    asked: list[int]

    def count_up_to(self, limit: int) -> int:
        self.asked.append(limit)
        return min(len(self), limit)


def _items(n: int) -> Counted:
    items = Counted(range(n))
    items.asked = []
    return items


def test_a_queue_is_counted_only_a_thousand_past_the_page_asked_for():
    request = RequestFactory().get("/", {"page": "3"})
    items = _items(5000)
    pager = paging.paginate(request, items, per_page=25, count_up_to=1000)
    # Page 3 starts after 2 × 25 = 50 items: counted up to 50 + 1000 + 1 = 1051.
    assert items.asked == [1051]
    assert pager.more and pager.count == 1050
    assert list(pager.items) == list(range(50, 75))
    with translation.override("en"):
        assert pager.total == "more than 1,050"


def test_a_short_queue_is_counted_exactly():
    request = RequestFactory().get("/", {"page": "99"})
    pager = paging.paginate(request, _items(30), per_page=10, count_up_to=1000)
    assert not pager.more and pager.count == 30 and pager.total == "30"
    assert pager.page.number == 3  # page 99 of 3 shows the last page


def _users(n: int):
    from taxportal.models import User

    User.objects.bulk_create(User(username=f"paged-{k:02}") for k in range(n))
    return User.objects.filter(username__startswith="paged-").order_by("username")


@pytest.mark.django_db
def test_a_queryset_page_is_read_with_its_count_in_one_query(django_assert_num_queries):
    users = _users(30)
    request = RequestFactory().get("/", {"page": "2"})
    with django_assert_num_queries(1):
        pager = paging.paginate(request, users, per_page=10, count_up_to=1000)
        names = [user.username for user in pager.items]
    assert names == [f"paged-{k:02}" for k in range(10, 20)]  # page 2: the 11th to the 20th
    assert not pager.more and pager.count == 30 and pager.page.paginator.num_pages == 3
    assert pager.previous_query == "page=1" and pager.next_query == "page=3"


@pytest.mark.django_db
def test_a_queryset_counted_only_so_far_and_a_page_past_its_end():
    users = _users(30)
    first = paging.paginate(RequestFactory().get("/"), users, per_page=10, count_up_to=5)
    # Page 1 starts at 0: counted up to 0 + 5 + 1 = 6 of the 30, so "more than 5".
    assert first.more and first.count == 5
    with translation.override("en"):
        assert first.total == "more than 5"
    past = paging.paginate(RequestFactory().get("/", {"page": "9"}), users, per_page=10)
    assert past.page.number == 3  # page 9 of 3 shows the last page
    assert [user.username for user in past.items] == [f"paged-{k:02}" for k in range(20, 30)]
    nothing = paging.paginate(RequestFactory().get("/"), users.filter(pk__in=[]), per_page=10)
    assert nothing.count == 0 and list(nothing.items) == [] and nothing.total == "0"


@pytest.mark.django_db
def test_several_counts_in_one_query(django_assert_num_queries):
    users = _users(30)
    with django_assert_num_queries(1):
        counts = paging.counted_together(
            all=(users, None),
            capped=(users, 11),  # 11 of the 30
            tens=(users.filter(username__endswith="0"), None),  # paged-00, -10, -20
            none=(users.filter(pk__in=[]), None),
        )
    assert counts == {"all": 30, "capped": 11, "tens": 3, "none": 0}


# --- Exports -----------------------------------------------------------------------------------

COLUMNS = [
    Column("Name", lambda r: r["name"]),
    Column("Due", lambda r: r["due"]),
    Column("Amount", lambda r: r["amount"]),
    Column("At", lambda r: r["at"]),
]
ROWS = [
    {
        "name": '=HYPERLINK("http://evil")',
        "due": date(2026, 5, 1),
        "amount": Decimal("12.50"),
        "at": timezone.make_aware(datetime(2026, 5, 1, 9, 30)),
    },
    {"name": "+972-50", "due": None, "amount": -3, "at": None},
    {"name": "@SUM(A1)", "due": date(2026, 6, 2), "amount": 0, "at": None},
    {"name": "דנה כהן", "due": date(2026, 6, 2), "amount": 1, "at": None},
]


def _streamed(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def test_csv_export_runs_no_formula_and_reads_as_the_page():
    response = export_response("csv", "demo", COLUMNS, ROWS)
    assert response["Content-Disposition"] == 'attachment; filename="demo.csv"'
    text = _streamed(response)
    assert text.startswith("\ufeff")  # spreadsheets read the Hebrew as UTF-8
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["Name", "Due", "Amount", "At"]
    assert rows[1][0] == '\'=HYPERLINK("http://evil")'
    assert rows[1][1:] == ["01/05/2026", "12.50", "01/05/2026 09:30"]
    assert rows[2][:3] == ["'+972-50", "", "-3"]  # a negative number stays a number
    assert rows[3][0] == "'@SUM(A1)" and rows[4][0] == "דנה כהן"


def test_xlsx_export_has_date_cells_numbers_and_no_formula():
    response = export_response("xlsx", "demo", COLUMNS, ROWS)
    assert response["Content-Disposition"] == 'attachment; filename="demo.xlsx"'
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["Name", "Due", "Amount", "At"]
    assert values[1][0] == '\'=HYPERLINK("http://evil")'
    assert values[1][1] == datetime(2026, 5, 1) and values[1][2] == 12.5
    assert values[1][3] == datetime(2026, 5, 1, 9, 30)
    assert values[2][0] == "'+972-50" and values[2][2] == -3
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_export_links_keep_the_search_and_drop_the_pages():
    request = RequestFactory().get(
        "/", {"q": "כהן", "status": "a", "page": "4", "refunds_page": "2", "export": "csv"}
    )
    links = export_links(request)
    assert QueryDict(links["csv"]).dict() == {"q": "כהן", "status": "a", "export": "csv"}
    assert QueryDict(links["xlsx"])["export"] == "xlsx"


def test_link_builds_detail_urls_from_one_reversed_pattern():
    to_case = link("customs_valuation:case")
    assert to_case(7) == "/customs/cases/7/" and to_case(123456) == "/customs/cases/123456/"


# --- A list whose page and count its caller read (several lists in one statement) --------------


def _read(query: dict, items: list, *, per_page: int, count_up_to: int | None, param="page"):
    """`paginate_read` over a plain list, read as a caller would: the asked page's slice and
    the count up to the page's limit; other pages recorded as they are read."""
    request = RequestFactory().get("/", query)
    asked = paging.page_asked(request, param=param, per_page=per_page, count_up_to=count_up_to)
    counted = len(items) if asked.limit is None else min(len(items), asked.limit)
    rows = items[asked.start : asked.start + per_page]
    reread: list[int] = []

    def pages(number: int) -> list:
        reread.append(number)
        return items[(number - 1) * per_page : number * per_page]

    return paging.paginate_read(request, asked, rows, counted, pages=pages), reread


def test_a_list_read_by_its_caller_is_shown_as_paginate_shows_it():
    items = list(range(30))
    pager, reread = _read({"page": "2"}, items, per_page=10, count_up_to=1000)
    assert list(pager.items) == list(range(10, 20)) and reread == []  # the 11th to the 20th
    assert not pager.more and pager.count == 30 and pager.total == "30"
    assert pager.previous_query == "page=1" and pager.next_query == "page=3"


def test_a_list_read_by_its_caller_is_counted_only_so_far():
    pager, _ = _read({"page": "3"}, list(range(5000)), per_page=25, count_up_to=1000)
    # Page 3 starts after 2 × 25 = 50 items: counted up to 50 + 1000 + 1 = 1051, so "more".
    assert pager.more and pager.count == 1050
    assert list(pager.items) == list(range(50, 75))
    with translation.override("en"):
        assert pager.total == "more than 1,050"


@pytest.mark.parametrize(
    "query, shown, reread",
    [
        ({"page": "99"}, 3, [3]),  # past the end: the last page (30 items, 10 a page), read
        ({"page": "0"}, 3, [3]),  # as Django's paginator: not a page, the last one
        ({"page": "-1"}, 3, [3]),
        ({"page": "abc"}, 1, []),  # not a number: the first page, already read
        ({}, 1, []),
    ],
)
def test_a_list_read_by_its_caller_shows_the_nearest_page(query, shown, reread):
    pager, read_again = _read(query, list(range(30)), per_page=10, count_up_to=1000)
    assert pager.page.number == shown and read_again == reread
    assert list(pager.items) == list(range((shown - 1) * 10, shown * 10))


def test_an_empty_list_read_by_its_caller_is_one_empty_page():
    first, reread = _read({}, [], per_page=10, count_up_to=1000)
    assert first.page.number == 1 and list(first.items) == [] and reread == []
    pager, reread = _read({"page": "4"}, [], per_page=10, count_up_to=1000)
    assert pager.page.number == 1 and list(pager.items) == [] and reread == [1]  # page 4 of 1
    assert pager.count == 0 and pager.total == "0" and not pager.more
    assert pager.previous_query == "" and pager.next_query == ""


def test_a_list_read_by_its_caller_keeps_the_other_lists_pages():
    query = {"page": "2", "tasks_page": "3", "q": "x"}
    pager, _ = _read(query, list(range(100)), per_page=10, count_up_to=None, param="tasks_page")
    assert list(pager.items) == list(range(20, 30))  # its own page 3, not the other list's 2
    assert pager.count == 100 and not pager.more  # counted to the end without a cap
    assert pager.previous_query == "page=2&tasks_page=2&q=x"
    assert pager.next_query == "page=2&tasks_page=4&q=x"
