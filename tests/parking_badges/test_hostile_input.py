"""Issue 11, the badge parts: uploaded documents are checked by their content and served back
only as attachments of the checked type; an amount that does not fit its column (or passes the
configurable ceiling) is refused with a clear message, before anything is stored."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from parking_badges import services
from parking_badges.models import (
    BadgeApplication,
    DisabledPerson,
    EvidenceKind,
    FeeScheduleEntry,
    GroundEvidence,
    LicencePeriod,
    MedicalDocument,
    OwnerKind,
    VehicleGround,
)
from taxportal.models import AuditEvent
from taxportal.roles import Role

from .factories import (
    PDF_BYTES,
    ApplicationFactory,
    DisabledPersonFactory,
    VehicleFactory,
    pdf,
)
from .test_applications import application_form, details

pytestmark = pytest.mark.django_db

TEXT_AS_PDF = SimpleUploadedFile("report.pdf", b"Just some text, not a PDF.\n", "application/pdf")
EXE_AS_PDF = SimpleUploadedFile("report.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, "application/pdf")


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, format="PNG")
    return out.getvalue()


def _media_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize("upload", [TEXT_AS_PDF, EXE_AS_PDF], ids=["text", "exe"])
def test_a_file_renamed_pdf_is_refused_as_a_medical_document(client_as, settings, upload):
    upload.seek(0)
    client = client_as(Role.MOBILITY_CLERK)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("parking_badges:application_new"), application_form([upload]))
    assert response.status_code == 200  # the form again, saying why
    page = response.content.decode()
    assert "report.pdf” must be a PDF" in page  # judged by its content, not its name
    assert not BadgeApplication.objects.exists()
    assert not DisabledPerson.objects.exists()
    assert _media_files(settings) == []


def test_the_service_refuses_a_renamed_file_before_anything_is_stored(clerk, settings):
    EXE_AS_PDF.seek(0)
    with pytest.raises(ValidationError) as refusal:
        services.application_receive(
            actor=clerk,
            details=details(),
            source="department_doctor",
            ground="legs",
            material_received_on=date(2026, 5, 1),
            documents=[pdf("good.pdf"), EXE_AS_PDF],
        )
    assert any("report.pdf" in message for message in refusal.value.messages)
    assert not BadgeApplication.objects.exists()
    assert not DisabledPerson.objects.exists()
    assert not MedicalDocument.objects.exists()
    assert not AuditEvent.objects.exists()
    assert _media_files(settings) == []


def test_more_documents_refused_by_content_and_nothing_attached(client_as, settings):
    application = ApplicationFactory()
    TEXT_AS_PDF.seek(0)
    client = client_as(Role.MOBILITY_CLERK)
    url = reverse("parking_badges:application_add_documents", args=[application.pk])
    response = client.post(url, {"documents": [pdf("ok.pdf"), TEXT_AS_PDF], "note": "x"})
    assert response.status_code == 302
    assert application.documents.count() == 0
    assert _media_files(settings) == []


def test_a_medical_document_is_served_only_as_an_attachment_of_its_checked_type(clerk, client):
    png_named_pdf = SimpleUploadedFile("scan.pdf", _png(), "application/pdf")
    application = services.application_receive(
        actor=clerk,
        details=details(),
        source="department_doctor",
        ground="legs",
        material_received_on=date(2026, 5, 1),
        documents=[pdf("letter.pdf"), png_named_pdf],
    )
    letter, scan = application.documents.order_by("id")
    assert (letter.content_type, scan.content_type) == ("application/pdf", "image/png")
    client.force_login(clerk)
    response = client.get(reverse("parking_badges:document", args=[letter.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES
    # An image named .pdf goes out as the PNG it is, under a .png name.
    response = client.get(reverse("parking_badges:document", args=[scan.pk]))
    assert response["Content-Type"] == "image/png"
    assert 'filename="scan.png"' in response["Content-Disposition"]


def test_a_document_stored_before_the_check_goes_out_as_bytes(clerk, client):
    application = ApplicationFactory()
    old = MedicalDocument.objects.create(
        application=application, file=pdf("old.pdf"), original_name="old.pdf"
    )
    client.force_login(clerk)
    response = client.get(reverse("parking_badges:document", args=[old.pk]))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_missing_document_or_file_answers_404(clerk, client):
    client.force_login(clerk)
    assert client.get(reverse("parking_badges:document", args=[999999])).status_code == 404
    application = ApplicationFactory()
    gone = MedicalDocument.objects.create(
        application=application, file="parking_badges/medical/gone.pdf", original_name="gone.pdf"
    )
    assert client.get(reverse("parking_badges:document", args=[gone.pk])).status_code == 404


def test_a_ground_document_is_checked_by_content_too(clerk, client):
    person = DisabledPersonFactory()
    employer = "513456781"
    vehicle = VehicleFactory(owner=(employer, OwnerKind.COMPANY))
    TEXT_AS_PDF.seek(0)
    item = services.EvidenceItem(kind=EvidenceKind.EMPLOYER_LETTER, document=TEXT_AS_PDF)
    arguments = {
        "actor": clerk,
        "person": person,
        "vehicle": vehicle,
        "ground": VehicleGround.EMPLOYER,
        "on": date(2026, 5, 1),
        "owner_national_id": employer,
    }
    with pytest.raises(ValidationError, match="must be a PDF"):  # its content is text
        services.badge_vehicle_add(**arguments, evidence=[item])
    assert not person.badge_vehicles.exists()
    good = services.EvidenceItem(kind=EvidenceKind.EMPLOYER_LETTER, document=pdf("letter.pdf"))
    entry = services.badge_vehicle_add(**arguments, evidence=[good])
    evidence = GroundEvidence.objects.get(badge_vehicle=entry)
    assert evidence.content_type == "application/pdf"
    client.force_login(clerk)
    response = client.get(reverse("parking_badges:evidence", args=[evidence.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")


# --- Amounts: the column's digits and the configurable ceiling ---------------------------------

HUGE = "99999999999999999999"  # 20 digits: the column holds 14 (12 before the point)


def _period(vehicle, amount, regular=None):
    return services.licence_period_record(
        vehicle=vehicle,
        valid_from=date(2026, 1, 1),
        valid_until=date(2026, 12, 31),
        amount_paid=amount,
        regular_annual_fee=regular,
        actor=None,
    )


@pytest.mark.parametrize(
    "amount", [HUGE, Decimal(HUGE), "100000.01", "-1.00", "12.345", "NaN", "Infinity", "abc"]
)
def test_a_payment_that_does_not_fit_is_refused_with_a_message_and_not_stored(amount):
    vehicle = VehicleFactory()
    with pytest.raises(ValidationError) as refusal:
        _period(vehicle, amount)
    assert all(message.startswith("Amount paid: ") for message in refusal.value.messages)
    assert not LicencePeriod.objects.exists()
    assert not AuditEvent.objects.exists()


def test_the_ceiling_itself_is_accepted_and_it_is_configurable(settings):
    vehicle = VehicleFactory()
    # The default ceiling is 100,000.00 NIS: exactly that is accepted, one agora more is not.
    assert _period(vehicle, Decimal("100000.00")).amount_paid == Decimal("100000.00")
    LicencePeriod.objects.all().delete()
    settings.BADGE_AMOUNT_CEILING = "500.00"
    with pytest.raises(ValidationError, match="above 500.00 NIS"):
        _period(vehicle, Decimal("500.01"))
    with pytest.raises(ValidationError, match="Regular annual fee"):
        _period(vehicle, Decimal("23.00"), regular=Decimal("500.01"))
    assert _period(vehicle, Decimal("500.00")).amount_paid == Decimal("500.00")
    # A ceiling set above what the column holds is capped at 999,999,999,999.99.
    settings.BADGE_AMOUNT_CEILING = HUGE
    assert services.amount_ceiling() == Decimal("999999999999.99")


def test_the_fee_page_refuses_a_huge_payment_with_a_clear_message(client_as, settings):
    vehicle = VehicleFactory()
    client = client_as(Role.MOBILITY_CLERK)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("parking_badges:fee_period_add", args=[vehicle.number])
    response = client.post(
        url,
        {"valid_from": "2026-01-01", "valid_until": "2026-12-31", "amount_paid": HUGE},
        follow=True,
    )
    assert response.status_code == 200
    assert "above 100,000.00 NIS" in response.content.decode()
    assert not LicencePeriod.objects.exists()


def test_the_importer_print_refuses_a_huge_amount():
    from .test_importer import open_file, release

    importer_file = release(open_file())
    with pytest.raises(ValidationError, match="Amount printed on the licence"):
        services.importer_licence_printed(
            importer_file=importer_file, printed_amount=Decimal(HUGE), actor=None
        )
    importer_file.refresh_from_db()
    assert importer_file.printed_licence_amount is None


def test_the_admin_refuses_a_huge_schedule_amount_and_lists_payments_without_error(
    admin_client, settings
):
    settings.LANGUAGE_CODE = "en"
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = admin_client.post(
        reverse("admin:parking_badges_feescheduleentry_add"),
        {"context": "regular_annual", "amount": HUGE, "effective_from": "2027-01-01"},
    )
    assert response.status_code == 200  # the form again, with the message
    assert "above 100,000.00 NIS" in response.content.decode()
    assert not FeeScheduleEntry.objects.filter(effective_from=date(2027, 1, 1)).exists()
    # The payments list with the largest amount a clerk may store.
    _period(VehicleFactory(), services.amount_ceiling())
    listing = admin_client.get(reverse("admin:parking_badges_licenceperiod_changelist"))
    assert listing.status_code == 200
    assert "100000.00" in listing.content.decode() or "100,000.00" in listing.content.decode()
