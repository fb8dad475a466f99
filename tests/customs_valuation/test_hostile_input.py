"""Issue 11, customs: dates and amounts in sane ranges with clear messages, and uploaded
documents checked by their content, size-limited and served back only as attachments."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from PIL import Image
from rest_framework.test import APIClient

from customs_valuation import services
from customs_valuation.models import CaseStatus, ValuationCase
from taxportal.roles import Role
from taxportal.uploads import check_upload

from .factories import vehicle_case

pytestmark = pytest.mark.django_db
QUOTE = "/api/customs/vehicle-quotes/"
BODY = {
    "price_list_price": "150000.00",
    "optional_extras": "0.00",
    "first_road_date": "2021-03-10",
    "manufacture_year": 2020,
    "valuation_date": "2024-06-15",
    "import_costs": "20000.00",
    "invoice_value": "60000.00",
}
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def officer_api(make_user, reference_data):
    api = APIClient()
    api.force_authenticate(make_user(Role.CUSTOMS_OFFICER))
    return api


# --- Dates and amounts ---


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("first_road_date", "0001-01-01"),
        ("valuation_date", "0001-01-01"),
        ("valuation_date", "9999-12-31"),
        ("first_road_date", "9999-12-31"),
        ("manufacture_year", 1),
        ("manufacture_year", 9999),
        ("price_list_price", "1000000000000"),
        ("invoice_value", "100000000.01"),
        ("import_costs", "-0.01"),
    ],
)
def test_api_refuses_dates_and_amounts_out_of_range_with_a_message(officer_api, field, value):
    with translation.override("en"):
        response = officer_api.post(QUOTE, {**BODY, field: value}, format="json")
    assert response.status_code == 400
    errors = {e["field"]: e["detail"] for e in response.json()["errors"]}  # RFC 9457 problem
    assert errors.get(field)


def test_api_dates_at_the_edges_of_the_range_are_accepted(officer_api):
    body = {**BODY, "first_road_date": "1990-01-01", "manufacture_year": 1989}
    assert officer_api.post(QUOTE, body, format="json").status_code == 200


def test_case_open_form_refuses_year_9999(client, people):
    client.force_login(people.officer)
    response = client.post(
        reverse("customs_valuation:case_open"),
        {
            "importer_national_id": people.importer.national_id,
            "kind": "vehicle",
            "valuation_date": "9999-12-31",
        },
    )
    # The error summary links to the date's first box (day, month, year boxes).
    assert (
        response.status_code == 200 and 'href="#id_valuation_date_0"' in response.content.decode()
    )
    assert not ValuationCase.objects.exists()


def test_case_data_refuses_year_one_and_amounts_beyond_the_range(people):
    case = vehicle_case(officer=people.officer, importer=people.importer)
    for changes in (
        {"invoice_date": date(1, 1, 1)},
        {"first_road_date": date(9999, 12, 31)},
        {"invoice_value": Decimal("999999999999.99")},
    ):
        with pytest.raises(ValidationError) as refused:
            services.case_update(actor=people.officer, case=case, changes=changes, reason="x")
        assert set(refused.value.message_dict) == set(changes)
    case.refresh_from_db()
    assert case.invoice_date is None


def test_release_form_refuses_a_lodging_date_of_year_one(client, people):
    case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
    services.case_notice_of_intent(actor=people.officer, case=case, reasons="Cheap.")
    client.force_login(people.officer)
    url = reverse("customs_valuation:case_action", args=[case.pk, "release"])
    response = client.post(
        url, {"form": "bank_guarantee", "reference": "G", "lodged_on": "0001-01-01"}
    )
    assert response.status_code == 200 and not case.releases.exists()


# --- Uploads ---


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.pdf", b"just some text, renamed"),
        ("setup.pdf", b"MZ\x90\x00\x03" + b"\x00" * 60),
        ("photo.png", b"MZ\x90\x00\x03" + b"\x00" * 60),
        ("half.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\n"),  # cut short: no end-of-file marker
        ("fake.jpg", b"\xff\xd8\xff\xe0 not really a jpeg"),
        ("empty.pdf", b""),
    ],
)
def test_uploads_are_checked_by_content(name, content):
    with pytest.raises(ValidationError):
        check_upload(upload(name, content))


def test_real_pdf_and_png_pass_with_their_checked_type():
    assert check_upload(upload("letter.pdf", PDF)) == "application/pdf"
    assert check_upload(upload("scan.pdf", png(), "application/pdf")) == "image/png"


@override_settings(UPLOAD_MAX_BYTES=40)
def test_uploads_above_the_limit_are_refused():
    # 40 bytes allowed; the PDF is longer: the message names the limit as a size.
    with translation.override("en"), pytest.raises(ValidationError, match="smaller than 40"):
        check_upload(upload("letter.pdf", PDF))


def test_importer_upload_of_a_renamed_text_file_is_refused_and_nothing_stored(client, people):
    case = vehicle_case(officer=people.officer, importer=people.importer)
    client.force_login(people.importer)
    response = client.post(
        reverse("customs_valuation:my_case_upload", args=[case.pk]),
        {"kind": "invoice", "file": upload("invoice.pdf", b"hello")},
    )
    assert response.status_code == 200 and 'href="#id_file"' in response.content.decode()
    assert not case.documents.exists()


def test_answer_with_a_fake_attachment_changes_nothing(client, people):
    case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
    services.case_notice_of_intent(actor=people.officer, case=case, reasons="Cheap.")
    client.force_login(people.importer)
    response = client.post(
        reverse("customs_valuation:my_case_answer", args=[case.pk]),
        {"text": "See the receipt.", "file": upload("receipt.pdf", b"MZ")},
    )
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.status == CaseStatus.NOTICE_OF_INTENT and not case.answers.exists()


def test_documents_are_served_only_as_attachments_of_their_checked_type(client, people):
    case = vehicle_case(officer=people.officer, importer=people.importer)
    document = services.document_add(
        actor=people.importer, case=case, kind="invoice", file=upload("inv.pdf", png())
    )
    assert document.content_type == "image/png"
    client.force_login(people.officer)
    response = client.get(reverse("customs_valuation:document", args=[case.pk, document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".png" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    client.force_login(people.importer)
    mine = reverse("customs_valuation:my_document", args=[case.pk, document.pk])
    assert client.get(mine).status_code == 200


def test_documents_of_another_case_or_importer_answer_404(client, people, client_as):
    case = vehicle_case(officer=people.officer, importer=people.importer)
    other = vehicle_case(officer=people.officer, importer=people.other_importer)
    document = services.document_add(
        actor=people.importer, case=case, kind="invoice", file=upload("inv.pdf", PDF)
    )
    client.force_login(people.other_importer)
    assert (
        client.get(reverse("customs_valuation:my_document", args=[case.pk, document.pk]))
    ).status_code == 404
    assert (
        client.get(reverse("customs_valuation:my_document", args=[other.pk, document.pk]))
    ).status_code == 404
    clerk = client_as(Role.LICENSING_CLERK)
    assert (
        clerk.get(reverse("customs_valuation:document", args=[case.pk, document.pk]))
    ).status_code == 403
