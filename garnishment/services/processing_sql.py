"""Checking and billing a report's lines set-based, on PostgreSQL (GAR-5 to GAR-11): the same
results, line by line, as `processing._Biller` applying `lines.check_line` and the rules to one
line at a time, at the speed of the database.

1. The lines go into a temporary staging table. A CSV file in UTF-8 with no quote character
   and every row as wide as its header is sent to `COPY FROM STDIN` unchanged; any other file
   is read by the Python readers and its rows copied in. Each staged line takes its report line
   id there, in line order.
2. Every field is checked in one `INSERT … SELECT`: trimmed texts, pattern-guarded casts for
   dates and amounts, the identity number's check digit as arithmetic on nine digits, the
   serving authority by a join. The SQL covers a line whose cells hold only printable ASCII,
   Hebrew letters and the shekel sign (where its string functions mean what Python's do) and
   whose dates are written as `parse_date` reads them; any other line is checked by
   `check_line` itself and its result written back.
3. Orders: one aggregate per (authority, order number) joined to the orders already billed;
   each order's fee decided from its first received date (GAR-7, GAR-15) and written by one
   `INSERT … ON CONFLICT`. Withheld lines of earlier reports that a line completes: one
   `UPDATE … FROM`. Lines: one `INSERT … SELECT` with a window over each order, in line order,
   for the 2 → 19 upgrade and the withheld lines a later line completes. The number of
   statements does not depend on the number of lines.

The caller (`report_process`) holds the third party's row lock, so the orders read here do not
change until the transaction ends; the unique (third party, authority, order number) constraint
stays the last word on "once per order".
"""

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import chain

from django.db import DatabaseError, connection, transaction

from .. import lines as line_checks
from ..choices import OrderKind
from ..lines.checks import FALSE_WORDS, ID_KINDS, ORDER_KINDS, TRUE_WORDS, CheckedLine
from ..lines.fields import DETAIL_FIELDS, FIELD_LABELS, KEY_FIELDS, MAX_LENGTHS, MESSAGES, problem
from ..lines.readers import _rows, canonical_columns
from ..models import Order, Report, ReportLine, ServiceArrangement, ServingAuthority
from ..models.money import MONEY_MAX
from ..rules import (
    ASSETS_FOUND,
    DEFAULT_PAYMENT_TERM_DAYS,
    NO_ASSETS,
    FeeReason,
    FeeSchedule,
)
from ..selectors import entitlements_of, fee_schedule

# Characters whose meaning the SQL checks share with Python's str methods (strip, lower,
# upper, casefold, isdigit): printable ASCII, the Hebrew letters, geresh and gershayim, the
# shekel sign. A line with any other character in a cell is checked by `check_line`.
NOT_PLAIN = "[^ -~\u05d0-\u05ea\u05f3\u05f4\u20aa]"
# What COPY reads otherwise than the csv module: a quote character (quoted fields, line breaks
# inside them), the end-of-data marker. A file holding one is read by Python.
COPY_BREAKERS = (b'"', b"\\.")
# The csv module refuses a field longer than this (csv.field_size_limit()).
CSV_FIELD_LIMIT = csv.field_size_limit()
COPY_CHUNK = 1 << 18
FIELDS = [name for name in FIELD_LABELS if name != "file"]
STAGE = "garnishment_stage"
CHECKED = "garnishment_checked"
KEYS = "garnishment_keys"
TERMS = "garnishment_terms"
PYTHON_CHECKED = "garnishment_python_checked"
TEMPORARY = (STAGE, CHECKED, KEYS, TERMS, PYTHON_CHECKED, "garnishment_days")
ENCODINGS = {"utf-8": "UTF8", "utf-8-sig": "UTF8"}


def applies(schedule: tuple[dict, FeeSchedule]) -> bool:
    """The set-based billing takes every fee as positive and the assets-found fee above the
    no-assets one (GAR-5); a schedule where that does not hold is billed line by line."""
    base, changes = schedule
    for amounts in [base, *(a for _, a in changes)]:
        found, none = amounts.get(ASSETS_FOUND), amounts.get(NO_ASSETS)
        if found is None or none is None or not found > none > 0:
            return False
    return True


# --- Staging ------------------------------------------------------------------------------------


class _NotForCopy(Exception):
    """The file holds something COPY would read otherwise than the csv module."""


class _FileForCopy:
    """The stored file as COPY reads it, given up (by raising) at the first quote character,
    end-of-data marker or line longer than a field the csv module takes; on the way it notes
    what the checks can skip for the whole file: any byte outside printable ASCII, any space
    next to a separator (a cell to trim)."""

    BLOCK = CSV_FIELD_LIMIT // 2
    CONTROLS = bytes([*range(0, 10), 11, 12, *range(14, 32), 127])
    SPACES = (b" ,", b", ", b" \n", b"\n ", b" \r")

    def __init__(self, binary):
        self.binary = binary
        self.last = b"\n"
        self.run = 0  # bytes since the last line break
        self.plain_ascii = True
        self.spaces = False

    def read(self, size: int = COPY_CHUNK) -> bytes:
        chunk = self.binary.read(size)
        if not chunk:
            self.spaces = self.spaces or self.last == b" "
            return chunk
        window = self.last + chunk
        if any(breaker in window for breaker in COPY_BREAKERS):
            raise _NotForCopy
        first, final = chunk.find(b"\n"), chunk.rfind(b"\n")
        # A line longer than the field limit: across chunks by the running count, within one
        # by some aligned block of half the limit holding no line break.
        if self.run + (len(chunk) if first < 0 else first) > CSV_FIELD_LIMIT or any(
            b"\n" not in chunk[i : i + self.BLOCK]
            for i in range(0, len(chunk) - self.BLOCK + 1, self.BLOCK)
        ):
            raise _NotForCopy
        self.run = self.run + len(chunk) if first < 0 else len(chunk) - final - 1
        if self.plain_ascii and not (
            chunk.isascii() and len(chunk.translate(None, self.CONTROLS)) == len(chunk)
        ):
            self.plain_ascii = False
        if not self.spaces and any(space in window for space in self.SPACES):
            self.spaces = True
        self.last = chunk[-1:]
        return chunk


class _RowsForCopy:
    """Rows from the Python readers as CSV for COPY, in chunks (memory stays flat). A row of
    text cells without NUL, line breaks or lone surrogates is copied for the SQL checks; any
    other is checked here by `check_line` and copied as its result."""

    def __init__(self, rows: Iterator[tuple[int, dict]], layout: list[str], check):
        self.rows = rows
        self.layout = layout
        self.check = check
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\n")
        self.empty = [""] * len(layout)
        self.error: BaseException | None = None

    @staticmethod
    def copyable(row: dict) -> bool:
        for value in row.values():
            if value is None:
                continue
            if not isinstance(value, str) or "\x00" in value or "\n" in value or "\r" in value:
                return False
            if not value.isascii():
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    return False
        return True

    def read(self, size: int = COPY_CHUNK) -> str:
        try:
            return self._read(size)
        except BaseException as error:  # psycopg2 reports it as a failed COPY: kept to re-raise
            self.error = error
            raise

    def _read(self, size: int) -> str:
        while self.buffer.tell() < size:
            item = next(self.rows, None)
            if item is None:
                break
            number, row = item
            if list(row) == self.layout[: len(row)] and self.copyable(row):
                cells = [row.get(name) or "" for name in self.layout]
                self.writer.writerow([number, len(row), *cells, ""])
            else:
                self.writer.writerow([number, "", *self.empty, _as_json(self.check(number, row))])
        data = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return data


def _as_json(checked: CheckedLine) -> str:
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


def _from_json(j: str) -> list[str]:
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
class _Layout:
    """Where each field is in the staging table, and how the file's rows got there."""

    columns: list[str]  # staging columns holding cells, in the file's order
    fields: dict[str, str]  # field -> staging column
    raw_fields: list[str]  # the fields a rejected line's "as received" joins, in order
    direct: bool  # the file itself was copied: blank rows are still there
    header: list[str | None]  # the field of each staging column (None: not a field)
    plain_ascii: bool = False  # no byte outside printable ASCII in the whole file
    spaces: bool = True  # some cell may start or end with a space


def _sequence(model) -> str:
    """The name of the sequence giving `model` its ids, as a constant nextval() reads once
    (pg_get_serial_sequence() in the query would look it up again for every row)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [model._meta.db_table])
        return cursor.fetchone()[0]


def _create_stage(width: int, direct: bool) -> None:
    cells = ", ".join(f"c{i} text" for i in range(width))
    number = "int GENERATED ALWAYS AS IDENTITY (START WITH 2)" if direct else "int"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{STAGE}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {STAGE} (line_number {number}, "
            f"id bigint DEFAULT nextval({_quote(_sequence(ReportLine))}::regclass), "
            f"n_present int, checked jsonb{', ' if cells else ''}{cells})"
        )


def _direct_layout(binary, encoding: str) -> _Layout | None:
    """The header of a file COPY may read, or None when Python must read it."""
    if encoding not in ENCODINGS:
        return None
    first = binary.readline(CSV_FIELD_LIMIT)
    binary.seek(0)
    if len(first) >= CSV_FIELD_LIMIT:
        return None
    try:
        text = first.decode(encoding)
    except UnicodeDecodeError:
        return None
    if '"' in text or "\r" in text.rstrip("\r\n"):
        return None
    header = next(csv.reader([text.rstrip("\r\n")]), [])
    try:
        mapped = canonical_columns(header)
    except line_checks.FileProblem:
        return None  # the reader says what is wrong with it
    named = [name for name in mapped if name]
    if len(named) != len(set(named)) or not header:
        return None
    columns = [f"c{i}" for i in range(len(header))]
    return _Layout(
        columns=columns,
        fields={name: column for name, column in zip(mapped, columns, strict=True) if name},
        raw_fields=named,
        direct=True,
        header=mapped,
    )


def _stage_directly(report: Report, layout: _Layout) -> bool:
    """COPY the stored file as it is; False (nothing staged) when COPY reads it otherwise than
    the csv module would (PostgreSQL refuses a row of another width, a blank line, a byte
    that is not UTF-8)."""
    report.original_file.open("rb")
    source = _FileForCopy(report.original_file.file)
    try:
        with transaction.atomic(), connection.cursor() as cursor, connection.wrap_database_errors:
            _create_stage(len(layout.columns), direct=True)
            cursor.cursor.copy_expert(
                f"COPY {STAGE} ({', '.join(layout.columns)}) FROM STDIN WITH "
                "(FORMAT csv, HEADER true, ENCODING 'UTF8')",
                source,
                size=COPY_CHUNK,
            )
    except DatabaseError:
        return False
    finally:
        report.original_file.close()
    layout.plain_ascii, layout.spaces = source.plain_ascii, source.spaces
    return True


def _stage_rows(rows, layout: _Layout, check) -> None:
    """COPY the rows the Python readers give; what they raise (a `FileProblem` past the first
    lines) is raised as it was."""
    _create_stage(len(layout.columns), direct=False)
    source = _RowsForCopy(rows, [n for n in layout.header if n], check)
    try:
        with connection.cursor() as cursor, connection.wrap_database_errors:
            cursor.cursor.copy_expert(
                f"COPY {STAGE} (line_number, n_present, "
                f"{''.join(c + ', ' for c in layout.columns)}checked) FROM STDIN WITH (FORMAT csv)",
                source,
                size=COPY_CHUNK,
            )
    except DatabaseError:
        if source.error is not None:
            raise source.error from None
        raise


# --- Checking every field (GAR-8, GAR-11) -------------------------------------------------------


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''").replace("%", "%%") + "'"


def _case_map(expression: str, mapping: dict[str, str]) -> str:
    whens = " ".join(f"WHEN {_quote(k)} THEN {_quote(v)}" for k, v in mapping.items())
    return f"CASE {expression} {whens} END"


def _luhn_tables() -> tuple[str, str]:
    """The Luhn sums of every three digits, as array constants: digits at the plain, doubled,
    plain places of the number and at the doubled, plain, doubled places (stdnum.luhn: from
    the right, every second digit doubled with its digits summed, 2d less 9 from d = 5)."""

    def doubled(d: int) -> int:
        return 2 * d - 9 * (d >= 5)

    triples = [(a, b, c) for a in range(10) for b in range(10) for c in range(10)]
    plain_first = [a + doubled(b) + c for a, b, c in triples]
    doubled_first = [doubled(a) + b + doubled(c) for a, b, c in triples]
    return (
        "'{" + ",".join(map(str, plain_first)) + "}'::int[]",
        "'{" + ",".join(map(str, doubled_first)) + "}'::int[]",
    )


def _luhn(n: str) -> str:
    """Whether the nine digits of the integer `n` pass the Luhn check (0 to 999999999)."""
    plain_first, doubled_first = _luhn_tables()
    return (
        f"(({plain_first})[{n} / 1000000 + 1] + ({doubled_first})[({n} / 1000) %% 1000 + 1] "
        f"+ ({plain_first})[{n} %% 1000 + 1]) %% 10 = 0"
    )


DIGITS = "'0123456789', '0000000000'"
DAYS = "garnishment_days"
# How `parse_date` reads most dates, looked up in a table of every day from 2000 to today.
DAY_FORMS = ("YYYY-MM-DD", "DD/MM/YYYY")
DMY_SHAPES = [
    f"{day}{sep}{month}{sep}0000" for sep in "/." for day in ("0", "00") for month in ("0", "00")
]


def _date_sql(text: str, shape: str) -> tuple[str, str]:
    """(the date `text` names when written yyyy-mm-dd, yyyymmdd, d/m/yyyy or d.m.yyyy as
    `parse_date` reads it, else NULL; whether it is written one of those ways). `shape` is the
    text with every digit made 0."""
    slashed = f"replace({text}, '.', '/')"
    shapes = ", ".join(f"'{s}'" for s in DMY_SHAPES)
    parts = {
        "0000-00-00": (f"substr({text}, 1, 4)", f"substr({text}, 6, 2)", f"substr({text}, 9, 2)"),
        "00000000": (f"substr({text}, 1, 4)", f"substr({text}, 5, 2)", f"substr({text}, 7, 2)"),
    }
    whens = " ".join(
        f"WHEN {shape} = '{form}' THEN {_valid_date(*(f'{p}::int' for p in ymd))}"
        for form, ymd in parts.items()
    )
    dmy = tuple(f"split_part({slashed}, '/', {i})::int" for i in (3, 2, 1))
    value = f"CASE {whens} WHEN {shape} IN ({shapes}) THEN {_valid_date(*dmy)} END"
    return value, f"{shape} IN ('0000-00-00', '00000000', {shapes})"


def _valid_date(y: str, m: str, d: str) -> str:
    """The date when it exists (`date` refuses 31/02 and year 0), else NULL."""
    days = (
        "CASE WHEN m = 2 THEN CASE WHEN (y %% 4 = 0 AND y %% 100 <> 0) OR y %% 400 = 0 "
        "THEN 29 ELSE 28 END WHEN m IN (4, 6, 9, 11) THEN 30 ELSE 31 END"
    )
    return (
        f"(SELECT CASE WHEN y >= 1 AND m BETWEEN 1 AND 12 AND d BETWEEN 1 AND {days} "
        f"THEN make_date(y, m, d) END FROM (SELECT {y} AS y, {m} AS m, {d} AS d) p)"
    )


def _check_sql(layout: _Layout) -> str:
    """The INSERT … SELECT checking every staged line (GAR-8, GAR-11) as `check_line` does.
    Each level computes once what the next ones use (OFFSET 0 keeps PostgreSQL from folding
    the levels into one and computing an expression once per use). A value written the common
    way takes a short way (a date looked up in `DAYS`, nine digits, plain decimals); any other
    way of writing it takes the long one, and a line the SQL cannot read as Python would is
    marked for `check_line`."""
    columns = layout.columns
    trim = layout.spaces or not layout.direct

    def cell(name: str) -> str:
        column = layout.fields.get(name)
        if not column:
            return "''"
        return f"btrim(coalesce(s.{column}, ''), ' ')" if trim else f"coalesce(s.{column}, '')"

    if layout.direct:
        blank = " AND ".join(
            f"coalesce(btrim(s.{c}, ' '), '') = ''" if trim else f"coalesce(s.{c}, '') = ''"
            for c in columns
        )
        raw = f"concat_ws(',', {', '.join(f'w.t_{n}' for n in layout.raw_fields)})"
    else:
        blank = "false"  # the readers left blank rows out
        raw = (
            f"array_to_string((ARRAY[{', '.join(f'w.t_{n}' for n in layout.raw_fields)}]"
            "::text[])[1:w.n_present], ',')"
        )
    plain = (
        "true"
        if layout.direct and layout.plain_ascii
        else f"concat({', '.join(f's.{c}' for c in columns)}) !~ '{NOT_PLAIN}'"
    )
    too_long = {name: f"char_length(a.t_{name}) > {limit}" for name, limit in MAX_LENGTHS.items()}
    shortened = ", ".join(
        f"CASE WHEN {too_long[n]} THEN '' ELSE a.t_{n} END AS v_{n}" for n in MAX_LENGTHS
    )

    def given(name: str) -> str:
        """A field's text as the checks after the lengths read it (a too long one is empty)."""
        return f"f.v_{name}" if name in too_long else f"f.t_{name}"

    digits = "'0123456789'"
    id_kind = _case_map('lower(a.t_debtor_id_kind COLLATE "C")', ID_KINDS)
    received, received_readable = _date_sql("c.t_received_on", "c.received_shape")
    answered, answered_readable = _date_sql("c.t_answered_on", "c.answered_shape")
    between = "BETWEEN DATE '2000-01-01' AND %(today)s"
    found = [
        # (the problem, when it is found), in the order check_line finds them.
        *((f"'{n}:too_long'", f"f.v_{n} = '' AND f.t_{n} <> ''") for n in MAX_LENGTHS),
        *((f"'{n}:required'", f"f.t_{n} = ''") for n in KEY_FIELDS),
        ("'third_party_name:other_third_party'", "f.other_third_party"),
        ("'authority:unknown_authority'", "f.t_authority <> '' AND f.authority_id IS NULL"),
        ("'order_kind:order_kind'", "f.kind IS NULL"),
        ("'debtor_id_kind:id_kind'", "f.bad_id_kind"),
        ("'debtor_id:' || f.id_problem", "f.id_problem IS NOT NULL"),
        ("'received_on:' || f.received_problem", "f.received_problem IS NOT NULL"),
        ("'answered_on:' || f.answered_problem", "f.answered_problem IS NOT NULL"),
        (
            "'answered_on:answer_before_receipt'",
            f"f.received_date {between} AND f.answered_date {between} "
            "AND f.answered_date < f.received_date",
        ),
        ("'order_amount:' || f.amount_problem", "f.amount_problem IS NOT NULL"),
        ("'assets_found:flag'", "f.t_assets_found <> '' AND f.flag IS NULL"),
        *((f"'{n}:missing_detail'", f"{given(n)} = ''") for n in DETAIL_FIELDS),
    ]
    problems = ", ".join(f"CASE WHEN {when} THEN {what} END" for what, when in found)
    any_problem = " OR ".join(f"({when})" for _, when in found)
    missing = " + ".join(f"({given(n)} = '')::int" for n in DETAIL_FIELDS)

    def date_problem(text: str, day: str) -> str:
        return (
            f"CASE WHEN {text} = '' THEN NULL WHEN {day} IS NULL THEN 'date' "
            f"WHEN {day} > %(today)s THEN 'future_date' "
            f"WHEN {day} < DATE '2000-01-01' THEN 'date_out_of_range' END"
        )

    carried = ", ".join(
        [
            "id", "line_number", "n_present", "authority_id", "kind", "flag", "bad_id_kind",
            "other_third_party", "eff_kind", *(f"t_{n}" for n in FIELDS),
            *(f"v_{n}" for n in MAX_LENGTHS),
        ]
    )  # fmt: skip
    return f"""
INSERT INTO {CHECKED} (id, line_number, n_present, python, k_num, {", ".join(CHECKED_COLUMNS)})
SELECT w.id, w.line_number, w.n_present, w.python, w.v_order_number,
  w.bad, NOT w.bad AND w.missing > 0, w.authority_id, w.v_order_number,
  coalesce(w.eff_kind, ''), w.debtor_id, w.v_debtor_name, w.received_on, w.order_amount,
  w.answered_on, w.v_case_number, coalesce(w.kind, '{OrderKind.GARNISHMENT.value}'),
  CASE WHEN w.kind = '{OrderKind.DELIVERY.value}' THEN w.v_garnishment_order_number ELSE '' END,
  w.flag, w.pkeys, NULL::jsonb, CASE WHEN w.bad THEN left({raw}, 2000) ELSE '' END
FROM (
  SELECT g.*, cardinality(g.pkeys) > g.missing AS bad FROM (
    SELECT f.*,
      CASE WHEN {any_problem} THEN array_remove(ARRAY[{problems}]::text[], NULL)
           ELSE '{{}}'::text[] END AS pkeys,
      {missing} AS missing,
      CASE WHEN f.eff_kind = 'other' THEN f.v_debtor_id
           WHEN f.id_problem IS NOT NULL THEN ''
           WHEN f.eff_kind = 'id' THEN lpad(f.number::text, 9, '0')
           WHEN f.eff_kind = 'company' THEN f.number::text
           ELSE '' END AS debtor_id,
      CASE WHEN f.received_problem IS NULL THEN f.received_date END AS received_on,
      CASE WHEN f.answered_problem IS NULL THEN f.answered_date END AS answered_on,
      CASE WHEN f.amount_problem IS NULL OR f.amount_problem = 'negative_amount'
           THEN f.amount END AS order_amount
    FROM (
      SELECT e.*,
        CASE e.eff_kind
          WHEN 'id' THEN CASE WHEN e.number IS NULL THEN 'national_id_format'
                              WHEN e.number = 0 THEN 'national_id'
                              WHEN NOT {_luhn("e.number")} THEN 'national_id_checksum' END
          WHEN 'company' THEN CASE WHEN e.number IS NULL THEN 'company_number_format'
                                   WHEN e.number / 100000000 <> 5 THEN 'company_number'
                                   WHEN NOT {_luhn("e.number")} THEN 'company_number_checksum'
                              END
        END AS id_problem,
        {date_problem("e.t_received_on", "e.received_date")} AS received_problem,
        {date_problem("e.t_answered_on", "e.answered_date")} AS answered_problem,
        CASE WHEN e.t_order_amount = '' THEN NULL WHEN e.amount IS NULL THEN 'amount'
             WHEN abs(e.amount) > {MONEY_MAX} THEN 'amount_too_large'
             WHEN e.amount < 0 THEN 'negative_amount' END AS amount_problem
      FROM (
        SELECT {", ".join(f"c.{x.strip()}" for x in carried.split(","))},
          NOT c.plain OR NOT (c.received_hit IS NOT NULL OR c.t_received_on = ''
                              OR {received_readable})
                     OR NOT (c.answered_hit IS NOT NULL OR c.t_answered_on = ''
                              OR {answered_readable}) AS python,
          coalesce(c.received_hit, CASE WHEN c.received_shape IS NOT NULL THEN {received} END)
            AS received_date,
          coalesce(c.answered_hit, CASE WHEN c.answered_shape IS NOT NULL THEN {answered} END)
            AS answered_date,
          CASE WHEN c.unsigned <> '' AND length(c.fraction) < length(c.unsigned)
                 AND (c.fraction = '' OR (left(c.fraction, 1) = '.'
                      AND length(c.fraction) IN (2, 3)
                      AND ltrim(substr(c.fraction, 2), {digits}) = ''))
               THEN (c.sign || c.unsigned)::numeric END AS amount,
          CASE WHEN c.eff_kind IS NULL OR c.eff_kind = 'other' THEN NULL
               WHEN c.nine_digits THEN c.v_debtor_id::int
               WHEN c.eff_kind = 'id' AND c.compact = '' THEN 0
               WHEN length(c.compact) BETWEEN 1 AND 9
                 AND (c.eff_kind = 'id' OR length(c.compact) = 9)
                 AND ltrim(c.compact, {digits}) = '' THEN c.compact::int
          END AS number
        FROM (
          SELECT c.*, ltrim(c.unsigned, {digits}) AS fraction FROM (
            SELECT {", ".join(f"b.{x.strip()}" for x in carried.split(","))},
              b.plain, b.received_hit, b.answered_hit, b.nine_digits,
              CASE WHEN b.received_hit IS NULL AND b.t_received_on <> ''
                   THEN translate(b.t_received_on, {DIGITS}) END AS received_shape,
              CASE WHEN b.answered_hit IS NULL AND b.t_answered_on <> ''
                   THEN translate(b.t_answered_on, {DIGITS}) END AS answered_shape,
              CASE WHEN left(b.amount_text, 1) = '-' THEN '-' ELSE '' END AS sign,
              CASE WHEN left(b.amount_text, 1) = '-' THEN substr(b.amount_text, 2)
                   ELSE b.amount_text END AS unsigned,
              CASE WHEN b.nine_digits THEN b.v_debtor_id
                   ELSE replace(replace(b.v_debtor_id, ' ', ''), '-', '') END AS compact
            FROM (
              SELECT a.*,
                {shortened},
                t.authority_id, r.day AS received_hit, n.day AS answered_hit,
                (a.t_third_party_name <> '' AND NOT {too_long["third_party_name"]}
                  AND lower(a.t_third_party_name COLLATE "C") <> %(third_party)s)
                  AS other_third_party,
                {_case_map('lower(a.t_order_kind COLLATE "C")', ORDER_KINDS)} AS kind,
                CASE WHEN lower(a.t_assets_found COLLATE "C")
                       IN ({", ".join(_quote(w) for w in sorted(TRUE_WORDS))}) THEN true
                     WHEN lower(a.t_assets_found COLLATE "C")
                       IN ({", ".join(_quote(w) for w in sorted(FALSE_WORDS))}) THEN false
                END AS flag,
                (a.t_debtor_id_kind <> '' AND ({id_kind}) IS NULL) AS bad_id_kind,
                CASE WHEN a.t_debtor_id = '' OR {too_long["debtor_id"]} THEN NULL
                     WHEN a.t_debtor_id_kind <> '' THEN {id_kind}
                     WHEN a.nine_digits OR (replace(a.t_debtor_id, '-', '') <> ''
                          AND ltrim(replace(a.t_debtor_id, '-', ''), {digits}) = '')
                       THEN 'id'
                     ELSE 'other' END AS eff_kind,
                CASE WHEN strpos(a.amount_bare, ',') > 0
                       AND a.amount_bare ~ '^[0-9]{{1,3}}(,[0-9]{{3}})+([.][0-9]+)?$'
                     THEN replace(a.amount_bare, ',', '') ELSE a.amount_bare END AS amount_text
              FROM (
                SELECT a.*,
                  length(a.t_debtor_id) = 9 AND ltrim(a.t_debtor_id, {digits}) = ''
                    AS nine_digits,
                  replace(replace(a.t_order_amount, '₪', ''), ' ', '') AS amount_bare
                FROM (
                  SELECT s.id, s.line_number, s.n_present, {plain} AS plain, {blank} AS blank,
                    {", ".join(f"{cell(n)} AS t_{n}" for n in FIELDS)}
                  FROM {STAGE} s
                  WHERE s.checked IS NULL
                  OFFSET 0
                ) a
                WHERE NOT (a.plain AND a.blank)
                OFFSET 0
              ) a
              LEFT JOIN {TERMS} t ON t.code_upper = upper(a.t_authority COLLATE "C")
              LEFT JOIN {DAYS} r ON r.form = a.t_received_on
              LEFT JOIN {DAYS} n ON n.form = a.t_answered_on
              OFFSET 0
            ) b
            OFFSET 0
          ) c
          OFFSET 0
        ) c
        OFFSET 0
      ) e
      OFFSET 0
    ) f
    OFFSET 0
  ) g
  OFFSET 0
) w
UNION ALL
SELECT s.id, s.line_number, s.n_present, false, s.checked->>'order_number',
  {", ".join(_from_json("s.checked"))}
FROM {STAGE} s WHERE s.checked IS NOT NULL
"""


def _check_the_rest(layout: _Layout, check) -> None:
    """The lines the SQL does not read as Python would: checked by `check_line`, their
    results written over the SQL's (a row blank by Python's idea of blank is dropped)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {CHECKED} WHERE python")
        if not cursor.fetchone()[0]:
            return
        cursor.execute(f"CREATE TEMPORARY TABLE {PYTHON_CHECKED} (id bigint, checked jsonb)")
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        dropped: list[int] = []
        cells = ", ".join(f"s.{c}" for c in layout.columns)
        with connection.connection.cursor(name="garnishment_python_lines") as lines:
            lines.itersize = 2000
            lines.execute(
                f"SELECT s.id, s.line_number, s.n_present, ARRAY[{cells}]::text[] "
                f"FROM {STAGE} s JOIN {CHECKED} c ON c.id = s.id WHERE c.python ORDER BY s.id"
            )
            for line_id, number, present, values in lines:
                values = [value if value is not None else "" for value in values]
                if layout.direct:
                    if not any(value.strip() for value in values):
                        dropped.append(line_id)
                        continue
                    row = _rows(layout.header, values)
                else:
                    names = [name for name in layout.header if name]
                    row = dict(zip(names[:present], values[:present], strict=True))
                writer.writerow([line_id, _as_json(check(number, row))])
        buffer.seek(0)
        cursor.cursor.copy_expert(f"COPY {PYTHON_CHECKED} FROM STDIN WITH (FORMAT csv)", buffer)
        if dropped:
            cursor.execute(f"DELETE FROM {CHECKED} WHERE id = ANY(%s)", [dropped])
        assignments = ", ".join(
            f"{name} = {expression}"
            for name, expression in zip(CHECKED_COLUMNS, _from_json("p.checked"), strict=True)
        )
        cursor.execute(
            f"UPDATE {CHECKED} c SET {assignments}, python = false, "
            f"k_num = p.checked->>'order_number' FROM {PYTHON_CHECKED} p WHERE c.id = p.id"
        )
        cursor.execute(f"DROP TABLE {PYTHON_CHECKED}")


# --- Billing (GAR-1, GAR-3, GAR-5, GAR-7, GAR-9, GAR-15, GAR-17) ---------------------------------


class _Params(dict):
    """Named query parameters, added as the SQL that uses them is written."""

    def add(self, value) -> str:
        name = f"p{len(self)}"
        self[name] = value
        return f"%({name})s"


def _fee_sql(params: _Params, schedule: tuple[dict, FeeSchedule], code: str, day: str) -> str:
    """The fee `code` in force on `day` (GAR-15): that of the last change day on or before it."""
    base, changes = schedule
    whens = " ".join(
        f"WHEN {day} >= {params.add(change_day)} THEN {params.add(amounts[code])}::numeric"
        for change_day, amounts in reversed(changes)
    )
    fee = f"{params.add(base[code])}::numeric"
    return f"CASE {whens} ELSE {fee} END" if changes else fee


def _recognised_sql(params: _Params, periods, day: str) -> str:
    """Whether the third party was recognised on `day` (GAR-1, GAR-3)."""
    terms = [
        f"({day} >= {params.add(start)}"
        + (f" AND {day} < {params.add(until)})" if until is not None else ")")
        for start, until in periods
    ]
    return "(" + " OR ".join(terms) + ")" if terms else "false"


def _create_tables(terms: list[tuple], today: date) -> None:
    with connection.cursor() as cursor:
        for name in TEMPORARY:
            cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{name}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {TERMS} (authority_id bigint PRIMARY KEY, code_upper text "
            "UNIQUE, commencement date, notice_from date, term_days int)"
        )
        if terms:
            cursor.execute(
                f"INSERT INTO {TERMS} SELECT * FROM unnest(%s::bigint[], %s::text[], %s::date[], "
                "%s::date[], %s::int[])",
                [list(column) for column in zip(*terms, strict=True)],
            )
        cursor.execute(f"CREATE TEMPORARY TABLE {DAYS} (form text PRIMARY KEY, day date NOT NULL)")
        cursor.execute(
            f"INSERT INTO {DAYS} SELECT to_char(d, f), d::date "
            "FROM generate_series(DATE '2000-01-01', %s::date, interval '1 day') d, "
            "unnest(%s::text[]) f",
            [today, list(DAY_FORMS)],
        )
        cursor.execute(f"ANALYZE {DAYS}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {CHECKED} (id bigint, line_number int, n_present int, "
            "python boolean, rejected boolean, withheld boolean, authority_id bigint, "
            "order_number text, debtor_id_kind text, debtor_id text, debtor_name text, "
            "received_on date, order_amount numeric, answered_on date, case_number text, "
            "order_kind text, garnishment_order_number text, assets_found boolean, pkeys text[], "
            "pjson jsonb, raw text, k_num text, dok boolean NOT NULL DEFAULT false)"
        )


def _redirect_deliveries(third_party_id: int) -> None:
    """A delivery order naming an order already known (billed before, or answered by an
    earlier line) is part of handling that order (GAR-6, GAR-7): its line goes to that order.
    Whether an order is known depends on the lines before, so the delivery lines (few) are
    decided in line order here."""
    delivery = (
        f"NOT rejected AND order_kind = '{OrderKind.DELIVERY.value}' "
        "AND garnishment_order_number <> ''"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT c.id, c.authority_id, c.order_number, c.garnishment_order_number, "
            f"EXISTS (SELECT 1 FROM {Order._meta.db_table} o WHERE o.third_party_id = %s "
            "AND o.authority_id = c.authority_id AND o.order_number = c.garnishment_order_number) "
            f"FROM {CHECKED} c WHERE {delivery} ORDER BY c.id",
            [third_party_id],
        )
        deliveries = cursor.fetchall()
        if not deliveries:
            return
        # The first line answering each named order that is not itself a delivery of another.
        cursor.execute(
            f"SELECT authority_id, order_number, min(id) FROM {CHECKED} c WHERE NOT rejected "
            f"AND NOT ({delivery}) AND (authority_id, order_number) IN "
            f"(SELECT authority_id, garnishment_order_number FROM {CHECKED} WHERE {delivery}) "
            "GROUP BY 1, 2"
        )
        first_plain = {(a, n): line for a, n, line in cursor.fetchall()}
        created: dict[tuple[int, str], int] = {}
        redirected = []
        for line, authority, own, named, billed_before in deliveries:
            key = (authority, named)
            known = (
                billed_before or first_plain.get(key, line) < line or created.get(key, line) < line
            )
            if known:
                redirected.append(line)
            else:
                created.setdefault((authority, own), line)
        if redirected:
            cursor.execute(
                f"UPDATE {CHECKED} SET k_num = garnishment_order_number, dok = true "
                "WHERE id = ANY(%s)",
                [redirected],
            )


def _complete_sql() -> str:
    """Withheld lines of earlier reports completed by this report's first line of the same
    order that is not withheld itself (GAR-9, GAR-11), in one statement; before this report's
    lines are written, so none of them is taken for an earlier one."""
    lines, orders = ReportLine._meta.db_table, Order._meta.db_table
    return f"""
WITH done AS (
  UPDATE {lines} w SET status = '{ReportLine.Status.ACCEPTED.value}',
    completed_by_id = f.first_accepted, due_on = %(today)s::date + f.term_days
  FROM (
    SELECT o.id AS order_id, min(c.id) FILTER (WHERE NOT c.withheld) AS first_accepted,
      min(t.term_days) AS term_days
    FROM {CHECKED} c
    JOIN {orders} o ON o.third_party_id = %(third_party_id)s AND o.authority_id = c.authority_id
      AND o.order_number = c.k_num
    JOIN {TERMS} t ON t.authority_id = c.authority_id
    WHERE NOT c.rejected
    GROUP BY o.id
  ) f
  WHERE f.first_accepted IS NOT NULL AND w.order_id = f.order_id
    AND w.status = '{ReportLine.Status.WITHHELD.value}'
  RETURNING w.report_id
)
SELECT DISTINCT report_id FROM done
"""


def _bill_sql(params: _Params, schedule, periods) -> str:
    """One statement: every order of the report's lines with its fee decided from its first
    received date (GAR-7, GAR-15, GAR-17), written by INSERT … ON CONFLICT; every line with
    what it bills, in line order within its order (the 2 → 19 upgrade billed as 17, a delivery
    of a billed order as nothing) and the withheld lines a later line of the order completes.
    Returns the report's counts."""
    day = "x.order_received"
    recognised = _recognised_sql(params, periods, day)
    assets_fee = _fee_sql(params, schedule, ASSETS_FOUND, day)
    no_assets_fee = _fee_sql(params, schedule, NO_ASSETS, day)
    lines, orders = ReportLine._meta.db_table, Order._meta.db_table
    sequence = f"{_quote(_sequence(Order))}::regclass"
    catalogue = params.add(json.dumps(_catalogue(), ensure_ascii=False))
    problems = (
        "coalesce(c.pjson, CASE WHEN cardinality(c.pkeys) = 0 THEN '[]'::jsonb ELSE "
        f"(SELECT jsonb_agg({catalogue}::jsonb -> u.k ORDER BY u.o) FROM unnest(c.pkeys) "
        "WITH ORDINALITY AS u(k, o)) END)"
    )
    copied = (
        "c.id, %(report_id)s, c.line_number, {status}, c.authority_id, {order}, c.order_number, "
        "c.debtor_id_kind, c.debtor_id, c.debtor_name, c.received_on, c.order_amount, "
        "c.answered_on, c.case_number, c.order_kind, c.garnishment_order_number, c.assets_found"
    )
    refused = "(c.refusal IS NOT NULL OR c.blocked)"
    status = (
        f"CASE WHEN NOT c.withheld OR c.completer IS NOT NULL "
        f"THEN '{ReportLine.Status.ACCEPTED.value}' ELSE '{ReportLine.Status.WITHHELD.value}' END"
    )
    return f"""
WITH billed AS MATERIALIZED (
  SELECT x.*,
    max(x.new_order_id) OVER k AS order_id,
    greatest(x.b0, coalesce(max(CASE WHEN NOT x.blocked THEN x.fee END)
      OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)) AS before
  FROM (
    SELECT x.*,
      CASE WHEN x.rn = 1 THEN coalesce(x.existing_id, nextval({sequence})) END AS new_order_id,
      x.dok AND (x.b0 > 0 OR x.rn > 1) AS blocked,
      CASE WHEN x.assets_found THEN x.assets_fee ELSE x.no_assets_fee END AS fee,
      CASE WHEN x.refusal IS NULL AND (x.n_plain > 0 OR (x.first_dok AND x.b0 = 0)) THEN
        CASE WHEN x.any_assets_plain OR (x.first_dok AND x.b0 = 0 AND x.first_assets)
             THEN x.assets_fee ELSE x.no_assets_fee END
      END AS top
    FROM (
      SELECT x.*,
        CASE WHEN x.commencement IS NULL OR {day} < x.commencement
               THEN '{FeeReason.BEFORE_COMMENCEMENT.value}'
             WHEN NOT {recognised} THEN '{FeeReason.NOT_RECOGNISED.value}'
             WHEN x.notice_from IS NULL OR {day} < x.notice_from
               THEN '{FeeReason.NO_NOTICE.value}'
        END AS refusal,
        {assets_fee} AS assets_fee,
        {no_assets_fee} AS no_assets_fee
      FROM (
        SELECT c.id, c.line_number, c.authority_id, c.k_num, c.dok, c.withheld, c.order_number,
          c.debtor_id_kind, c.debtor_id, c.debtor_name, c.received_on, c.order_amount,
          c.answered_on, c.case_number, c.order_kind, c.garnishment_order_number,
          c.assets_found, c.pkeys, c.pjson, o.id AS existing_id, coalesce(o.billed_amount, 0) AS b0,
          o.fee_code AS existing_fee_code, t.commencement, t.notice_from, t.term_days,
          coalesce(o.received_on, first_value(c.received_on) OVER w) AS order_received,
          row_number() OVER w AS rn,
          first_value(c.dok) OVER w AS first_dok,
          first_value(c.assets_found) OVER w AS first_assets,
          coalesce(bool_or(c.assets_found) FILTER (WHERE NOT c.dok) OVER k, false)
            AS any_assets_plain,
          count(*) FILTER (WHERE NOT c.dok) OVER k AS n_plain,
          min(CASE WHEN NOT c.withheld THEN c.id END)
            OVER (w ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS completer
        FROM {CHECKED} c
        JOIN {TERMS} t ON t.authority_id = c.authority_id
        LEFT JOIN {orders} o ON o.third_party_id = %(third_party_id)s
          AND o.authority_id = c.authority_id AND o.order_number = c.k_num
        WHERE NOT c.rejected
        WINDOW w AS (PARTITION BY c.authority_id, c.k_num ORDER BY c.id),
          k AS (PARTITION BY c.authority_id, c.k_num)
      ) x
      OFFSET 0
    ) x
    OFFSET 0
  ) x
  WINDOW w AS (PARTITION BY x.authority_id, x.k_num ORDER BY x.id),
    k AS (PARTITION BY x.authority_id, x.k_num)
),
new_orders AS (
  -- A new order: the unique (third party, authority, order number) constraint refuses a
  -- second one, so the order is billed once even if two reports raced past the lock.
  INSERT INTO {orders} (id, third_party_id, authority_id, order_number, received_on,
    billed_amount, fee_code)
  SELECT order_id, %(third_party_id)s, authority_id, k_num, order_received, coalesce(top, 0),
    CASE WHEN top > 0 THEN CASE WHEN top = assets_fee THEN '{ASSETS_FOUND}' ELSE '{NO_ASSETS}' END
         ELSE '' END
  FROM billed WHERE rn = 1 AND existing_id IS NULL
),
billed_again AS (
  -- An order billed before that this report bills more (the 2 -> 19 upgrade, GAR-7).
  INSERT INTO {orders} (id, third_party_id, authority_id, order_number, received_on,
    billed_amount, fee_code)
  SELECT order_id, %(third_party_id)s, authority_id, k_num, order_received, top,
    CASE WHEN top = assets_fee THEN '{ASSETS_FOUND}' ELSE '{NO_ASSETS}' END
  FROM billed WHERE rn = 1 AND existing_id IS NOT NULL AND top > b0
  ON CONFLICT (third_party_id, authority_id, order_number) DO UPDATE
    SET billed_amount = EXCLUDED.billed_amount, fee_code = EXCLUDED.fee_code
),
new_lines AS (
  INSERT INTO {lines} (id, report_id, line_number, status, authority_id, order_id, order_number,
    debtor_id_kind, debtor_id, debtor_name, received_on, order_amount, answered_on, case_number,
    order_kind, garnishment_order_number, assets_found, fee_code, fee_billed, fee_reason,
    problems, raw, due_on, completed_by_id)
  SELECT {copied.format(status=status, order="c.order_id")},
    CASE WHEN {refused} THEN '' WHEN c.assets_found THEN '{ASSETS_FOUND}' ELSE '{NO_ASSETS}' END,
    CASE WHEN {refused} THEN 0 ELSE greatest(c.fee - c.before, 0) END,
    CASE WHEN c.refusal IS NOT NULL THEN c.refusal
         WHEN c.blocked THEN '{FeeReason.DELIVERY_OF_BILLED_ORDER.value}'
         WHEN c.fee <= c.before THEN '{FeeReason.ALREADY_BILLED.value}'
         WHEN c.before > 0 THEN '{FeeReason.UPGRADE.value}'
         ELSE '{FeeReason.BILLED.value}' END,
    {problems}, '',
    CASE WHEN NOT c.withheld OR c.completer IS NOT NULL THEN %(today)s::date + c.term_days END,
    CASE WHEN c.withheld THEN c.completer END
  FROM billed c
  UNION ALL
  SELECT {copied.format(status=f"'{ReportLine.Status.REJECTED.value}'", order="NULL::bigint")},
    '', 0, '{FeeReason.REJECTED.value}', {problems}, c.raw, NULL::date, NULL::bigint
  FROM {CHECKED} c WHERE c.rejected
  RETURNING status, fee_billed
)
SELECT count(*), count(*) FILTER (WHERE status = '{ReportLine.Status.ACCEPTED.value}'),
  count(*) FILTER (WHERE status = '{ReportLine.Status.WITHHELD.value}'),
  count(*) FILTER (WHERE status = '{ReportLine.Status.REJECTED.value}'),
  coalesce(sum(fee_billed) FILTER (WHERE status = '{ReportLine.Status.ACCEPTED.value}'), 0)
FROM new_lines
"""


@cache
def _catalogue() -> dict[str, dict]:
    """Every problem the SQL can find, as `check_line` words it ({"field:code": problem}); an
    identifier's, taken from `check_line` itself on a line showing it."""

    catalogue = {f"{name}:{code}": problem(name, code) for name in FIELDS for code in MESSAGES}
    samples = {
        "national_id_format": ("id", "1234567890"),
        "national_id": ("id", "0"),
        "national_id_checksum": ("id", "302466338"),
        "company_number_format": ("company", "1"),
        "company_number": ("company", "416179157"),
        "company_number_checksum": ("company", "520000473"),
    }
    for code, (kind, number) in samples.items():
        found = [
            p
            for p in line_checks.check_line(
                2,
                {"debtor_id_kind": kind, "debtor_id": number},
                authority_ids={},
                third_party_name="",
                today=date.today(),
            ).problems
            if p["field"] == "debtor_id" and p["code"] == code
        ]
        catalogue[f"debtor_id:{code}"] = found[0]
    return catalogue


@dataclass
class Billed:
    """What billing a report did: its counts (GAR-18) and the earlier reports whose withheld
    lines it completed."""

    totals: dict
    completed: set[int]


def bill_report(report: Report, json_lines: list | None, *, today: date) -> Billed | None:
    """Check and bill every line of `report` set-based (its third party locked by the caller),
    or None when the fee schedule is one this path does not bill (`applies`)."""
    schedule = fee_schedule()
    if not applies(schedule):
        return None
    third_party = report.third_party
    authorities = list(ServingAuthority.objects.all())
    authority_ids = {a.code.upper(): a.pk for a in authorities}
    code_of = {pk: code for code, pk in authority_ids.items()}
    arrangements = {
        a.authority_id: a.payment_term_days
        for a in ServiceArrangement.objects.filter(third_party=third_party)
    }
    entitlements = entitlements_of(third_party, authorities)
    terms = [
        (
            a.pk,
            code_of.get(a.pk),
            entitlements[a.pk].commencement,
            entitlements[a.pk].notice_from,
            arrangements.get(a.pk, DEFAULT_PAYMENT_TERM_DAYS),
        )
        for a in authorities
    ]
    periods = entitlements[authorities[0].pk].recognised if authorities else ()

    def check(number: int, row: dict) -> CheckedLine:
        return line_checks.check_line(
            number,
            row,
            authority_ids=authority_ids,
            third_party_name=third_party.name,
            today=today,
        )

    _create_tables(terms, today)
    layout = _stage(report, json_lines, check)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute("SET LOCAL jit = off")  # compiling these statements costs more than it saves
        cursor.execute(
            _check_sql(layout), {"today": today, "third_party": third_party.name.casefold()}
        )
        _check_the_rest(layout, check)
        _redirect_deliveries(third_party.pk)
        cursor.execute(_complete_sql(), {"today": today, "third_party_id": third_party.pk})
        completed = {row[0] for row in cursor.fetchall()}
        params = _Params(third_party_id=third_party.pk, report_id=report.pk, today=today)
        cursor.execute(_bill_sql(params, schedule, periods), params)
        counts = cursor.fetchone()
        for name in TEMPORARY:
            cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{name}")
    totals = dict(
        zip(
            ("line_count", "accepted_count", "withheld_count", "rejected_count", "billed_total"),
            counts,
            strict=True,
        )
    )
    return Billed(totals=totals, completed=completed - {report.pk})


def _stage(report: Report, json_lines: list | None, check) -> _Layout:
    """Put the report's lines in the staging table: the file itself when COPY reads it as the
    csv module would, else the rows the Python readers give."""
    if report.file_format == "csv":
        report.original_file.open("rb")
        try:
            layout = _direct_layout(report.original_file.file, report.encoding or "utf-8-sig")
        finally:
            report.original_file.close()
        if layout is not None and _stage_directly(report, layout):
            return layout
    report.original_file.open("rb")
    try:
        if report.file_format == "json":
            rows = line_checks.read_json_lines(
                json_lines
                if json_lines is not None
                else line_checks.json_body_lines(report.original_file.file)
            )
        else:
            rows = line_checks.READERS[report.file_format](
                report.original_file.file, encoding=report.encoding or "utf-8-sig"
            )
        first = next(rows, None)
        order = list(first[1]) if first is not None else []
        names = order + [name for name in FIELDS if name not in order]
        columns = [f"c{i}" for i in range(len(names))]
        layout = _Layout(
            columns=columns,
            fields=dict(zip(names, columns, strict=True)),
            raw_fields=names,
            direct=False,
            header=names,
        )
        if first is not None:
            _stage_rows(chain([first], rows), layout, check)
        else:
            _create_stage(len(columns), direct=False)
    finally:
        report.original_file.close()
    return layout
