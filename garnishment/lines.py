"""Reading a report file line by line and checking every field of every line (GAR-8, GAR-11).

Readers stream: a CSV is read row by row, an XLSX in openpyxl's read-only mode, so memory does
not grow with the file. `check_line` turns one row into a `CheckedLine` whose problems name the
field and say, in Hebrew and English, what is wrong. A line missing a field the fee depends on,
or with a field that is wrong, is rejected; a line missing only a detail the report must carry
is withheld until a corrected line completes it (GAR-9).
"""

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from taxportal.money import AGORA, to_decimal
from taxportal.validators import (
    normalize_company_number,
    normalize_national_id,
    validate_company_number,
    validate_national_id,
)

# Canonical field names, with their labels and the header names accepted for each.
FIELD_LABELS = {
    "third_party_name": _("Third party's name"),
    "debtor_id_kind": _("Identifier kind"),
    "debtor_id": _("Debtor's identifier"),
    "debtor_name": _("Debtor's name"),
    "received_on": _("Date the order was received"),
    "order_amount": _("Amount in the order"),
    "authority": _("Serving authority"),
    "order_number": _("Order number"),
    "answered_on": _("Date the answer was sent"),
    "case_number": _("Case or proceeding number"),
    "assets_found": _("Assets found"),
    "file": _("File"),
}
HEADER_ALIASES = {
    "third_party_name": ["third_party", "שם הצד השלישי", "צד שלישי"],
    "debtor_id_kind": ["id_kind", "סוג מזהה"],
    "debtor_id": ["debtor_identifier", "מספר מזהה", "מזהה החייב", "ת.ז. / ח.פ."],
    "debtor_name": ["שם החייב"],
    "received_on": ["received_date", "תאריך קבלת העיקול", "תאריך קבלה"],
    "order_amount": ["amount", "סכום העיקול", "סכום"],
    "authority": ["authority_code", "מטיל העיקול", "רשות"],
    "order_number": ["מספר צו", "מספר הצו"],
    "answered_on": ["answer_date", "תאריך משלוח התשובה", "תאריך תשובה"],
    "case_number": ["case", "מספר תיק", "מספר תיק או הליך"],
    "assets_found": ["assets", "נמצאו נכסים"],
}
# The columns of a report file, in the order of the template.
COLUMNS = list(HEADER_ALIASES)
# The fee cannot be decided without these (GAR-5, GAR-7, GAR-15): missing means rejected.
KEY_FIELDS = ("authority", "order_number", "received_on", "assets_found")
# Details the full report carries (GAR-8): missing means the line is withheld (GAR-9).
DETAIL_FIELDS = ("debtor_id", "debtor_name", "order_amount", "answered_on")
REQUIRED_COLUMNS = KEY_FIELDS
MAX_LENGTHS = {
    "order_number": 40,
    "debtor_id": 40,
    "debtor_name": 200,
    "case_number": 60,
    "third_party_name": 200,
}

MESSAGES = {
    "required": _("This field is required: the fee depends on it."),
    "missing_detail": _("Missing: the line is withheld until this detail is sent."),
    "date": _("Not a date: write dd/mm/yyyy or yyyy-mm-dd."),
    "future_date": _("The date is in the future."),
    "answer_before_receipt": _("The answer cannot be sent before the order was received."),
    "amount": _("Not an amount: write shekels with up to two decimals, e.g. 1250.50."),
    "negative_amount": _("The amount cannot be negative."),
    "flag": _("Write yes or no (כן / לא)."),
    "unknown_authority": _("No serving authority has this code."),
    "id_kind": _("The identifier kind is id, company or other."),
    "other_third_party": _("This line names another third party."),
    "too_long": _("Too long for this field."),
    "missing_columns": _("The file has no column for a field the fee depends on."),
    "unreadable": _("The file cannot be read as CSV or XLSX."),
    "empty": _("The file has no lines."),
}

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
DATE_FORMATS = ("%d/%m/%Y", "%d.%m.%Y")
AMOUNT_PATTERN = re.compile(r"^\d+(\.\d{1,2})?$")


class FileProblem(Exception):
    """The file as a whole cannot be read; nothing in it is billed."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(code)
        self.code = code
        self.detail = detail


@cache
def _bilingual(code: str, message: str) -> tuple[str, str]:
    with translation.override("en"):
        english = str(message)
    with translation.override("he"):
        hebrew = str(message)
    return english, hebrew


def problem(field_name: str, code: str, message=None) -> dict:
    """A problem as stored on the line and returned by the API: field, code, both languages."""
    english, hebrew = _bilingual(code, message if message is not None else MESSAGES[code])
    return {"field": field_name, "code": code, "message": english, "message_he": hebrew}


def problem_text(item: dict, language: str) -> str:
    return item["message_he"] if language == "he" else item["message"]


def field_label(name: str) -> str:
    return str(FIELD_LABELS.get(name, name))


@dataclass
class CheckedLine:
    """One line as understood, with every problem found; `status` follows from the problems."""

    line_number: int
    row: dict
    values: dict = field(default_factory=dict)
    problems: list[dict] = field(default_factory=list)

    @property
    def raw(self) -> str:
        """The line as received, kept for rejected lines."""
        return ",".join(_text(v) for v in self.row.values())

    @property
    def rejected(self) -> bool:
        return any(p["code"] != "missing_detail" for p in self.problems)

    @property
    def withheld(self) -> bool:
        return not self.rejected and bool(self.problems)


def _text(value) -> str:
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
    text = _text(value)
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
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        amount = to_decimal(value)
    else:
        text = _text(value).replace("₪", "").replace(" ", "")
        if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", text):
            text = text.replace(",", "")
        if not AMOUNT_PATTERN.match(text.lstrip("-")):
            raise ValueError(text)
        amount = Decimal(text)
    if amount != amount.quantize(AGORA):
        raise ValueError(value)
    return amount


def parse_flag(value) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
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
    if check is None:
        line.values["debtor_id"] = identifier
        return
    try:
        check(identifier)
    except ValidationError as error:
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
    text = {name: _text(row.get(name)) for name in FIELD_LABELS if name != "file"}
    too_long = {name for name, limit in MAX_LENGTHS.items() if len(text[name]) > limit}
    for name in too_long:
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
            line.values[name] = day
    received, answered = line.values.get("received_on"), line.values.get("answered_on")
    if received and answered and answered < received:
        line.problems.append(problem("answered_on", "answer_before_receipt"))
    if text["order_amount"]:
        try:
            amount = parse_amount(row.get("order_amount"))
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
        if not text[name]:
            line.problems.append(problem(name, "missing_detail"))
    return line


# --- Readers: each yields (line_number, {canonical field: value}) -------------------------


def _header_map() -> dict[str, str]:
    mapping = {}
    for name, aliases in HEADER_ALIASES.items():
        for alias in [name, *aliases]:
            mapping[_header_key(alias)] = name
    return mapping


def _header_key(text) -> str:
    return re.sub(r"[\s_\-]+", "_", _text(text).lower())


def canonical_columns(header: Iterable) -> list[str | None]:
    mapping = _header_map()
    columns = [mapping.get(_header_key(cell)) for cell in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise FileProblem("missing_columns", ", ".join(field_label(m) for m in missing))
    return columns


def _rows(columns: list[str | None], cells: Iterable) -> dict:
    return {name: value for name, value in zip(columns, cells, strict=False) if name}


def read_csv(binary) -> Iterator[tuple[int, dict]]:
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
    try:
        reader = csv.reader(text)
        header = next(reader, None)
        if header is None:
            raise FileProblem("empty")
        columns = canonical_columns(header)
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield reader.line_num, _rows(columns, cells)
    except (UnicodeDecodeError, csv.Error) as error:
        raise FileProblem("unreadable", str(error)) from None
    finally:
        text.detach()


def read_xlsx(binary) -> Iterator[tuple[int, dict]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(binary, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not XLSX
        raise FileProblem("unreadable", str(error)) from None
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise FileProblem("empty")
        columns = canonical_columns(header)
        for number, cells in enumerate(rows, start=2):
            if any(_text(cell) for cell in cells):
                yield number, _rows(columns, cells)
    finally:
        workbook.close()


def read_json_lines(lines: list) -> Iterator[tuple[int, dict]]:
    mapping = _header_map()
    for number, item in enumerate(lines, start=1):
        if not isinstance(item, dict):
            yield number, {}
            continue
        yield (
            number,
            {mapping[_header_key(k)]: v for k, v in item.items() if _header_key(k) in mapping},
        )


def json_body_lines(binary) -> list:
    """The lines of a stored JSON report body ({"period": ..., "lines": [...]})."""
    try:
        data = json.load(binary)
    except (ValueError, UnicodeDecodeError) as error:
        raise FileProblem("unreadable", str(error)) from None
    if not isinstance(data, dict) or not isinstance(data.get("lines"), list):
        raise FileProblem("unreadable")
    return data["lines"]


def xlsx_row_count(binary) -> int:
    """The rows a workbook's first sheet declares, read from its dimension, not its cells."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(binary, read_only=True)
        try:
            return workbook.worksheets[0].max_row or 0
        finally:
            workbook.close()
    except Exception:  # not a workbook: the reader says so when the report is processed
        return 0
    finally:
        binary.seek(0)


READERS = {"csv": read_csv, "xlsx": read_xlsx}


def file_format_of(name: str, content_type: str = "") -> str:
    lowered = name.lower()
    if lowered.endswith(".xlsx") or "spreadsheetml" in content_type:
        return "xlsx"
    if lowered.endswith(".json") or "json" in content_type:
        return "json"
    return "csv"
