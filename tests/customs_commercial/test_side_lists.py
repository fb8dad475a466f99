"""Issue 18: the commercial queue reads the entries to verify (a page and its count) and the
guarantees about to lapse in one statement of fixed text. It must read the rows
`entries_to_value` and `guarantees_expiring` read, in their order, for the user's houses only
(the unit: every house's guarantees, no entries), and the page must be the HTML it was when the
entries were paged by `paginate` and the guarantees read by their selector."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from customs_valuation.commercial import selectors
from customs_valuation.commercial.choices import CaseStatus, SecurityKind
from customs_valuation.commercial.models import CaseSecurity, CommercialCase
from customs_valuation.commercial.selectors.side_lists import side_lists
from customs_valuation.commercial.views import queue as queue_views
from customs_valuation.declarations.models import Entry, Importer
from taxportal.paging import QUEUE_COUNT_AHEAD, page_asked, paginate
from taxportal.queues import link

from .helpers import entry, open_case
from .test_queue_rows import HOSTILE

pytestmark = pytest.mark.django_db


def _guarantee(world, case, *, days: int, reference: str) -> CaseSecurity:
    return CaseSecurity.objects.create(
        case=case,
        kind=SecurityKind.BANK_GUARANTEE,
        amount=Decimal("100.00"),
        reference=reference,
        expires_on=timezone.localdate() + timedelta(days=days),
        recorded_by=world.valuer,
    )


@pytest.fixture
def lists(commercial):
    """At Haifa: five entries to verify (one of a hostile importer, one of 1,234.5 USD under
    thorough examination, one released and archived: not to verify), three open cases with a
    guarantee each (lapsing in 3, 1 and 400 days) and an accepted case's guarantee; at Ashdod
    an entry and an open case's guarantee lapsing tomorrow: never shown to Haifa's valuer."""
    world = commercial
    Importer.objects.filter(pk=world.importer.pk).update(name=HOSTILE)
    for _ in range(4):
        entry(world)
    entry(world, usd="1234.50")
    Entry.objects.filter(pk=Entry.objects.latest("pk").pk).update(thorough_examination=True)
    archived = entry(world)
    Entry.objects.filter(pk=archived.pk).update(
        archived_at=timezone.now(), released_at=timezone.now()
    )
    cases = [open_case(world) for _ in range(4)]
    shown = [
        _guarantee(world, cases[0], days=3, reference=HOSTILE),
        _guarantee(world, cases[1], days=1, reference="Bank Leumi 1"),
    ]
    _guarantee(world, cases[2], days=400, reference="far off")
    CommercialCase.objects.filter(pk=cases[3].pk).update(status=CaseStatus.ACCEPTED)
    _guarantee(world, cases[3], days=1, reference="case accepted")
    ashdod_case = open_case(world)
    CommercialCase.objects.filter(pk=ashdod_case.pk).update(customs_house=world.ashdod)
    Entry.objects.filter(pk=ashdod_case.entry_id).update(customs_house=world.ashdod)
    _guarantee(world, ashdod_case, days=1, reference="Ashdod's")
    Entry.objects.filter(pk=entry(world).pk).update(customs_house=world.ashdod)
    return shown


def test_the_side_lists_read_what_their_selectors_read_for_the_users_houses(commercial, lists):
    haifa_entries = list(
        Entry.objects.filter(customs_house=commercial.haifa, archived_at__isnull=True)
        .filter(commercial_case__isnull=True)
        .order_by("filed_at", "pk")
    )
    assert len(haifa_entries) == 5  # 4 + the thorough one; not the archived one, nor Ashdod's
    for user in (commercial.valuer, commercial.chief, commercial.other_valuer, commercial.unit):
        for page in (1, 2, 3, 6):
            request = RequestFactory().get("/", {"p": str(page)})
            read = side_lists(user, page_asked(request, param="p", per_page=2, count_up_to=3))
            theirs = paginate(
                request, selectors.entries_to_value(user), param="p", per_page=2, count_up_to=3
            )
            # past the list's end its own page is empty (the view then reads the last one)
            shown = theirs.items if theirs.page.number == page else []
            assert [e.pk for e in read.entries] == [e.pk for e in shown], (user, page)
            assert read.entries_counted == theirs.page.paginator.count, (user, page)
        guarantees = selectors.guarantees_expiring(user)
        assert [g.pk for g in read.guarantees] == [g.pk for g in guarantees], user
        assert [g.case.entry.number for g in read.guarantees] == [
            g.case.entry.number for g in guarantees
        ]
    everything = page_asked(RequestFactory().get("/"), count_up_to=QUEUE_COUNT_AHEAD)
    read = side_lists(commercial.valuer, everything)
    assert [e.pk for e in read.entries] == [e.pk for e in haifa_entries]
    assert read.entries_counted == 5
    # The one lapsing tomorrow, then in three days; not in 400 days, nor the accepted case's,
    # nor Ashdod's.
    assert [g.pk for g in read.guarantees] == [lists[1].pk, lists[0].pk]
    assert read.guarantees[1].reference == HOSTILE
    assert read.guarantees[0].expires_on == timezone.localdate() + timedelta(days=1)
    thorough = read.entries[4]
    assert thorough.goods_value == Decimal("1234.50") and thorough.thorough_examination
    ashdod = side_lists(commercial.other_valuer, everything)
    assert [g.reference for g in ashdod.guarantees] == ["Ashdod's"]
    assert ashdod.entries_counted == 1
    unit = side_lists(commercial.unit, everything)  # every house's guarantees, no entries
    # tomorrow: Leumi's, then Ashdod's (recorded after it); then in three days
    assert [g.reference for g in unit.guarantees] == ["Bank Leumi 1", "Ashdod's", HOSTILE]
    assert (unit.entries, unit.entries_counted) == ([], 0)


def _old_side_lists(request) -> dict:
    """The side lists as the view read them before: the entries paged by `paginate`."""
    decision_url = link("customs_commercial:case_decision")
    return {
        "entries": paginate(
            request,
            selectors.entries_to_value(request.user),
            param="entries_page",
            count_up_to=QUEUE_COUNT_AHEAD,
        ),
        "guarantees": [
            (g, decision_url(g.case_id)) for g in selectors.guarantees_expiring(request.user)
        ],
    }


def _page(client, query) -> str:
    html = client.get(reverse("customs_commercial:queue"), query).content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


@pytest.mark.parametrize("language", ["he", "en"])
@pytest.mark.parametrize("user", ["valuer", "chief", "unit"])
def test_the_queue_page_is_the_html_it_was(commercial, lists, client, monkeypatch, language, user):
    for _ in range(21):  # a second page of entries
        entry(commercial)
    # the first page, the second, one past the end and one not a number
    queries = [{}, {"entries_page": "2"}, {"entries_page": "9"}, {"entries_page": "x"}]
    client.force_login(getattr(commercial, user))
    with translation.override(language):
        client.cookies["django_language"] = language
        ours = [_page(client, query) for query in queries]
        monkeypatch.setattr(queue_views, "_side_lists", _old_side_lists)
        theirs = [_page(client, query) for query in queries]
    assert ours == theirs
    assert all("&lt;script&gt;alert" in page and "<script>alert" not in page for page in ours)
    assert "Bank Leumi 1" in ours[0]  # each of them sees Haifa's guarantee
