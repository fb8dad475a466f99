"""What the apps share from taxportal (issue 17): one money field and filter, one mobile-phone
field for numbers that receive SMS, one PDF renderer and one row lock."""

import threading
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.template import Context, Template
from django.test import RequestFactory

from taxportal import fields, model_fields
from taxportal.locks import locked
from taxportal.models import User
from taxportal.pdf import pdf_response
from taxportal.validators import normalize_israeli_mobile


def test_issue_17_money_columns_hold_agorot_up_to_a_trillion():
    field = model_fields.MoneyField("amount")
    assert (field.max_digits, field.decimal_places) == (14, 2)
    form_field = field.formfield()
    assert isinstance(form_field, fields.MoneyField)
    assert form_field.clean("999999999999.99") == Decimal("999999999999.99")  # 12 + 2 digits
    for wrong in ("-0.01", "1.001", "1000000000000.00", "abc"):
        with pytest.raises(forms.ValidationError):
            form_field.clean(wrong)


@pytest.mark.parametrize(
    "value, shown",
    [(Decimal("1234.5"), "1,234.50"), (Decimal("0"), "0.00"), ("21", "21.00"), (None, "")],
)
def test_issue_17_shekels_filter(value, shown):
    template = Template("{% load money %}{{ amount|shekels }}")
    assert template.render(Context({"amount": value})) == shown


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("050-234-5678", "+972502345678"),
        ("0502345678", "+972502345678"),
        ("+972 52 345 6789", "+972523456789"),
    ],
)
def test_issue_17_mobile_numbers_stored_in_international_form(typed, stored):
    assert fields.MobilePhoneField().clean(typed) == stored
    assert normalize_israeli_mobile(typed) == stored


@pytest.mark.parametrize("typed", ["03-123-4567", "12345", "+44 7700 900123", "050-234-567x"])
def test_issue_17_landlines_foreign_and_malformed_numbers_refused(typed):
    # 03 is a Tel Aviv landline: it cannot receive SMS.
    with pytest.raises(forms.ValidationError):
        fields.MobilePhoneField().clean(typed)
    with pytest.raises(ValidationError):
        model_fields.MobilePhoneField().run_validators(typed)


def test_issue_17_mobile_phone_is_optional_when_the_form_says_so():
    assert fields.MobilePhoneField(required=False).clean("  ") == ""


def test_issue_17_pdf_renderer_prints_the_template():
    request = RequestFactory().get("/")
    response = pdf_response("500.html", {}, "fault.pdf", request)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="fault.pdf"'
    assert response.content.startswith(b"%PDF-")
    inline = pdf_response("500.html", {}, "fault.pdf", request, inline=True)
    assert inline["Content-Disposition"] == 'inline; filename="fault.pdf"'


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (SQLite locks all)"
)
@pytest.mark.django_db(transaction=True)
def test_issue_17_the_row_lock_makes_the_second_writer_wait():
    """Two transactions lock the same user row: the second reads it only after the first
    committed, so it sees the first one's change."""
    user = User.objects.create(username="locked-row", first_name="Before")
    first_has_lock = threading.Event()
    seen = []

    def second():
        try:
            first_has_lock.wait(timeout=10)
            with transaction.atomic():
                seen.append(locked(user).first_name)
        finally:
            connection.close()

    thread = threading.Thread(target=second)
    thread.start()
    with transaction.atomic():
        row = locked(user)
        first_has_lock.set()
        thread.join(timeout=0.5)  # the second is blocked on the lock meanwhile
        assert thread.is_alive()
        row.first_name = "After"
        row.save(update_fields=["first_name"])
    thread.join(timeout=10)
    assert seen == ["After"]
