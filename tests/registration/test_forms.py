"""REG-12: Israeli mobile numbers, checked against phonenumbers' real ranges."""

import phonenumbers
import pytest
from django import forms
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from registration.forms import normalize_mobile

MOBILE = phonenumbers.example_number_for_type("IL", PhoneNumberType.MOBILE)
E164 = phonenumbers.format_number(MOBILE, PhoneNumberFormat.E164)
NATIONAL = phonenumbers.format_number(MOBILE, PhoneNumberFormat.NATIONAL)
LANDLINE = phonenumbers.example_number_for_type("IL", PhoneNumberType.FIXED_LINE)


@pytest.mark.parametrize(
    "typed",
    [
        E164,
        NATIONAL,
        NATIONAL.replace("-", ""),
        phonenumbers.format_number(MOBILE, PhoneNumberFormat.INTERNATIONAL),
        "00" + E164[1:],
    ],
)
def test_reg_12_an_israeli_mobile_in_any_common_form(typed):
    assert normalize_mobile(typed) == E164


@pytest.mark.parametrize(
    "typed",
    [
        phonenumbers.format_number(LANDLINE, PhoneNumberFormat.NATIONAL),
        NATIONAL[:-2],
        "+14155552671",
        "not a number",
    ],
)
def test_reg_12_landlines_foreign_and_short_numbers_are_refused(typed):
    with pytest.raises(forms.ValidationError):
        normalize_mobile(typed)
