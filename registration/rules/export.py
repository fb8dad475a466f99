"""Reading one person's entry of the Authority's export (docs/taxpayer-records.md) into the
facts the keyed hashes are made of. Pure: no database, no key."""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from taxportal.validators import normalize_national_id

from .answers import RecordFacts, VatReport

NAMES = ("first_name", "last_name")
TEXTS = (
    "work_grant_claim_number",
    "phone_password",
    "last_assessment_number",
    "driving_licence_number",
    "passport_number",
)
AMOUNTS = ("last_income_tax_refund_amount", "last_income_tax_advance", "last_vat_turnover")
LISTS = (
    "vehicle_numbers",
    "parent_national_ids",
    "income_tax_refund_accounts",
    "vat_refund_accounts",
    "real_estate_report_codes",
)
VAT_REPORT = (
    "last_vat_report_period",
    "last_vat_report_month",
    "last_vat_report_year",
    "last_vat_report_amount",
)
FIELDS = frozenset(
    {"national_id", *NAMES, *TEXTS, *AMOUNTS, *LISTS, *VAT_REPORT}
    | {"id_issue_date", "has_valid_passport"}
)


class ExportError(ValueError):
    """An entry the portal cannot read; says which field and why."""


def _amount(name: str, value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ExportError(f"{name}: not an amount: {value!r}") from None


def _date(name: str, value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ExportError(f"{name}: not a date (YYYY-MM-DD): {value!r}") from None


def _texts(name: str, value) -> tuple[str, ...]:
    if value in (None, ""):
        return ()
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ExportError(f"{name}: not a list of texts: {value!r}")
    return tuple(v for v in value if v.strip())


def _vat_report(entry: Mapping) -> VatReport | None:
    parts: list[Any] = [entry.get(name) for name in VAT_REPORT]
    if all(part in (None, "") for part in parts):
        return None
    if any(part in (None, "") for part in parts):
        raise ExportError("last_vat_report_*: the period, month, year and amount go together")
    try:
        period, month, year = (int(part) for part in parts[:3])
    except (TypeError, ValueError):
        raise ExportError(f"last_vat_report_*: not whole numbers: {parts[:3]!r}") from None
    amount = _amount("last_vat_report_amount", parts[3])
    assert amount is not None  # every part was checked non-empty above
    return VatReport(period, month, year, amount)


def national_id_of(entry: Mapping) -> str:
    number = normalize_national_id(str(entry.get("national_id") or ""))
    if not (number.isdigit() and len(number) == 9):
        raise ExportError(f"national_id: not an identity number: {entry.get('national_id')!r}")
    return number


def facts_of(entry: Mapping) -> RecordFacts:
    """The facts of one entry. Keys starting with "_" are comments; any other unknown key is
    an error, so a renamed field in the export is noticed rather than silently dropped."""
    unknown = {key for key in entry if not key.startswith("_")} - FIELDS
    if unknown:
        raise ExportError(f"unknown fields: {', '.join(sorted(unknown))}")
    passport = entry.get("has_valid_passport")
    if passport not in (None, True, False):
        raise ExportError(f"has_valid_passport: true, false or null, not {passport!r}")
    fields: dict[str, Any] = {
        **{name: str(entry.get(name) or "") for name in TEXTS},
        **{name: _amount(name, entry.get(name)) for name in AMOUNTS},
        **{name: _texts(name, entry.get(name)) for name in LISTS},
    }
    return RecordFacts(
        **fields,
        id_issue_date=_date("id_issue_date", entry.get("id_issue_date")),
        has_valid_passport=passport,
        last_vat_report=_vat_report(entry),
    )
