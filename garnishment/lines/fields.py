"""The fields of a report line, their labels and header names, and the problems a line or a
file can have, in Hebrew and English (GAR-8, GAR-11)."""

from functools import cache

from django.utils import translation
from django.utils.translation import gettext_lazy as _

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
    "order_kind": _("Kind of order (garnishment or delivery)"),
    "garnishment_order_number": _("Garnishment order delivered"),
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
    "order_kind": ["kind", "סוג הצו"],
    "garnishment_order_number": ["delivered_order", "מספר צו העיקול", "צו העיקול שנמסר"],
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
    "garnishment_order_number": 40,
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
    "order_kind": _("The kind of order is garnishment or delivery (עיקול / מסירה)."),
    "other_third_party": _("This line names another third party."),
    "too_long": _("Too long for this field."),
    "characters": _("Contains characters that are not text (control characters)."),
    "not_a_value": _("Write one value here, not a list or an object."),
    "amount_too_large": _("The amount is too large: at most 999,999,999,999.99."),
    "date_out_of_range": _("The date is before the year 2000."),
}

# Why a file as a whole is refused (nothing in it is stored), or a report failed.
FILE_MESSAGES = {
    "empty": _("The file is empty."),
    "no_lines": _("The file has a header row but no lines."),
    "missing_columns": _(
        "The first row must name the columns of the report. Required: %(required)s. "
        "Missing: %(missing)s."
    ),
    "encoding": _(
        "The file's characters cannot be read. Save it as CSV in UTF-8 (or in Windows Hebrew "
        "encoding) and send it again."
    ),
    "encoding_at_line": _(
        "Line %(line)s has characters that cannot be read in the file's encoding (%(encoding)s)."
    ),
    "csv_error": _(
        "Line %(line)s cannot be read as CSV (a quote is not closed, or a field is too long)."
    ),
    "unreadable": _("The file cannot be read as CSV or XLSX."),
    "xml_declarations": _(
        "The workbook contains XML declarations (a DTD or entities), which are not accepted. "
        "Save it again from the spreadsheet program."
    ),
    "too_large": _("The file is larger than %(max)s MB."),
    "unzipped_too_large": _("The workbook expands to more than %(max)s MB."),
    "too_many_lines": _("The file has more than %(max)s lines: send it in parts."),
    "too_many_columns": _("The sheet has more than %(max)s columns."),
    "declared_rows": _(
        "The sheet declares %(declared)s rows but holds %(held)s: save it again from the "
        "spreadsheet program, without the empty rows."
    ),
    "json_shape": _('Send a JSON object: {"period": "YYYY-MM", "lines": [{...}, ...]}.'),
    "schedule_incomplete": _(
        "The fee schedule is incomplete (an index value is missing), so no report can be billed "
        "now. The Authority has been told; send the report again later."
    ),
}


class FileProblem(Exception):
    """The file as a whole cannot be read; nothing in it is billed. `params` hold numbers and
    lists of field names, put into the message in the reader's language; `too_large` says the
    file is refused for its size (HTTP 413)."""

    def __init__(self, code: str, *, line: int | None = None, too_large: bool = False, **params):
        super().__init__(code)
        self.code = code
        self.line = line
        self.too_large = too_large
        self.params = {"line": line, **params}

    def message(self) -> str:
        """The message in the active language."""
        values = {
            name: ", ".join(f"{field_label(f)} ({f})" for f in value)
            if isinstance(value, list)
            else value
            for name, value in self.params.items()
        }
        return str(FILE_MESSAGES[self.code]) % values

    def as_problem(self) -> dict:
        """Stored on a report that failed: the message in both languages, and the line."""
        with translation.override("en"):
            english = self.message()
        with translation.override("he"):
            hebrew = self.message()
        return {
            "field": "file",
            "code": self.code,
            "line": self.line,
            "message": english,
            "message_he": hebrew,
        }


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
