"""Model fields shared by the apps: money, the mobile numbers that receive SMS, and the reasons
and notes that hold either typed text or a text the system said (taxportal.texts)."""

from django.db import models
from django.db.models.expressions import Combinable

from . import fields
from .money import MONEY_DECIMALS, MONEY_DIGITS
from .texts import Said, typed
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


class _SaidMixin:
    """Typed text is stored as typed; a `Said` as its code and parameters, shown translated."""

    def from_db_value(self, value, expression, connection):
        return Said.from_db(value)

    def to_python(self, value):
        if isinstance(value, Said):
            return value
        return super().to_python(value)  # type: ignore[misc]

    def get_prep_value(self, value):
        if isinstance(value, Said):
            return value.to_db()
        return super().get_prep_value(typed(value))  # type: ignore[misc]


class SaidTextField(_SaidMixin, models.TextField):
    """A reason or note: what a person typed, or a text the system said (`taxportal.texts`)."""

    _pyi_private_set_type: str | Said | Combinable  # type: ignore[assignment]
    _pyi_private_get_type: str | Said  # type: ignore[assignment]


class SaidCharField(_SaidMixin, models.CharField):
    """As `SaidTextField`, in a column of limited length (a code takes its JSON's length)."""

    _pyi_private_set_type: str | Said | Combinable  # type: ignore[assignment]
    _pyi_private_get_type: str | Said  # type: ignore[assignment]
