"""Checking every field of one line (GAR-8, GAR-11): a line missing a field the fee depends on,
or with a field that is wrong, is rejected; a line missing only a detail the report must carry
is withheld until a corrected line completes it (GAR-9)."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from taxportal.money import AGORA, to_decimal
from taxportal.validators import (
    normalize_company_number,
    normalize_national_id,
    validate_company_number,
    validate_national_id,
)

from ..choices import OrderKind
from ..models.money import MONEY_MAX
from .fields import DETAIL_FIELDS, FIELD_LABELS, KEY_FIELDS, MAX_LENGTHS, problem

TRUE_WORDS = {"yes", "y", "true", "1", "כן", "נמצאו"}
FALSE_WORDS = {"no", "n", "false", "0", "לא", "לא נמצאו"}
ID_KINDS = {
    "id": "id",
    "ת.ז.": "id",
    "תז": "id",
    "company": "company",
    "ח.פ.": "company",
    "חפ": "company",
    "other": "other",
    "אחר": "other",
}
ORDER_KINDS = {
    "": OrderKind.GARNISHMENT.value,
    "garnishment": OrderKind.GARNISHMENT.value,
    "עיקול": OrderKind.GARNISHMENT.value,
    "צו עיקול": OrderKind.GARNISHMENT.value,
    "delivery": OrderKind.DELIVERY.value,
    "מסירה": OrderKind.DELIVERY.value,
    "צו מסירה": OrderKind.DELIVERY.value,
}
DATE_FORMATS = ("%d/%m/%Y", "%d.%m.%Y")
AMOUNT_PATTERN = re.compile(r"^\d+(\.\d{1,2})?$")
# No date of a report line is earlier than this.
EARLIEST_DATE = date(2000, 1, 1)
# Characters no text column takes (tab and line breaks are text).
NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A rejected line is kept as received up to this length.
RAW_LENGTH = 2000


class AmountTooLarge(ValueError):
    """More than the largest amount a column holds."""


@dataclass
class CheckedLine:
    """One line as understood, with every problem found; `status` follows from the problems."""

    line_number: int
    row: dict
    values: dict = field(default_factory=dict)
    problems: list[dict] = field(default_factory=list)

    @property
    def raw(self) -> str:
        """The line as received, kept for rejected lines: text only, at most RAW_LENGTH."""
        cells = ("[…]" if _not_a_value(v) else cell_text(v) for v in self.row.values())
        return _as_text(",".join(cells))[:RAW_LENGTH]

    @property
    def rejected(self) -> bool:
        return any(p["code"] != "missing_detail" for p in self.problems)

    @property
    def withheld(self) -> bool:
        return not self.rejected and bool(self.problems)


def _not_a_value(value) -> bool:
    return isinstance(value, list | dict | tuple | set)


def _as_text(text: str) -> str:
    """Without control characters or lone surrogates: what a text column can store."""
    return NOT_TEXT.sub("", text).encode("utf-8", "replace").decode("utf-8")


def _value_problem(value) -> str | None:
    """Why a cell cannot be read as one value of a text column, if it cannot."""
    if _not_a_value(value):
        return "not_a_value"
    if isinstance(value, str) and _as_text(value) != value:
        return "characters"
    return None


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    try:
        return date.fromisoformat(text)  # the common case, fast
    except ValueError:
        pass
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse_amount(value) -> Decimal:
    """Shekels with up to two decimals, no larger than a column holds (AmountTooLarge)."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        amount = to_decimal(value)
        if not amount.is_finite():
            raise ValueError(value)
        if abs(amount) > MONEY_MAX:
            raise AmountTooLarge(value)
    else:
        text = cell_text(value).replace("₪", "").replace(" ", "")
        if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", text):
            text = text.replace(",", "")
        if not AMOUNT_PATTERN.match(text.lstrip("-")):
            raise ValueError(text)
        amount = Decimal(text)
        if abs(amount) > MONEY_MAX:
            raise AmountTooLarge(text)
    if amount != amount.quantize(AGORA):
        raise ValueError(value)
    return amount


def parse_flag(value) -> bool:
    if isinstance(value, bool):
        return value
    text = cell_text(value).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValueError(text)


def _check_identifier(kind_text: str, identifier: str, line: CheckedLine) -> None:
    kind = ID_KINDS.get(kind_text.lower()) if kind_text else None
    if kind_text and kind is None:
        line.problems.append(problem("debtor_id_kind", "id_kind"))
        return
    if not identifier:
        return
    if kind is None:
        kind = "id" if identifier.replace("-", "").isdigit() else "other"
    line.values["debtor_id_kind"] = kind
    check, normalize = {
        "id": (validate_national_id, normalize_national_id),
        "company": (validate_company_number, normalize_company_number),
    }.get(kind, (None, None))
    if check is None or normalize is None:
        line.values["debtor_id"] = identifier
        return
    try:
        check(identifier)
    except ValidationError as error:
        assert error.code is not None  # the identity and company validators give a code
        line.problems.append(problem("debtor_id", error.code, error.message))
        return
    line.values["debtor_id"] = normalize(identifier)


def check_line(
    line_number: int,
    row: dict,
    *,
    authority_ids: dict[str, int],
    third_party_name: str,
    today: date,
) -> CheckedLine:
    """Check every field of one row (canonical keys) against the regulations' list (GAR-8)."""
    line = CheckedLine(line_number=line_number, row=row)
    readable, unreadable = {}, set()
    for name in FIELD_LABELS:
        code = _value_problem(row.get(name))
        if code:
            line.problems.append(problem(name, code))
            unreadable.add(name)
        readable[name] = None if code else row.get(name)
    row = readable
    text = {name: cell_text(row.get(name)) for name in FIELD_LABELS if name != "file"}
    too_long = {name for name, limit in MAX_LENGTHS.items() if len(text[name]) > limit}
    too_long |= unreadable  # already said why: not "required" or "missing" as well
    for name in MAX_LENGTHS:  # in a fixed order, the same in every process
        if name in too_long and name not in unreadable:
            line.problems.append(problem(name, "too_long"))
            text[name] = ""
    for name in KEY_FIELDS:
        if not text[name] and name not in too_long:
            line.problems.append(problem(name, "required"))

    named = text["third_party_name"]
    if named and named.casefold() != third_party_name.casefold():
        line.problems.append(problem("third_party_name", "other_third_party"))
    if text["authority"]:
        authority_id = authority_ids.get(text["authority"].upper())
        if authority_id is None:
            line.problems.append(problem("authority", "unknown_authority"))
        line.values["authority_id"] = authority_id
    line.values["order_number"] = text["order_number"]
    line.values["debtor_name"] = text["debtor_name"]
    line.values["case_number"] = text["case_number"]
    kind = ORDER_KINDS.get(text["order_kind"].lower())
    if kind is None:
        line.problems.append(problem("order_kind", "order_kind"))
    else:
        line.values["order_kind"] = kind
        if kind == OrderKind.DELIVERY:
            line.values["garnishment_order_number"] = text["garnishment_order_number"]
    _check_identifier(text["debtor_id_kind"], text["debtor_id"], line)

    for name in ("received_on", "answered_on"):
        if text[name]:
            try:
                day = parse_date(row.get(name))
            except ValueError:
                line.problems.append(problem(name, "date"))
                continue
            if day > today:
                line.problems.append(problem(name, "future_date"))
                continue
            if day < EARLIEST_DATE:
                line.problems.append(problem(name, "date_out_of_range"))
                continue
            line.values[name] = day
    received, answered = line.values.get("received_on"), line.values.get("answered_on")
    if received and answered and answered < received:
        line.problems.append(problem("answered_on", "answer_before_receipt"))
    if text["order_amount"]:
        try:
            amount = parse_amount(row.get("order_amount"))
        except AmountTooLarge:
            line.problems.append(problem("order_amount", "amount_too_large"))
        except (ValueError, InvalidOperation):
            line.problems.append(problem("order_amount", "amount"))
        else:
            if amount < 0:
                line.problems.append(problem("order_amount", "negative_amount"))
            line.values["order_amount"] = amount
    if text["assets_found"]:
        try:
            line.values["assets_found"] = parse_flag(row.get("assets_found"))
        except ValueError:
            line.problems.append(problem("assets_found", "flag"))
    for name in DETAIL_FIELDS:
        if not text[name] and name not in unreadable:
            line.problems.append(problem(name, "missing_detail"))
    return line
