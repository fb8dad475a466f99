"""BADGE-37 to BADGE-41, issue 15: a holder asks online for a refund of the full fee paid while
eligible, for a vehicle on the badge, with the licence receipts; it is the clerk's refund request
(the approval's body and date, the ownership date), due three months after the request, with a
receipt giving that date; the clerk sees the documents. Another holder's vehicle is refused."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from parking_badges.models import RefundDocument, RefundRequest
from taxportal.models import Receipt
from taxportal.roles import Role
from tests.parking_badges.factories import Holder

from .conftest import CITIZEN_ID, OTHER_ID, pdf, png

pytestmark = pytest.mark.django_db

URL = "/badges/my/refund/"
# Asked on 10 March 2026: three months later (BADGE-41) is 10 June 2026.
ASKED_AT = datetime(2026, 3, 10, 9, 0, tzinfo=ZoneInfo("Asia/Jerusalem"))
DUE = date(2026, 6, 10)


def test_badge_41_a_refund_asked_online_is_due_three_months_later(citizen_client, client_as):
    holder = Holder(national_id=CITIZEN_ID)
    client = citizen_client()
    with time_machine.travel(ASKED_AT, tick=False):
        response = client.post(
            URL,
            {
                "vehicle_number": holder.vehicle.number,
                "owner_relation": "self",
                "documents": [pdf("licence-2024.pdf"), png("licence-2025.png")],
            },
        )
    refund = RefundRequest.objects.get()
    assert (refund.person, refund.vehicle, refund.kind) == (holder.person, holder.vehicle, "owner")
    assert refund.requested_on == date(2026, 3, 10) and refund.due_on == DUE
    # BADGE-38, BADGE-39: on the holder's approval (the factories': the department doctor,
    # approved on 1 January 2024); BADGE-40: owned since 1 January 2022.
    assert refund.approving_body == "department_doctor"
    assert refund.approval_date == date(2024, 1, 1)
    assert refund.ownership_date == date(2022, 1, 1)
    assert refund.recorded_by == client.user
    names = sorted(RefundDocument.objects.values_list("original_name", flat=True))
    assert names == ["licence-2024.pdf", "licence-2025.png"]
    receipt = Receipt.objects.get()
    assert response["Location"] == f"/receipts/{receipt.pk}/"
    assert receipt.event == "badges.refund_requested" and receipt.due_on == DUE
    clerk = client_as(Role.LICENSING_CLERK)
    page = clerk.get(f"/badges/fees/refunds/{refund.pk}/").content.decode()
    assert 'data-testid="refund-documents"' in page and "licence-2024.pdf" in page


def test_badge_37_another_holders_vehicle_is_refused(citizen_client):
    Holder(national_id=CITIZEN_ID)
    other = Holder(national_id=OTHER_ID)
    response = citizen_client().post(
        URL,
        {"vehicle_number": other.vehicle.number, "owner_relation": "self", "documents": [pdf()]},
    )
    assert response.status_code == 200
    assert not RefundRequest.objects.exists() and not Receipt.objects.exists()


def test_badge_37_receipts_are_checked_by_content(citizen_client):
    holder = Holder(national_id=CITIZEN_ID)
    response = citizen_client().post(
        URL,
        {
            "vehicle_number": holder.vehicle.number,
            "owner_relation": "self",
            "documents": [SimpleUploadedFile("licence.pdf", b"not a pdf at all")],
        },
    )
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    assert not RefundRequest.objects.exists()


def test_badge_37_low_level_cannot_ask_for_a_refund_online(citizen_client):
    Holder(national_id=CITIZEN_ID)
    assert citizen_client(level="low").get(URL).status_code == 403
