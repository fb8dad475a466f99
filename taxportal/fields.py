"""Form fields shared by the apps."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .money import MONEY_DECIMALS, MONEY_DIGITS
from .uploads import SCANS, check_upload
from .validators import (
    normalize_company_number,
    normalize_israeli_mobile,
    normalize_national_id,
    validate_company_number,
    validate_national_id,
)


class NationalIdField(forms.CharField):
    """An Israeli identity number: up to 9 digits, padded, check digit verified (REG-4)."""

    default_validators = [validate_national_id]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 12)
        kwargs.setdefault("label", _("Identity number"))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "numeric", "autocomplete": "off", "dir": "ltr"})
        return attrs

    def to_python(self, value):
        value = super().to_python(value)
        return normalize_national_id(value) if value else value


class CompanyNumberField(forms.CharField):
    """An Israeli company number (ח.פ.), check digit verified."""

    default_validators = [validate_company_number]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 12)
        kwargs.setdefault("label", _("Company number"))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return normalize_company_number(value) if value else value


class MoneyField(forms.DecimalField):
    """An amount in shekels and agorot, never negative unless the form says otherwise."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", MONEY_DIGITS)
        kwargs.setdefault("decimal_places", MONEY_DECIMALS)
        kwargs.setdefault("min_value", Decimal("0"))
        super().__init__(**kwargs)


class MobilePhoneField(forms.CharField):
    """An Israeli mobile number that receives SMS, stored in international form (+9725...)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("label", _("Mobile phone"))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "tel", "autocomplete": "tel", "dir": "ltr"})
        return attrs

    def to_python(self, value):
        value = (super().to_python(value) or "").strip()
        return normalize_israeli_mobile(value) if value else value


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


MAX_FILES = 10


class MultipleFileField(forms.FileField):
    """Several documents in one input (badge medical documents, issue 11; a customs answer or
    appeal, issue 15); each is checked by its content (a PDF must be a PDF, a scan an image) and
    size, whatever its name says. Every refused file is named, and one refused file refuses the
    whole field; more than `max_files` files are refused with a message."""

    default_error_messages = {
        "too_many": _("Attach at most %(max)s documents; you selected %(count)s."),
    }

    def __init__(self, *, allowed=SCANS, max_files: int = MAX_FILES, **kwargs):
        self.allowed = allowed
        self.max_files = max_files
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = [f for f in data if f] if isinstance(data, list | tuple) else [data] if data else []
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(files) > self.max_files:
            raise forms.ValidationError(
                self.error_messages["too_many"],
                code="too_many",
                params={"max": self.max_files, "count": len(files)},
            )
        cleaned, errors = [], []
        for upload in files:
            try:
                cleaned.append(self._check(super().clean(upload, initial), self.allowed))
            except forms.ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise forms.ValidationError(errors)
        return cleaned

    @staticmethod
    def _check(upload, allowed=SCANS):
        check_upload(upload, allowed=allowed)
        return upload
