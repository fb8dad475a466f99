"""Issue 15, REG-24: the personal area as the citizen's home: each case with its status in plain
words, the next date that matters, what the citizen can do now, the receipts of what they sent;
read in a constant number of queries whatever the number of cases (asserted at two sizes)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from taxportal.services import receipt_issue
from taxportal.texts import said
from tests.parking_badges.factories import ApplicationFactory, DisabledPersonFactory

from .conftest import CITIZEN_ID

pytestmark = pytest.mark.django_db
PAGE = "/registration/personal-area/"


def _case_with_receipt(owner, person, received_on):
    application = ApplicationFactory(person=person, material_received_on=received_on)
    receipt_issue(
        owner=owner,
        identity_number=person.national_id,
        event="badges.application_received",
        case=application,
        what=said("Application for a disabled-parking badge no. %(pk)s", pk=application.pk),
        due_on=received_on,
    )
    return application


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(PAGE)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_reg_24_personal_area_reads_in_constant_queries(citizen_client):
    client = citizen_client()
    person = DisabledPersonFactory(national_id=CITIZEN_ID)
    _case_with_receipt(client.user, person, date(2026, 3, 1))
    small = _queries(client)
    for day in (2, 3, 4, 5):
        _case_with_receipt(client.user, person, date(2026, 3, day))
    assert _queries(client) == small


def test_issue_15_a_new_citizen_is_shown_how_to_apply_not_an_empty_page(citizen_client):
    page = citizen_client().get(PAGE).content.decode()
    assert 'data-testid="apply-link"' in page
    assert "No service holds anything for you yet." not in page


def test_issue_15_the_low_level_is_told_why_it_cannot_apply(citizen_client):
    page = citizen_client(level="low").get(PAGE).content.decode()
    assert 'data-testid="apply-link"' not in page
    assert "needs the high identification level" in page
