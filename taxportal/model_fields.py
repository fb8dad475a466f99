"""Model fields shared by the apps: money and the mobile numbers that receive SMS."""

from django.db import models

from . import fields
from .money import MONEY_DECIMALS, MONEY_DIGITS
from .validators import validate_israeli_mobile


class MoneyField(models.DecimalField):
    """An amount in shekels and agorot: the one setting of every money column."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", MONEY_DIGITS)
        kwargs.setdefault("decimal_places", MONEY_DECIMALS)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": fields.MoneyField, **kwargs})


class MobilePhoneField(models.CharField):
    """An Israeli mobile number that receives SMS, in international form (+9725...)."""

    default_validators = [validate_israeli_mobile]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": fields.MobilePhoneField, **kwargs})
