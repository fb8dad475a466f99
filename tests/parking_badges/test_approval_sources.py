"""BADGE-6: an approval from National Insurance, the Ministry of Defence, the Ministry of Finance
(100%) or the Ministry of Health keeps its real source, that body's own decision date and
reference, and its letter; the department doctor's approval is the doctor's decision."""

import importlib
from datetime import date

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from parking_badges import services
from parking_badges.models import BadgeApplication, EligibilityApproval, MedicalDocument
from taxportal.models import AuditEvent
from taxportal.roles import Role
from tests.factories import VALID_NATIONAL_IDS

from .factories import PDF_BYTES, ApplicationFactory, pdf
from .test_applications import details

pytestmark = pytest.mark.django_db

RECEIVED = date(2026, 5, 1)


def _receive(clerk, source, **evidence):
    return services.application_receive(
        actor=clerk,
        details=details(VALID_NATIONAL_IDS[2]),
        source=source,
        ground="wheelchair",
        material_received_on=RECEIVED,
        documents=[pdf("medical-report.pdf")],
        **evidence,
    )


@pytest.mark.parametrize(
    "source", ["national_insurance", "ministry_of_defence", "ministry_of_finance"]
)
def test_badge_6_the_approval_keeps_its_source_date_reference_and_letter(clerk, make_user, source):
    application = _receive(
        clerk,
        source,
        source_decided_on=date(2026, 3, 15),
        source_reference="NI-778",
        source_letter=pdf("letter.pdf"),
    )
    letter = application.source_document
    assert letter.original_name == "letter.pdf" and letter.content_type == "application/pdf"
    assert application.documents.count() == 2  # the medical report and the body's letter
    services.application_send_to_doctor(actor=clerk, application=application, on=date(2026, 5, 2))
    services.application_decide(
        actor=make_user(Role.DEPARTMENT_DOCTOR),
        application=application,
        outcome="approved",
        decided_on=date(2026, 5, 10),
        reasons="",
    )
    approval = EligibilityApproval.objects.get(application=application)
    assert (approval.source, approval.source_decided_on, approval.reference) == (
        source,
        date(2026, 3, 15),
        "NI-778",
    )
    assert approval.document == letter
    assert approval.approved_on == date(2026, 5, 10)  # the determining date: the doctor's
    assert approval.history.count() == 1
    received = AuditEvent.objects.get(action="badge application received")
    assert received.changes["source_decided_on"] == "2026-03-15"


def test_badge_6_the_department_doctors_approval_has_no_other_date_or_letter(clerk, make_user):
    application = _receive(clerk, "department_doctor")
    services.application_send_to_doctor(actor=clerk, application=application, on=date(2026, 5, 2))
    services.application_decide(
        actor=make_user(Role.DEPARTMENT_DOCTOR),
        application=application,
        outcome="approved",
        decided_on=date(2026, 5, 10),
        reasons="",
    )
    approval = EligibilityApproval.objects.get(application=application)
    assert approval.source == "department_doctor"
    assert approval.source_decided_on is None and approval.document is None


def test_badge_6_the_health_ministrys_approval_keeps_its_date_and_letter(clerk):
    application = _receive(
        clerk,
        "ministry_of_health",
        source_decided_on=date(2026, 4, 1),
        source_letter=pdf("moh.pdf"),
    )
    approval = services.application_record_health_ministry_approval(
        actor=clerk,
        application=application,
        approved_on=date(2026, 4, 1),
        valid_until=None,
        reference="MOH-9",
    )
    assert approval.source == "ministry_of_health"
    assert approval.source_decided_on == date(2026, 4, 1)
    assert approval.document == application.source_document


@pytest.mark.parametrize(
    ("source", "evidence", "expected"),
    [
        ("national_insurance", {"source_letter": "pdf"}, "Give the date of the National"),
        ("ministry_of_defence", {"source_decided_on": date(2026, 3, 1)}, "Attach the Ministry"),
        (
            "ministry_of_finance",
            {"source_decided_on": date(2026, 5, 2), "source_letter": "pdf"},  # after 1 May
            "cannot be dated after the material arrived",
        ),
        (
            "national_insurance",
            {"source_decided_on": date(1, 1, 1), "source_letter": "pdf"},
            "cannot be dated before 01/01/1950",
        ),
        (
            "department_doctor",
            {"source_decided_on": date(2026, 3, 1)},
            "Only an approval of another body",
        ),
        (
            "national_insurance",
            {"source_decided_on": date(2026, 3, 1), "source_letter": "exe"},
            "“letter.pdf” must be a",  # its content is a program, not a document
        ),
    ],
)
def test_badge_6_an_approval_without_its_date_or_letter_is_refused(
    clerk, settings, source, evidence, expected
):
    files = {
        "pdf": pdf("letter.pdf"),
        "exe": SimpleUploadedFile("letter.pdf", b"MZ\x90\x00", "application/pdf"),
    }
    if "source_letter" in evidence:
        evidence = {**evidence, "source_letter": files[evidence["source_letter"]]}
    with pytest.raises(ValidationError) as refusal:
        _receive(clerk, source, **evidence)
    assert any(expected in message for message in refusal.value.messages)
    assert not BadgeApplication.objects.exists() and not MedicalDocument.objects.exists()


def test_badge_6_an_appeal_keeps_the_bodys_date_and_letter(clerk, make_user):
    application = _receive(
        clerk,
        "national_insurance",
        source_decided_on=date(2026, 3, 15),
        source_letter=pdf("letter.pdf"),
    )
    services.application_send_to_doctor(actor=clerk, application=application, on=date(2026, 5, 2))
    services.application_decide(
        actor=make_user(Role.DEPARTMENT_DOCTOR),
        application=application,
        outcome="rejected",
        decided_on=date(2026, 5, 10),
        reasons="Not enough",
    )
    appeal = services.appeal_receive(
        actor=clerk,
        rejected=application,
        material_received_on=date(2026, 5, 20),
        documents=[pdf()],
        notes="New report",
    )
    assert (appeal.source, appeal.source_decided_on, appeal.source_document) == (
        "national_insurance",
        date(2026, 3, 15),
        application.source_document,
    )


def test_badge_6_the_form_the_application_page_and_the_holders_file_show_it(
    client_as, make_user, settings
):
    client = client_as(Role.MOBILITY_CLERK)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    form = {
        "national_id": VALID_NATIONAL_IDS[3],
        "first_name": "Ruth",
        "last_name": "Cohen",
        "born_on": "1960-01-01",
        "street": "Herzl 1",
        "city": "Holon",
        "ground": "legs",
        "source": "ministry_of_defence",
        "material_received_on": "2026-05-01",
        "submission_token": "7c1e6f0e-2d1a-4b8e-9a51-0d4f0a3c2b11",
        "documents": [pdf("report.pdf")],
    }
    # Without the body's date and letter: the form names both fields.
    refused = client.post(reverse("parking_badges:application_new"), form)
    page = refused.content.decode()
    assert "Give the date of the Ministry of Defence decision." in page
    assert "Attach the Ministry of Defence approval letter." in page
    assert not BadgeApplication.objects.exists()
    response = client.post(
        reverse("parking_badges:application_new"),
        {
            **form,
            "documents": [pdf("report.pdf")],
            "source_decided_on": "2026-02-03",
            "source_reference": "MOD-5",
            "source_letter": pdf("mod-letter.pdf"),
        },
    )
    assert response.status_code == 302
    application = BadgeApplication.objects.get()
    letter_url = reverse("parking_badges:document", args=[application.source_document.pk])
    page = client.get(response.url).content.decode()
    assert "decided on 03/02/2026" in page and "MOD-5" in page and letter_url in page
    download = client.get(letter_url)
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"".join(download.streaming_content) == PDF_BYTES
    services.application_send_to_doctor(actor=None, application=application, on=date(2026, 5, 2))
    services.application_decide(
        actor=make_user(Role.DEPARTMENT_DOCTOR),
        application=application,
        outcome="approved",
        decided_on=date(2026, 5, 10),
        reasons="",
    )
    holder = client.get(reverse("parking_badges:holder", args=[application.person_id]))
    text = holder.content.decode()
    assert "Ministry of Defence" in text and "03/02/2026" in text and letter_url in text


def test_badge_6_approvals_stored_as_the_doctor_get_their_real_source_back():
    migration = importlib.import_module(
        "parking_badges.migrations.0011_approvals_stored_as_the_doctor_get_their_real_source"
    )
    national_insurance = ApplicationFactory(source="national_insurance")
    doctor = ApplicationFactory(source="department_doctor")
    wrong = EligibilityApproval.objects.create(
        person=national_insurance.person, source="department_doctor",
        application=national_insurance, approved_on=date(2025, 1, 1), valid_from=date(2025, 1, 1),
    )  # fmt: skip
    right = EligibilityApproval.objects.create(
        person=doctor.person, source="department_doctor", application=doctor,
        approved_on=date(2025, 1, 1), valid_from=date(2025, 1, 1),
    )  # fmt: skip
    migration.real_source(apps, None)
    wrong.refresh_from_db()
    right.refresh_from_db()
    assert (wrong.source, right.source) == ("national_insurance", "department_doctor")
