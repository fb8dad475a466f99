"""Israeli identity and company numbers, checked by python-stdnum, with clear messages."""

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
