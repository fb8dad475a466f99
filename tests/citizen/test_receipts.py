"""Issue 15: a receipt for everything a citizen sends: its reference, what was received, what
happens next and by when, a PDF copy in Hebrew; only its owner opens it (anyone else: 404)."""

from datetime import date

import pytest
from django.db import transaction

from parking_badges.models import BadgeApplication
from taxportal.models import Receipt
from taxportal.roles import Role
from taxportal.services import receipt_issue, receipt_reference
from taxportal.texts import said

from .conftest import CITIZEN_ID, OTHER_ID

pytestmark = pytest.mark.django_db


def _receipt(owner, due_on=date(2026, 5, 31)) -> Receipt:
    from tests.parking_badges.factories import ApplicationFactory

    application = ApplicationFactory()
    return receipt_issue(
        owner=owner,
        identity_number=owner.national_id,
        event="badges.application_received",
        case=application,
        what=said("Application for a disabled-parking badge no. %(pk)s", pk=application.pk),
        next_step=said("The answer is due by %(date)s.", date=due_on),
        due_on=due_on,
    )


def test_issue_15_receipt_reference_is_year_and_number():
    assert receipt_reference(2026, 42) == "R-2026-000042"


def test_issue_15_the_owner_reads_the_receipt_and_its_pdf(citizen_client):
    client = citizen_client()
    receipt = _receipt(client.user)
    page = client.get(f"/receipts/{receipt.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert receipt.reference in text and "31/05/2026" in text
    pdf = client.get(f"/receipts/{receipt.pk}/pdf/")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert f"{receipt.reference}.pdf" in pdf["Content-Disposition"]


def test_issue_15_another_citizens_receipt_is_404(citizen_client, citizen):
    other = citizen(national_id=OTHER_ID)
    receipt = _receipt(other)
    client = citizen_client(national_id=CITIZEN_ID)
    assert client.get(f"/receipts/{receipt.pk}/").status_code == 404
    assert client.get(f"/receipts/{receipt.pk}/pdf/").status_code == 404
    assert client.get("/receipts/99999999/").status_code == 404


def test_issue_15_a_clerk_cannot_open_a_citizens_receipt(citizen, client_as):
    receipt = _receipt(citizen())
    clerk = client_as(Role.MOBILITY_CLERK)
    assert clerk.get(f"/receipts/{receipt.pk}/").status_code in (403, 404)


def test_issue_15_receipts_are_listed_in_the_personal_area(citizen_client, citizen):
    client = citizen_client()
    mine = _receipt(client.user)
    theirs = _receipt(citizen(national_id=OTHER_ID))
    page = client.get("/registration/personal-area/").content.decode()
    assert mine.reference in page
    assert theirs.reference not in page


def test_issue_15_a_receipt_rolled_back_tells_nobody(citizen, django_capture_on_commit_callbacks):
    owner = citizen()
    with django_capture_on_commit_callbacks() as callbacks:
        try:
            with transaction.atomic():
                _receipt(owner)
                raise RuntimeError("the request failed after the receipt")
        except RuntimeError:
            pass
    assert callbacks == []
    assert not Receipt.objects.exists() and not BadgeApplication.objects.exists()
