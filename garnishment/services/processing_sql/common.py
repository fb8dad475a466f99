"""What the stages share: the temporary tables' names, the staged layout, a line checked in Python
as JSON and back."""

import csv
import json
from dataclasses import dataclass

from django.db import connection

from ...choices import OrderKind
from ...lines.checks import CheckedLine
from ...lines.fields import FIELD_LABELS

# Characters whose meaning the SQL checks share with Python's str methods (strip, lower,
# upper, casefold, isdigit): printable ASCII, the Hebrew letters, geresh and gershayim, the
# shekel sign. A line with any other character in a cell is checked by `check_line`.
NOT_PLAIN = "[^ -~\u05d0-\u05ea\u05f3\u05f4\u20aa]"
# The csv module refuses a field longer than this (csv.field_size_limit()).
CSV_FIELD_LIMIT = csv.field_size_limit()
COPY_CHUNK = 1 << 18
FIELDS = [name for name in FIELD_LABELS if name != "file"]
STAGE = "garnishment_stage"
CHECKED = "garnishment_checked"
KEYS = "garnishment_keys"
TERMS = "garnishment_terms"
PYTHON_CHECKED = "garnishment_python_checked"
DAYS = "garnishment_days"
TEMPORARY = (STAGE, CHECKED, KEYS, TERMS, PYTHON_CHECKED, "garnishment_days")


def as_json(checked: CheckedLine) -> str:
    """A line checked in Python, as the staging table's `checked` column holds it."""
    values = checked.values
    received, answered = values.get("received_on"), values.get("answered_on")
    amount = values.get("order_amount")
    return json.dumps(
        {
            "rejected": checked.rejected,
            "withheld": checked.withheld,
            "authority_id": values.get("authority_id"),
            "order_number": values.get("order_number", ""),
            "debtor_id_kind": values.get("debtor_id_kind", ""),
            "debtor_id": values.get("debtor_id", ""),
            "debtor_name": values.get("debtor_name", ""),
            "received_on": received.isoformat() if received else None,
            "order_amount": str(amount) if amount is not None else None,
            "answered_on": answered.isoformat() if answered else None,
            "case_number": values.get("case_number", ""),
            "order_kind": values.get("order_kind", OrderKind.GARNISHMENT.value),
            "garnishment_order_number": values.get("garnishment_order_number", ""),
            "assets_found": values.get("assets_found"),
            "problems": checked.problems,
            "raw": checked.raw if checked.rejected else "",
        },
        ensure_ascii=False,
    )


# A checked line's columns, and the same from a line checked in Python (a JSON value `j`).
CHECKED_COLUMNS = [
    "rejected", "withheld", "authority_id", "order_number", "debtor_id_kind", "debtor_id",
    "debtor_name", "received_on", "order_amount", "answered_on", "case_number", "order_kind",
    "garnishment_order_number", "assets_found", "pkeys", "pjson", "raw",
]  # fmt: skip


def from_json(j: str) -> list[str]:
    return [
        f"({j}->>'rejected')::boolean",
        f"({j}->>'withheld')::boolean",
        f"({j}->>'authority_id')::bigint",
        f"{j}->>'order_number'",
        f"{j}->>'debtor_id_kind'",
        f"{j}->>'debtor_id'",
        f"{j}->>'debtor_name'",
        f"({j}->>'received_on')::date",
        f"({j}->>'order_amount')::numeric",
        f"({j}->>'answered_on')::date",
        f"{j}->>'case_number'",
        f"{j}->>'order_kind'",
        f"{j}->>'garnishment_order_number'",
        f"({j}->>'assets_found')::boolean",
        "'{}'::text[]",
        f"{j}->'problems'",
        f"{j}->>'raw'",
    ]


@dataclass
class Layout:
    """Where each field is in the staging table, and how the file's rows got there."""

    columns: list[str]  # staging columns holding cells, in the file's order
    fields: dict[str, str]  # field -> staging column
    raw_fields: list[str]  # the fields a rejected line's "as received" joins, in order
    direct: bool  # the file itself was copied: blank rows are still there
    header: list[str | None]  # the field of each staging column (None: not a field)
    plain_ascii: bool = False  # no byte outside printable ASCII in the whole file
    spaces: bool = True  # some cell may start or end with a space


def sequence_of(model) -> str:
    """The name of the sequence giving `model` its ids, as a constant nextval() reads once
    (pg_get_serial_sequence() in the query would look it up again for every row)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [model._meta.db_table])
        return cursor.fetchone()[0]


def quote(text: str) -> str:
    return "'" + text.replace("'", "''").replace("%", "%%") + "'"
