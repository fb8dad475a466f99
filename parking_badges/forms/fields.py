"""Fields and widgets the badge forms share (the several-documents field moved to
taxportal.fields.MultipleFileField, shared with customs)."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taxportal.fields import MoneyField, NationalIdField

from ..models import (
    DisabledPerson,
)

VEHICLE_NUMBER = re.compile(r"^\d{5,8}$")


def today():
    return timezone.localdate()


class FeeAmountField(MoneyField):
    """An amount a clerk types for a fee or a payment: refused with a clear message when it
    does not fit its column or passes the configured ceiling (issue 11)."""

    def validate(self, value):
        super().validate(value)
        if value in self.empty_values:
            return
        from .. import rules
        from ..services import amount_ceiling

        problem = rules.amount_problem(value, ceiling=amount_ceiling())
        if problem:
            raise forms.ValidationError(problem, code="amount")


def normalize_vehicle_number(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "")


class VehicleNumberField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Vehicle number"))
        kwargs.setdefault("max_length", 12)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "numeric", "dir": "ltr", "autocomplete": "off"})
        return attrs

    def clean(self, value):
        number = normalize_vehicle_number(super().clean(value))
        if number and not VEHICLE_NUMBER.match(number):
            raise forms.ValidationError(_("A vehicle number has 5 to 8 digits."))
        return number


def _person(national_id: str) -> DisabledPerson:
    person = DisabledPerson.objects.filter(national_id=national_id).first()
    if person is None:
        raise forms.ValidationError(
            _("No badge holder with this identity number in the disabled-persons file.")
        )
    return person


class HolderField(NationalIdField):
    """An identity number that must belong to a holder in the disabled-persons file."""

    def clean(self, value):
        return _person(super().clean(value))
