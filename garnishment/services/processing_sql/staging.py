"""Stage 1: the report's lines into a temporary staging table by COPY FROM STDIN, the file itself
when COPY reads it as the csv module would, else the rows the Python readers give."""

import csv
import io
from collections.abc import Iterator
from itertools import chain

from django.db import DatabaseError, connection, transaction

from ... import lines as line_checks
from ...lines.readers import canonical_columns
from ...models import Report, ReportLine
from .common import (
    COPY_CHUNK,
    CSV_FIELD_LIMIT,
    FIELDS,
    STAGE,
    Layout,
    as_json,
    quote,
    sequence_of,
)

# What COPY reads otherwise than the csv module: a quote character (quoted fields, line breaks
# inside them), the end-of-data marker. A file holding one is read by Python.
COPY_BREAKERS = (b'"', b"\\.")
ENCODINGS = {"utf-8": "UTF8", "utf-8-sig": "UTF8"}


class _NotForCopy(Exception):
    """The file holds something COPY would read otherwise than the csv module."""


class _FileForCopy:
    """The stored file as COPY reads it, given up (by raising) at the first quote character,
    end-of-data marker or line longer than a field the csv module takes; on the way it notes
    what the checks can skip for the whole file: any byte outside printable ASCII, any space
    next to a separator (a cell to trim)."""

    BLOCK = CSV_FIELD_LIMIT // 2
    CONTROLS = bytes([*range(0, 10), 11, 12, *range(14, 32), 127])
    # Line breaks read as separators, so that two searches find a space next to any of them
    # (a search for two bytes costs as much as a pass over the chunk; one byte, far less).
    SEPARATORS = bytes.maketrans(b"\n\r", b",,")

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
        if any(breaker[:1] in window and breaker in window for breaker in COPY_BREAKERS):
            raise _NotForCopy
        first, final = chunk.find(b"\n"), chunk.rfind(b"\n")
        # A line longer than the field limit: across chunks by the running count, within one
        # by some aligned block of half the limit holding no line break.
        if self.run + (len(chunk) if first < 0 else first) > CSV_FIELD_LIMIT or any(
            chunk.find(b"\n", i, i + self.BLOCK) < 0
            for i in range(0, len(chunk) - self.BLOCK + 1, self.BLOCK)
        ):
            raise _NotForCopy
        self.run = self.run + len(chunk) if first < 0 else len(chunk) - final - 1
        if self.plain_ascii and not (
            chunk.isascii() and len(chunk.translate(None, self.CONTROLS)) == len(chunk)
        ):
            self.plain_ascii = False
        if not self.spaces:
            separated = window.translate(self.SEPARATORS)
            self.spaces = b" ," in separated or b", " in separated
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
                self.writer.writerow([number, "", *self.empty, as_json(self.check(number, row))])
        data = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return data


def _create_stage(width: int, direct: bool) -> None:
    cells = ", ".join(f"c{i} text" for i in range(width))
    number = "int GENERATED ALWAYS AS IDENTITY (START WITH 2)" if direct else "int"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{STAGE}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {STAGE} (line_number {number}, "
            f"id bigint DEFAULT nextval({quote(sequence_of(ReportLine))}::regclass), "
            f"n_present int, checked jsonb{', ' if cells else ''}{cells})"
        )


def _direct_layout(binary, encoding: str) -> Layout | None:
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
    return Layout(
        columns=columns,
        fields={name: column for name, column in zip(mapped, columns, strict=True) if name},
        raw_fields=named,
        direct=True,
        header=mapped,
    )


def _stage_directly(report: Report, layout: Layout) -> bool:
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


def _stage_rows(rows, layout: Layout, check) -> None:
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


def stage(report: Report, json_lines: list | None, check) -> Layout:
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
        layout = Layout(
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
