"""parking_badges uses taxportal's shared pieces (issue 17): every amount is a money field and
is written with the shekels filter; every number that receives SMS is a validated Israeli
mobile number, stored in international form."""

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from parking_badges.forms import ApplicationForm, TransferForm
from parking_badges.models import DisabledPerson, OwnershipTransfer
from taxportal import model_fields
from taxportal.roles import Role

from .factories import Holder


def test_issue_17_every_amount_column_is_a_money_field():
    decimals = [
        f"{model.__name__}.{field.name}"
        for model in apps.get_app_config("parking_badges").get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.DecimalField) and not isinstance(field, model_fields.MoneyField)
    ]
    assert decimals == []


@pytest.mark.parametrize(
    "model, name", [(DisabledPerson, "phone"), (OwnershipTransfer, "buyer_phone")]
)
def test_badge_35_numbers_that_receive_sms_are_mobile_phone_fields(model, name):
    assert isinstance(model._meta.get_field(name), model_fields.MobilePhoneField)


@pytest.mark.parametrize(
    "form_class, name", [(ApplicationForm, "phone"), (TransferForm, "buyer_phone")]
)
@pytest.mark.parametrize(
    "typed, error",
    [("050-234-5678", False), ("03-123-4567", True), ("050-234-56", True), ("", False)],
)
def test_badge_35_sms_numbers_checked_on_the_forms(form_class, name, typed, error):
    form = form_class(data={name: typed})
    form.is_valid()
    assert (name in form.errors) is error
    if not error:
        assert form.cleaned_data[name] == ("+972502345678" if typed else "")


@pytest.mark.django_db
def test_issue_17_amounts_written_with_thousands_and_two_decimals(client_as):
    holder = Holder()  # licence years paid at the full fee of 1095.00
    client = client_as(Role.LICENSING_CLERK)
    html = client.get(reverse("parking_badges:fee_vehicle", args=[holder.vehicle.number]))
    assert "1,095.00" in html.content.decode()
