"""BADGE-14, BADGE-18, issue 15: a holder asks online for a new badge (lost, stolen, damaged,
or a replaced vehicle); it waits in the mobility department's queue, expected about a week after
the request; the citizen gets a receipt with that date; printing the new badge closes it."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from parking_badges import services
from parking_badges.models import ReplacementRequest
from parking_badges.personal_area import badge_section
from taxportal.models import Receipt
from taxportal.roles import Role
from tests.parking_badges.factories import Holder

from .conftest import CITIZEN_ID, pdf

pytestmark = pytest.mark.django_db

ISRAEL = ZoneInfo("Asia/Jerusalem")
URL = "/badges/my/new-badge/"
# Asked on Tuesday 10 March 2026: about a week later (BADGE-18) is 17 March 2026.
ASKED_AT = datetime(2026, 3, 10, 9, 0, tzinfo=ISRAEL)
EXPECTED = date(2026, 3, 17)


def test_badge_18_a_lost_badge_lands_in_the_queue_expected_a_week_later(citizen_client, client_as):
    holder = Holder(national_id=CITIZEN_ID)
    client = citizen_client()
    with time_machine.travel(ASKED_AT, tick=False):
        assert badge_section(client.user, "high").context["can_ask_new_badge"] is True
        response = client.post(URL, {"reason": "lost", "document": pdf("police.pdf")})
        asked = ReplacementRequest.objects.get()
        assert (asked.person, asked.badge, asked.reason) == (holder.person, holder.badge, "lost")
        assert asked.requested_on == date(2026, 3, 10) and asked.expected_on == EXPECTED
        receipt = Receipt.objects.get()
        assert response["Location"] == f"/receipts/{receipt.pk}/"
        assert receipt.event == "badges.replacement_requested" and receipt.due_on == EXPECTED
        section = badge_section(client.user, "high")
        assert section.context["replacement"] == asked
        # A second request while the first is handled is refused.
        again = client.post(URL, {"reason": "stolen"})
        assert again.status_code == 200 and ReplacementRequest.objects.count() == 1
        clerk = client_as(Role.MOBILITY_CLERK)  # the same test client, now the clerk's
        queue = clerk.get("/badges/queue/").content.decode()
        assert 'data-testid="replacement-requests"' in queue and "17/03/2026" in queue


def test_badge_14_printing_the_new_badge_closes_the_request(citizen, make_user):
    holder = Holder(national_id=CITIZEN_ID)
    owner = citizen()
    services.replacement_request_receive(
        actor=owner, national_id=CITIZEN_ID, reason="damaged", today=date(2026, 3, 10)
    )
    services.badge_print(
        actor=make_user(Role.MOBILITY_CLERK),
        person=holder.person,
        reason="damaged",
        today=date(2026, 3, 12),
        reason_note="Damaged, asked online",
    )
    assert ReplacementRequest.objects.get().handled_on == date(2026, 3, 12)


def test_badge_14_a_replaced_vehicle_names_both_vehicles(citizen_client):
    Holder(national_id=CITIZEN_ID)
    response = citizen_client().post(URL, {"reason": "vehicle_replaced"})
    assert response.status_code == 200
    assert "Give the number of the vehicle replaced and of the new vehicle." in (
        response.content.decode().replace("&#x27;", "'")
    )
    assert not ReplacementRequest.objects.exists()


def test_badge_14_no_badge_no_replacement(citizen_client):
    response = citizen_client().post(URL, {"reason": "lost"})
    assert response.status_code == 200
    assert "You have no valid badge to replace" in response.content.decode()
    assert not ReplacementRequest.objects.exists() and not Receipt.objects.exists()


def test_issue_15_new_badge_refuses_a_wrong_file_and_the_low_level(citizen_client, client):
    Holder(national_id=CITIZEN_ID)
    response = citizen_client().post(
        URL, {"reason": "lost", "document": SimpleUploadedFile("a.pdf", b"<html>")}
    )
    assert response.status_code == 200 and not ReplacementRequest.objects.exists()
    client.logout()
    low = citizen_client(level="low", national_id="590819355")
    assert low.get(URL).status_code == 403
