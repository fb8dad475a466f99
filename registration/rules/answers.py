"""Comparing a citizen's answers with the Authority's record (REG-6 to REG-11), without the
record ever holding a readable answer.

Every answer and every fact is first brought to one canonical text (REG-11: digits only for
numbers, dates as dates, amounts as amounts). The record keeps only keyed hashes (HMAC-SHA256)
of the canonical facts (`HeldRecord`); an answer matches when the hash of its canonical text is
among them. An unknown identity number has no record (`None`) and goes through the same steps,
so it fails at the same point with the same outcome as a wrong answer.
"""

import hashlib
import hmac
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from taxportal.money import round_agorot
from taxportal.validators import normalize_national_id

from .questions import (
    FURTHER_QUESTION_COUNT,
    HIGH_QUESTIONS,
    LOW_ITEMS,
    LOW_ITEMS_NEEDED,
    VAT_REPORT_PARTS,
)

# --- normalisation ----------------------------------------------------------------------------


def normalize_number(value: str | None) -> str:
    """Digits only, without leading zeros: "12-345 / 007" and "12345007" are the same number."""
    digits = re.sub(r"\D", "", str(value or ""))
    return digits.lstrip("0") or ("0" if digits else "")


def normalize_token(value: str | None) -> str:
    """Letters and digits only, upper case: for passwords and codes that may hold letters."""
    return re.sub(r"[\W_]", "", str(value or "")).upper()


def parse_date_answer(value: str | None) -> date | None:
    """A date typed as ddmmyyyy, or with separators (dd/mm/yyyy, d.m.yyyy), or ISO yyyy-mm-dd."""
    text = str(value or "").strip()
    parts = re.split(r"[^\d]+", text)
    try:
        if len(parts) == 1 and len(text) == 8 and text.isdigit():
            return date(int(text[4:]), int(text[2:4]), int(text[:2]))
        if len(parts) == 3 and all(parts):
            if len(parts[0]) == 4:
                return date(int(parts[0]), int(parts[1]), int(parts[2]))
            return date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        return None
    return None


def parse_amount(value: str | Decimal | None) -> Decimal | None:
    """An amount in shekels: "₪ 1,234.50", "1234.5" and "1234.50" are the same amount."""
    if isinstance(value, Decimal):
        return round_agorot(value)
    text = re.sub(r"[^\d.\-]", "", str(value or ""))
    if not text:
        return None
    try:
        return round_agorot(Decimal(text))
    except InvalidOperation:
        return None


def parse_yes_no(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(str(value or "").strip().lower())


def is_answered(answers: Mapping[str, str], kind: str) -> bool:
    """Whether the citizen typed anything for a question (all parts of a VAT report)."""
    if kind == "vat_report":
        return all(
            str(answers.get(f"vat_report_{part}") or "").strip() for part in VAT_REPORT_PARTS
        )
    return bool(str(answers.get(kind) or "").strip())


# --- canonical texts: the same for an answer and for the fact it must equal -------------------


def _number(value) -> str | None:
    return normalize_number(value) or None


def _token(value) -> str | None:
    return normalize_token(value) or None


def _passport(value) -> str | None:
    return normalize_token(value).lstrip("0") or None


def _national_id(value) -> str | None:
    number = normalize_national_id(str(value or ""))
    return number if number.isdigit() and number.strip("0") else None


def _amount(value) -> str | None:
    amount = parse_amount(value)
    return f"{amount:.2f}" if amount is not None else None


def _date(value) -> str | None:
    parsed = value if isinstance(value, date) else parse_date_answer(value)
    return parsed.isoformat() if parsed else None


def _yes_no(value) -> str | None:
    parsed = value if isinstance(value, bool) else parse_yes_no(value)
    return None if parsed is None else ("yes" if parsed else "no")


def _vat_report(period, month, year, amount) -> str | None:
    try:
        numbers = [int(str(part)) for part in (period, month, year)]
    except ValueError:
        return None
    money = _amount(amount)
    return "|".join([*map(str, numbers), money]) if money else None


# kind -> how its answer (and each fact of that kind) is made canonical.
_CANONICAL: dict[str, Callable] = {
    "work_grant_claim_number": _number,
    "phone_password": _token,
    "income_tax_refund_amount": _amount,
    "assessment_number": _number,
    "id_issue_date": _date,
    "driving_licence_number": _number,
    "passport_number": _passport,
    "vehicle_number": _number,
    "valid_passport": _yes_no,
    "parent_national_id": _national_id,
    "income_tax_refund_account": _number,
    "income_tax_advance": _amount,
    "vat_refund_account": _number,
    "vat_turnover": _amount,
    "real_estate_report_code": _number,
}


def canonical_answer(kind: str, answers: Mapping[str, str]) -> str | None:
    """The canonical text of what the citizen typed for `kind`, or None if nothing usable."""
    if not is_answered(answers, kind):
        return None
    if kind == "vat_report":
        return _vat_report(*(answers.get(f"vat_report_{part}") for part in VAT_REPORT_PARTS))
    return _CANONICAL[kind](answers.get(kind))


# --- the Authority's facts, as exported by its systems -----------------------------------------


@dataclass(frozen=True)
class VatReport:
    period: int  # months the report covers: 1 (monthly) or 2 (bi-monthly)
    month: int
    year: int
    amount: Decimal


@dataclass(frozen=True)
class RecordFacts:
    """What the Authority's export says of one person; empty values mean "not held". Read
    only while loading: the portal keeps the keyed hashes, never these values."""

    work_grant_claim_number: str = ""
    phone_password: str = ""
    last_income_tax_refund_amount: Decimal | None = None
    last_assessment_number: str = ""
    id_issue_date: date | None = None
    driving_licence_number: str = ""
    passport_number: str = ""
    has_valid_passport: bool | None = None
    vehicle_numbers: tuple[str, ...] = ()
    parent_national_ids: tuple[str, ...] = ()
    income_tax_refund_accounts: tuple[str, ...] = ()
    last_income_tax_advance: Decimal | None = None
    vat_refund_accounts: tuple[str, ...] = ()
    last_vat_turnover: Decimal | None = None
    last_vat_report: VatReport | None = None
    real_estate_report_codes: tuple[str, ...] = ()


def _facts_by_kind(facts: RecordFacts) -> dict[str, Iterable]:
    report = facts.last_vat_report
    return {
        "work_grant_claim_number": [facts.work_grant_claim_number],
        "phone_password": [facts.phone_password],
        "income_tax_refund_amount": [facts.last_income_tax_refund_amount],
        "assessment_number": [facts.last_assessment_number],
        "id_issue_date": [facts.id_issue_date],
        "driving_licence_number": [facts.driving_licence_number],
        "passport_number": [facts.passport_number],
        "vehicle_number": facts.vehicle_numbers,
        "valid_passport": [facts.has_valid_passport],
        "parent_national_id": facts.parent_national_ids,
        "income_tax_refund_account": facts.income_tax_refund_accounts,
        "income_tax_advance": [facts.last_income_tax_advance],
        "vat_refund_account": facts.vat_refund_accounts,
        "vat_turnover": [facts.last_vat_turnover],
        "vat_report": [report] if report else [],
        "real_estate_report_code": facts.real_estate_report_codes,
    }


def _canonical_fact(kind: str, value) -> str | None:
    if value is None or value == "":
        return None
    if kind == "vat_report":
        return _vat_report(value.period, value.month, value.year, value.amount)
    return _CANONICAL[kind](value)


def answer_digest(key: bytes, kind: str, canonical: str) -> str:
    """The keyed hash kept for one canonical fact (the kind is part of what is hashed, so the
    same digits as a vehicle and as an account give different hashes)."""
    return hmac.new(key, f"{kind}\x1f{canonical}".encode(), hashlib.sha256).hexdigest()


def fact_digests(facts: RecordFacts, key: bytes) -> dict[str, list[str]]:
    """What a record keeps: for each kind of fact held, the keyed hashes of its values."""
    digests = {}
    for kind, values in _facts_by_kind(facts).items():
        canonical = {text for value in values if (text := _canonical_fact(kind, value)) is not None}
        if canonical:
            digests[kind] = sorted(answer_digest(key, kind, text) for text in canonical)
    return digests


@dataclass(frozen=True)
class HeldRecord:
    """A record as the checks read it: the hashes per kind, and the key that made them."""

    digests: Mapping[str, Iterable[str]] = field(default_factory=dict)
    key: bytes = b""

    def holds(self, kind: str) -> bool:
        return bool(self.digests.get(kind))

    def matches(self, kind: str, canonical: str) -> bool:
        digest = answer_digest(self.key, kind, canonical)
        return any(hmac.compare_digest(digest, held) for held in self.digests.get(kind, ()))


_EMPTY_RECORD = HeldRecord(key=b"no record")


def answer_matches(kind: str, answers: Mapping[str, str], record: HeldRecord | None) -> bool:
    """One answer against the record; an unknown person is compared with an empty record, so the
    work done is the same and the answer never matches."""
    record = record or _EMPTY_RECORD
    canonical = canonical_answer(kind, answers)
    matched = record.matches(kind, canonical or "")
    return canonical is not None and matched


# --- the verdicts -----------------------------------------------------------------------------


def high_level_passes(answers: Mapping[str, str], record: HeldRecord | None) -> bool:
    """REG-6: one correct answer gives the high level; every answer given must be correct."""
    given = [kind for kind in HIGH_QUESTIONS if is_answered(answers, kind)]
    results = [answer_matches(kind, answers, record) for kind in given]
    return bool(results) and all(results)


def low_items_entered(answers: Mapping[str, str]) -> int:
    """REG-8: how many of the three low-level items were typed (two are needed)."""
    return sum(is_answered(answers, kind) for kind in LOW_ITEMS)


def further_question_count(items_entered: int) -> int:
    """REG-8, REG-9: two further questions after two or three items. With only one item the
    citizen gets a new set of questions: one more further question stands in for the missing
    item, so the evidence asked for is the same."""
    return FURTHER_QUESTION_COUNT + max(LOW_ITEMS_NEEDED - items_entered, 0)


def low_items_pass(answers: Mapping[str, str], record: HeldRecord | None) -> bool:
    """REG-8: at least one item entered, and every item entered is correct."""
    results = [
        answer_matches(kind, answers, record) for kind in LOW_ITEMS if is_answered(answers, kind)
    ]
    return bool(results) and all(results)


def further_questions_pass(
    kinds: Iterable[str], answers: Mapping[str, str], record: HeldRecord | None
) -> bool:
    """REG-9: every drawn further question answered correctly."""
    results = [answer_matches(kind, answers, record) for kind in kinds]
    return bool(results) and all(results)


def low_level_passes(
    items: Mapping[str, str],
    further_kinds: list[str],
    further: Mapping[str, str],
    record: HeldRecord | None,
) -> bool:
    """REG-8 and REG-9 together: the items entered and as many further questions as they call
    for, all correct. Decided only after both pages, so a wrong item and an unknown number both
    fail at the same point."""
    enough = len(further_kinds) >= further_question_count(low_items_entered(items))
    items_ok = low_items_pass(items, record)
    further_ok = further_questions_pass(further_kinds, further, record)
    return enough and items_ok and further_ok
