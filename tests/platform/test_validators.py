"""Identity and company numbers (python-stdnum), with messages in Hebrew and English."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from taxportal.fields import CompanyNumberField, NationalIdField
from taxportal.validators import validate_company_number, validate_national_id


@pytest.mark.parametrize("value", ["302466339", "30246633-9", " 302466339 "])
def test_valid_identity_numbers_pass(value):
    assert NationalIdField().clean(value) == "302466339"


def test_short_identity_number_is_padded_with_zeros():
    # 000000018 is a valid number: short input is padded (REG-4).
    assert NationalIdField().clean("18") == "000000018"


@pytest.mark.parametrize(
    ("value", "code"),
    [("302466338", "national_id_checksum"), ("1234567890", "national_id_format"),
     ("30246633x", "national_id_format")],
)  # fmt: skip
def test_bad_identity_numbers_are_refused_with_a_reason(value, code):
    with pytest.raises(ValidationError) as error:
        validate_national_id(value)
    assert error.value.code == code


def test_identity_message_in_hebrew_and_english():
    messages = {}
    for language in ("he", "en"):
        with translation.override(language), pytest.raises(ValidationError) as error:
            NationalIdField().clean("302466338")
        with translation.override(language):
            messages[language] = error.value.messages[0]
    assert "ספרת הביקורת" in messages["he"]
    assert "check digit" in messages["en"]


def test_company_numbers():
    assert CompanyNumberField().clean("516179157") == "516179157"
    with pytest.raises(ValidationError) as error:
        validate_company_number("516179158")
    assert error.value.code == "company_number_checksum"
