"""BADGE-10, issue 15: the citizen sends the documents the department doctor asked for, online,
until the date set; the documents join the case in the clerk's queue and the citizen gets a
receipt. Another citizen's application is 404; after the date, the page says whom to call."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from parking_badges.choices import DecisionOutcome
from parking_badges.models import BadgeApplication, MedicalDocument
from parking_badges.personal_area import badge_section
from parking_badges.services import (
    PersonDetails,
    application_decide,
    application_receive,
    application_send_to_doctor,
)
from taxportal.models import Receipt
from taxportal.roles import Role

from .conftest import CITIZEN_ID, OTHER_ID, pdf, png

pytestmark = pytest.mark.django_db

ISRAEL = ZoneInfo("Asia/Jerusalem")
# Received 1 June 2026; the doctor asks on 3 June for more information until 3 July 2026.
RECEIVED = date(2026, 6, 1)
ASKED_UNTIL = date(2026, 7, 3)


def _waiting_for_information(make_user, national_id=CITIZEN_ID) -> BadgeApplication:
    clerk = make_user(Role.MOBILITY_CLERK)
    application = application_receive(
        actor=clerk,
        details=PersonDetails(national_id=national_id, first_name="Dana", last_name="Levi"),
        source="department_doctor",
        ground="legs",
        material_received_on=RECEIVED,
        documents=[pdf()],
    )
    application_send_to_doctor(actor=clerk, application=application, on=date(2026, 6, 2))
    application_decide(
        actor=make_user(Role.DEPARTMENT_DOCTOR),
        application=application,
        outcome=DecisionOutcome.INFO_REQUESTED,
        decided_on=date(2026, 6, 3),
        reasons="An orthopaedic report",
        info_requested_until=ASKED_UNTIL,
    )
    return application


def test_badge_10_documents_sent_on_the_last_day_join_the_case_with_a_receipt(
    citizen_client, make_user
):
    application = _waiting_for_information(make_user)
    client = citizen_client()
    url = f"/badges/my/applications/{application.pk}/documents/"
    # The last day asked for, 3 July 2026, is still in time.
    with time_machine.travel(datetime(2026, 7, 3, 18, 0, tzinfo=ISRAEL), tick=False):
        section = badge_section(client.user, "high")
        assert section.context["documents_due"] == [(application.pk, ASKED_UNTIL)]
        assert section.context["can_apply"] is False, "an application is open"
        response = client.post(url, {"documents": [pdf("ortho.pdf"), png("xray.png")]})
    receipt = Receipt.objects.get()
    assert response["Location"] == f"/receipts/{receipt.pk}/"
    assert receipt.event == "badges.documents_received"
    assert receipt.case == application and receipt.due_on == ASKED_UNTIL
    names = set(
        MedicalDocument.objects.filter(application=application).values_list(
            "original_name", flat=True
        )
    )
    assert {"ortho.pdf", "xray.png"} <= names
    application.refresh_from_db()
    assert application.status == "info_requested", "the clerk sends it back to the doctor"


def test_badge_10_after_the_date_the_citizen_is_told_to_call(citizen_client, make_user):
    application = _waiting_for_information(make_user)
    client = citizen_client()
    # 4 July 2026 is the day after the date asked for.
    with time_machine.travel(datetime(2026, 7, 4, 9, 0, tzinfo=ISRAEL), tick=False):
        response = client.post(
            f"/badges/my/applications/{application.pk}/documents/", {"documents": [pdf()]}
        )
    assert response.status_code == 409
    assert "03/07/2026" in response.content.decode()
    assert not Receipt.objects.exists()


def test_badge_10_another_citizens_application_is_404(citizen_client, make_user):
    theirs = _waiting_for_information(make_user, national_id=OTHER_ID)
    client = citizen_client()
    with time_machine.travel(datetime(2026, 6, 10, 9, 0, tzinfo=ISRAEL), tick=False):
        url = f"/badges/my/applications/{theirs.pk}/documents/"
        assert client.get(url).status_code == 404
        assert client.post(url, {"documents": [pdf()]}).status_code == 404
        assert client.get("/badges/my/applications/99999999/documents/").status_code == 404


def test_badge_10_a_wrong_file_is_refused_and_nothing_kept(citizen_client, make_user):
    application = _waiting_for_information(make_user)
    client = citizen_client()
    before = MedicalDocument.objects.count()
    with time_machine.travel(datetime(2026, 6, 10, 9, 0, tzinfo=ISRAEL), tick=False):
        response = client.post(
            f"/badges/my/applications/{application.pk}/documents/",
            {"documents": [SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf")]},
        )
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    assert MedicalDocument.objects.count() == before and not Receipt.objects.exists()


def test_badge_10_low_level_cannot_send_medical_documents(citizen_client, make_user):
    application = _waiting_for_information(make_user)
    client = citizen_client(level="low")
    response = client.get(f"/badges/my/applications/{application.pk}/documents/")
    assert response.status_code == 403
