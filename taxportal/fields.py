"""Form fields shared by the apps."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .money import MONEY_DECIMALS, MONEY_DIGITS
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
