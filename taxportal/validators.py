"""Israeli identity and company numbers, checked by python-stdnum, and Israeli mobile numbers,
checked by phonenumbers, with clear messages."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.il import hp, idnr


def normalize_national_id(value: str) -> str:
    """Digits only, padded with leading zeros to 9 (REG-4)."""
    compact = idnr.compact(str(value or ""))
    return compact.zfill(9) if compact.isdigit() and len(compact) <= 9 else compact


def validate_national_id(value: str) -> None:
    number = normalize_national_id(value)
    if not number.isdigit() or len(number) != 9:
        raise ValidationError(
            _("An identity number has up to 9 digits."), code="national_id_format"
        )
    try:
        idnr.validate(number)
    except InvalidChecksum:
        raise ValidationError(
            _("The identity number's check digit is wrong; please check the number."),
            code="national_id_checksum",
        ) from None
    except StdnumError:
        raise ValidationError(
            _("This is not a valid identity number."), code="national_id"
        ) from None


def normalize_company_number(value: str) -> str:
    return hp.compact(str(value or ""))


def validate_company_number(value: str) -> None:
    number = normalize_company_number(value)
    if not number.isdigit() or len(number) != 9:
        raise ValidationError(_("A company number has 9 digits."), code="company_number_format")
    try:
        hp.validate(number)
    except InvalidChecksum:
        raise ValidationError(
            _("The company number's check digit is wrong; please check the number."),
            code="company_number_checksum",
        ) from None
    except StdnumError:
        raise ValidationError(
            _("This is not a valid company number."), code="company_number"
        ) from None


SMS_NUMBER_TYPES = (
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
)


def normalize_israeli_mobile(value: str) -> str:
    """An Israeli mobile number (the kind that receives SMS) in international form, +9725...,
    or ValidationError."""
    try:
        number = phonenumbers.parse(str(value or ""), "IL")
    except phonenumbers.NumberParseException:
        number = None
    if (
        number is None
        or number.country_code != 972
        or not phonenumbers.is_valid_number(number)
        or phonenumbers.number_type(number)
        not in (
            phonenumbers.PhoneNumberType.MOBILE,
            phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        )
    ):
        raise ValidationError(
            _("Enter an Israeli mobile number, for example 050-234-5678."), code="mobile"
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate_israeli_mobile(value: str) -> None:
    normalize_israeli_mobile(value)
