"""Issue 18: the valuer's queue page reads its four side lists (today's 06:00 list, returned
tasks, entries to archive, entries to correct) in one statement of fixed text. It must read the
rows the lists' querysets read, in their order, for this valuer's houses only, and the page
must be the HTML it was when each list was paged by `paginate`."""

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from customs_valuation.declarations import selectors
from customs_valuation.declarations.models import DailyCheck, DailyCheckItem, ValuerTask
from customs_valuation.declarations.selectors.side_lists import side_lists
from customs_valuation.declarations.views import staff as staff_views
from taxportal.paging import QUEUE_COUNT_AHEAD, page_asked, paginate

from .helpers import declaration, file_entry
from .test_queue_rows import HOSTILE, queue  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_house(world, queue):  # noqa: F811
    """Rows this valuer must not see: Ashdod's 06:00 list, a task for Ashdod with nobody
    assigned, a task of the other valuer, a task done; and one they must: Haifa's unassigned."""
    today = timezone.localdate()
    ashdod = DailyCheck.objects.create(customs_house=world.ashdod, on_date=today)
    DailyCheckItem.objects.create(check_list=ashdod, declaration=queue[3], status=5)
    entry = file_entry(world, queue[0].supplier).entry

    def task(**given):
        return ValuerTask.objects.create(
            declaration=queue[0], reason=HOSTILE, created_by=world.valuer, **given
        )

    mine = [task(assigned_to=world.valuer, entry=entry), task(customs_house=world.haifa)]
    task(customs_house=world.ashdod)
    task(assigned_to=world.other_valuer, customs_house=world.haifa)
    task(assigned_to=world.valuer, done_at=timezone.now())
    return mine


def _old_pages(user):
    houses = selectors.valuer_house_ids(user)
    return {
        "daily": selectors.daily_check_for(houses),
        "tasks": selectors.tasks_for(user, houses),
        "archive": selectors.entries_for_staff(archive_ready=True),
        "to_correct": selectors.entries_for_staff(to_correct=True),
    }


def test_the_side_lists_read_what_their_querysets_read_for_this_valuers_houses(
    world,
    queue,  # noqa: F811
    other_house,
):
    haifa_items = list(
        DailyCheckItem.objects.filter(check_list__customs_house=world.haifa).order_by(
            "-flagged", "pk"
        )
    )
    for page in (1, 2, 3):
        request = RequestFactory().get("/", {"p": str(page)})
        asked = {
            name: page_asked(request, param="p", per_page=1) for name in _old_pages(world.valuer)
        }
        read = side_lists(world.valuer, asked)
        for name, items in _old_pages(world.valuer).items():
            theirs = paginate(request, items, param="p", per_page=1)
            rows, counted = read[name]
            # past a list's end its own page is empty (the view then reads the last one)
            shown = theirs.items if theirs.page.number == page else []
            assert [row.pk for row in rows] == [row.pk for row in shown], (name, page)
            assert counted == theirs.page.paginator.count, name
    read = side_lists(
        world.valuer,
        {name: page_asked(RequestFactory().get("/"), per_page=25) for name in ("daily", "tasks")},
    )
    # Haifa's list of two (the flagged first), never Ashdod's; the valuer's task and Haifa's
    # unassigned one, never Ashdod's, the other valuer's nor one done.
    assert [item.pk for item in read["daily"][0]] == [item.pk for item in haifa_items]
    assert read["daily"][1] == 2 and read["tasks"][1] == 2
    assert [task.pk for task in read["tasks"][0]] == [task.pk for task in other_house]
    assert read["tasks"][0][0].entry.number == other_house[0].entry.number
    assert read["tasks"][0][1].entry is None and str(read["tasks"][0][1].reason) == HOSTILE


def _old_side_lists(request) -> dict:
    """The side lists as the view read them before: each list paged by `paginate`."""
    lists = _old_pages(request.user)
    return {
        name: paginate(request, lists[name], param=param, count_up_to=QUEUE_COUNT_AHEAD)
        for name, param in staff_views._SIDE_PAGES.items()
    }


def _page(client, query) -> str:
    html = client.get(reverse("customs_declarations:queue"), query).content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


@pytest.mark.parametrize("language", ["he", "en"])
@pytest.mark.parametrize(
    "query",
    [{}, {"daily_page": "9", "tasks_page": "2"}, {"archive_page": "0", "correct_page": "x"}],
)
def test_the_queue_page_is_the_html_it_was(
    world,
    queue,  # noqa: F811
    other_house,
    client,
    monkeypatch,
    language,
    query,
):
    for _ in range(26):  # a second page of tasks
        ValuerTask.objects.create(
            declaration=queue[1], reason=HOSTILE, created_by=world.valuer, assigned_to=world.valuer
        )
    declaration(world, queue[0].supplier)
    client.force_login(world.valuer)
    with translation.override(language):
        client.cookies["django_language"] = language
        ours = _page(client, query)
        monkeypatch.setattr(staff_views, "_side_lists", _old_side_lists)
        theirs = _page(client, query)
    assert ours == theirs
    assert "&lt;script&gt;alert" in ours and "<script>alert" not in ours
