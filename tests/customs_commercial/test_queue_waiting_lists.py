"""Issue 18 on the commercial queue: the chief valuer's credit notes waiting (CUS-70) and the
valuation unit's open consultations (CUS-94) are paged and counted only so far, as the queue's
other lists, instead of read whole; each is shown only to its own readers."""

from decimal import Decimal

import pytest
from django.urls import reverse

from customs_valuation.commercial.choices import CreditNoteStatus
from customs_valuation.commercial.models import Consultation, CreditNote
from customs_valuation.commercial.views import queue as queue_views
from taxportal import paging

from .helpers import entry, open_case

pytestmark = pytest.mark.django_db
QUEUE = reverse("customs_commercial:queue")


def _credit_note(world, number: str, *, house=None, status=CreditNoteStatus.REQUESTED):
    return CreditNote.objects.create(
        importer=world.importer,
        supplier=entry(world).supplier,
        agent=world.agent,
        customs_house=house or world.haifa,
        number=number,
        kind="credit_note",
        amount=Decimal("10.00"),
        currency="USD",
        status=status,
        requested_by=world.agent_user,
    )


@pytest.fixture
def short_pages(monkeypatch):
    """Two rows a page, two counted past the page's start."""
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    monkeypatch.setattr(queue_views, "QUEUE_COUNT_AHEAD", 2)


def _numbers(response, name: str, field) -> list[str]:
    return [field(row) for row in response.context[name].items]


def test_cus_70_the_chiefs_credit_notes_are_paged_newest_first_and_counted_so_far(
    commercial, client, short_pages
):
    for n in range(1, 5):
        _credit_note(commercial, f"CN-{n}")
    _credit_note(commercial, "CN-ASHDOD", house=commercial.ashdod)  # another house
    _credit_note(commercial, "CN-DECIDED", status=CreditNoteStatus.APPROVED)
    client.force_login(commercial.chief)
    first = client.get(QUEUE)
    # Newest first (requested at the same moment: the higher id first): CN-4, CN-3 on page 1.
    assert _numbers(first, "credit_notes", lambda n: n.number) == ["CN-4", "CN-3"]
    # Counted up to 0 + 2 + 1 = 3 of the four: "more than 2".
    notes = first.context["credit_notes"]
    assert notes.more and notes.count == 2
    second = client.get(QUEUE, {"credit_notes_page": "2"})
    assert _numbers(second, "credit_notes", lambda n: n.number) == ["CN-2", "CN-1"]
    assert b"CN-ASHDOD" not in first.content + second.content
    assert b"CN-DECIDED" not in first.content + second.content


def test_cus_70_credit_notes_are_the_chiefs_only(commercial, client):
    _credit_note(commercial, "CN-1")
    client.force_login(commercial.valuer)
    response = client.get(QUEUE)
    assert list(response.context["credit_notes"].items) == []
    assert b"CN-1" not in response.content


def test_cus_94_the_units_open_consultations_are_paged_oldest_first(
    commercial, client, short_pages
):
    case = open_case(commercial)
    asked = [
        Consultation.objects.create(case=case, question=f"Q{n}", asked_by=commercial.valuer)
        for n in range(1, 4)
    ]
    Consultation.objects.filter(pk=asked[0].pk).update(answered_at=asked[0].asked_at)  # answered
    client.force_login(commercial.unit)
    first = client.get(QUEUE)
    # Open: Q2 and Q3, oldest first, both on page 1; counted 2 of at most 3: no "more".
    assert _numbers(first, "consultations", lambda c: c.question) == ["Q2", "Q3"]
    assert not first.context["consultations"].more
    client.force_login(commercial.chief)
    assert list(client.get(QUEUE).context["consultations"].items) == []
