"""Issue 15: a citizen applies for a badge online (BADGE-7, BADGE-8, BADGE-19 to BADGE-28).

The application goes through the clerk's intake service: it enters the mobility department's
queue as received on the day it was sent, the 90 days counted from then, with its documents
and the vehicles asked for; the clerk sees it came online; the citizen gets a receipt. Only a
citizen at the high identification level applies online; the low level is told why and what to
do; a clerk may not apply as a citizen. Uploads are checked by their content."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from parking_badges.models import ApplicationVehicle, BadgeApplication, MedicalDocument
from taxportal.events import citizen_event
from taxportal.models import Receipt
from taxportal.roles import Role

from .conftest import CITIZEN_ID, OTHER_ID, pdf, png

pytestmark = pytest.mark.django_db

APPLY = "/badges/my/apply/"
CHECK = "/badges/my/apply/check/"
# Sent on Monday 2 March 2026, 10:00 in Israel.
SENT_AT = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Asia/Jerusalem"))
# BADGE-8: 90 days from 2 March 2026: 29 days to 31 March, 30 in April (59), 31 in May (90):
# the answer is due on 31 May 2026.
DUE = date(2026, 5, 31)
FAMILY_OWNER = "302466339"


def _form(**changes) -> dict:
    data = {
        "first_name": "Dana",
        "last_name": "Levi",
        "born_on": "1971-05-05",
        "street": "Weizmann 5",
        "city": "Holon",
        "postal_code": "",
        "phone": "",
        "email": "",
        "ground": "legs",
        "source": "department_doctor",
        "documents": [pdf("report.pdf"), png("scan.png")],
        "vehicle1-number": "1234567",
        "vehicle1-ground": "family",
        "vehicle1-relation": "spouse",
        "vehicle1-owner_national_id": FAMILY_OWNER,
        "vehicle1-evidence_kind": "id_card_relation",
        "vehicle1-evidence": pdf("id-card.pdf"),
        "vehicle2-number": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _apply(client, **changes):
    """The form, then "check your answers", then send: the response of the sending."""
    response = client.post(APPLY, _form(**changes))
    assert response.status_code == 302 and response["Location"] == CHECK, response.content[:3000]
    summary = client.get(CHECK)
    assert summary.status_code == 200
    return client.post(CHECK)


def test_badge_7_8_online_application_enters_the_queue_received_with_90_days(
    citizen_client, client_as, django_capture_on_commit_callbacks
):
    client = citizen_client()
    with time_machine.travel(SENT_AT, tick=False):
        client.get(APPLY)
        client.post(APPLY, _form())
        summary = client.get(CHECK)
        assert "Dana Levi" in summary.content.decode()
        assert "report.pdf" in summary.content.decode()
        assert "1234567" in summary.content.decode()
        told = []

        def receiver(**kwargs):
            told.append(kwargs)

        citizen_event.connect(receiver)
        try:
            with django_capture_on_commit_callbacks(execute=True):
                sent = client.post(CHECK)
        finally:
            citizen_event.disconnect(receiver)
        page = client.get(sent["Location"]).content.decode()
    application = BadgeApplication.objects.get()
    assert application.status == "received"
    assert application.channel == "online"
    assert application.material_received_on == date(2026, 3, 2)
    assert application.received_by == client.user
    assert application.person.national_id == CITIZEN_ID
    names = sorted(MedicalDocument.objects.values_list("original_name", flat=True))
    assert names == ["id-card.pdf", "report.pdf", "scan.png"]
    (vehicle,) = ApplicationVehicle.objects.all()
    assert (vehicle.number, vehicle.ground, vehicle.relation) == ("1234567", "family", "spouse")
    assert vehicle.evidence.original_name == "id-card.pdf"
    receipt = Receipt.objects.get()
    assert sent.status_code == 302 and sent["Location"] == f"/receipts/{receipt.pk}/"
    assert receipt.due_on == DUE
    assert receipt.reference == f"R-2026-{receipt.pk:06d}"
    assert receipt.owner == client.user and receipt.case == application
    # The citizen is told once, with the reference and the rule's date (taxportal/events.py).
    assert [(t["event"], t["params"]["reference"], t["params"]["due_on"]) for t in told] == [
        ("badges.application_received", receipt.reference, "2026-05-31")
    ]
    assert receipt.reference in page and "31/05/2026" in page and "scan.png" in page
    # The clerk's queue and case page show it came online.
    clerk = client_as(Role.MOBILITY_CLERK)
    with time_machine.travel(SENT_AT, tick=False):
        queue = clerk.get("/badges/queue/").content.decode()
    assert 'data-testid="came-online"' in queue
    case = clerk.get(f"/badges/applications/{application.pk}/").content.decode()
    assert "Online, sent by the citizen" in case
    assert "1234567" in case


def test_badge_55_the_check_page_sent_twice_records_one_application(citizen_client):
    client = citizen_client()
    client.post(APPLY, _form())
    draft = dict(client.session["badge_application_draft"])
    first = client.post(CHECK)
    session = client.session
    session["badge_application_draft"] = draft  # the same answers sent again (back button)
    session.save()
    second = client.post(CHECK)
    assert BadgeApplication.objects.count() == 1
    assert Receipt.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_badge_20_a_family_vehicle_needs_its_proof_and_the_relation(citizen_client):
    client = citizen_client()
    response = client.post(APPLY, _form(**{"vehicle1-evidence": None, "vehicle1-relation": ""}))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Attach the document that proves the vehicle&#x27;s ground." in text
    assert "Say how the vehicle&#x27;s owner is related to you." in text
    assert "badge_application_draft" not in client.session


def test_badge_19_a_vehicle_registered_to_the_holder_needs_no_proof(citizen_client):
    client = citizen_client()
    response = _apply(
        client,
        **{
            "vehicle1-ground": "owner",
            "vehicle1-relation": "",
            "vehicle1-evidence_kind": "",
            "vehicle1-evidence": None,
        },
    )
    assert response.status_code == 302
    assert ApplicationVehicle.objects.get().evidence is None


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("empty.pdf", b""), "is empty"),
        (SimpleUploadedFile("letter.pdf", b"just words, not a PDF"), "must be a"),
        (SimpleUploadedFile("huge.pdf", b"%PDF-1.4\n" + b"0" * 2048 + b"\n%%EOF"), "smaller"),
    ],
    ids=["empty", "wrong-type", "huge"],
)
def test_issue_15_uploads_are_checked_by_content(citizen_client, settings, upload, message):
    settings.UPLOAD_MAX_BYTES = 1024
    client = citizen_client()
    response = client.post(APPLY, _form(documents=[upload]))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "badge_application_draft" not in client.session
    assert not BadgeApplication.objects.exists()


def test_issue_15_wrong_type_input_is_refused_with_a_message(citizen_client):
    client = citizen_client()
    response = client.post(
        APPLY, _form(ground="not-a-ground", born_on="yesterday", **{"vehicle1-number": "12ab"})
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not BadgeApplication.objects.exists()


def test_reg_24_low_level_is_told_why_and_what_to_do(citizen_client):
    client = citizen_client(level="low")
    for url in (APPLY, CHECK):
        response = client.get(url)
        assert response.status_code == 403
        assert "high identification level" in response.content.decode()
    assert client.post(APPLY, _form()).status_code == 403
    assert not BadgeApplication.objects.exists()


def test_issue_15_a_clerk_may_not_apply_as_a_citizen(client_as):
    clerk = client_as(Role.MOBILITY_CLERK, national_id=OTHER_ID)
    assert clerk.get(APPLY).status_code == 403
    assert clerk.post(APPLY, _form()).status_code == 403


def test_issue_15_check_page_without_answers_goes_back_to_the_form(citizen_client):
    assert citizen_client().get(CHECK)["Location"] == APPLY


def test_issue_15_existing_holder_file_is_prefilled_and_history_kept(citizen_client):
    from tests.parking_badges.factories import DisabledPersonFactory

    person = DisabledPersonFactory(national_id=CITIZEN_ID, city="Bat Yam")
    client = citizen_client()
    assert 'value="Bat Yam"' in client.get(APPLY).content.decode()
    _apply(client, city="Holon")
    person.refresh_from_db()
    assert person.city == "Holon"
    assert person.history.count() >= 2, "the file's history keeps the earlier address"


def test_issue_15_huge_text_is_refused_with_a_message(citizen_client):
    client = citizen_client()
    response = client.post(
        APPLY, _form(first_name="x" * 100_000, **{"vehicle1-owner_national_id": "9" * 5000})
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert "badge_application_draft" not in client.session
