"""Fields and widgets the badge forms share."""

import re
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taxportal.fields import NationalIdField

from ..models import (
    DisabledPerson,
)

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

ALLOWED_SUFFIXES = (".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff")

VEHICLE_NUMBER = re.compile(r"^\d{5,8}$")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def today():
    return timezone.localdate()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several medical documents in one input; each is checked for type and size."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [self._check(super(MultipleFileField, self).clean(f, initial)) for f in files]

    @staticmethod
    def _check(upload):
        name = upload.name.lower()
        if not name.endswith(ALLOWED_SUFFIXES):
            raise forms.ValidationError(
                _("%(name)s: only PDF or scanned images (JPG, PNG, TIFF) are accepted.")
                % {"name": upload.name}
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("%(name)s is larger than 10 MB.") % {"name": upload.name})
        return upload


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


MONEY = {"max_digits": 10, "decimal_places": 2, "min_value": Decimal("0")}


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
