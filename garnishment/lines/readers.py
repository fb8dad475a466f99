"""Readers: each yields (line_number, {canonical field: value}). A CSV is read row by row in the
encoding found for it, an XLSX in openpyxl's read-only mode (after `intake` checked its size and
shape), so memory does not grow with the file. Whatever goes wrong while reading is a
`FileProblem` with a message of our own, never the library's."""

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

from .checks import cell_text
from .fields import COLUMNS, HEADER_ALIASES, REQUIRED_COLUMNS, FileProblem

# An XLSX sheet is read up to this column; `intake` refuses a sheet declaring more.
MAX_COLUMNS = 50
# A byte the file's encoding could not read, kept by the "surrogateescape" error handler.
UNDECODED = re.compile("[\udc80-\udcff]")


def _header_map() -> dict[str, str]:
    mapping = {}
    for name, aliases in HEADER_ALIASES.items():
        for alias in [name, *aliases]:
            mapping[_header_key(alias)] = name
    return mapping


def _header_key(text) -> str:
    return re.sub(r"[\s_\-]+", "_", cell_text(text).lower())


def canonical_columns(header: Iterable) -> list[str | None]:
    """The canonical field of each column of the header row; a header without the columns the
    fee depends on names the columns a report has and those missing."""
    mapping = _header_map()
    columns = [mapping.get(_header_key(cell)) for cell in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise FileProblem(
            "missing_columns",
            line=1,
            required=[name for name in COLUMNS if name in REQUIRED_COLUMNS],
            missing=missing,
        )
    return columns


def _rows(columns: list[str | None], cells: Iterable) -> dict:
    return {name: value for name, value in zip(columns, cells, strict=False) if name}


def read_csv(binary, encoding: str = "utf-8-sig") -> Iterator[tuple[int, dict]]:
    """The data rows of a CSV file in `encoding` (found by `intake.detect_encoding`). Bytes
    the encoding cannot read are kept as escapes, so the line they are on is named exactly."""
    text = io.TextIOWrapper(binary, encoding=encoding, errors="surrogateescape", newline="")
    reader = csv.reader(text)

    def readable(cells: list[str]) -> list[str]:
        if UNDECODED.search("".join(cells)):
            raise FileProblem("encoding_at_line", line=reader.line_num, encoding=encoding)
        return cells

    try:
        header = next(reader, None)
        if header is None:
            raise FileProblem("empty")
        columns = canonical_columns(readable(header))
        for cells in reader:
            if any(cell.strip() for cell in readable(cells)):
                yield reader.line_num, _rows(columns, cells)
    except UnicodeError:  # a UTF-16 file cut in the middle of a character
        raise FileProblem("encoding_at_line", line=reader.line_num + 1, encoding=encoding) from None
    except csv.Error:
        raise FileProblem("csv_error", line=reader.line_num + 1) from None
    finally:
        text.detach()


def read_xlsx(binary, encoding: str = "") -> Iterator[tuple[int, dict]]:
    """The data rows of the first sheet of a workbook `intake.inspect_xlsx` let through; XML
    entities are refused by defusedxml, which openpyxl uses when it is installed."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(binary, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a file that is not XLSX
        raise FileProblem("unreadable") from None
    number = 1
    try:
        rows = workbook.worksheets[0].iter_rows(max_col=MAX_COLUMNS, values_only=True)
        header = next(rows, None)
        if header is None:
            raise FileProblem("empty")
        columns = canonical_columns(header)
        for number, cells in enumerate(rows, start=2):
            if any(cell_text(cell) for cell in cells):
                yield number, _rows(columns, cells)
    except FileProblem:
        raise
    except Exception:  # noqa: BLE001 - a sheet broken past its first rows
        raise FileProblem("unreadable", line=number + 1) from None
    finally:
        workbook.close()


def read_json_lines(lines: list, encoding: str = "") -> Iterator[tuple[int, dict]]:
    mapping = _header_map()
    for number, item in enumerate(lines, start=1):
        if not isinstance(item, dict):
            yield number, {}
            continue
        yield (
            number,
            {mapping[_header_key(k)]: v for k, v in item.items() if _header_key(k) in mapping},
        )


def _refuse_constant(name: str):
    raise ValueError(name)  # NaN, Infinity: not numbers a report can carry


def parse_json_body(body: bytes) -> dict:
    """A JSON report body ({"period": "YYYY-MM", "lines": [...]}), numbers read as decimals;
    anything else, nested too deep or not JSON, is a `FileProblem`."""
    try:
        data = json.loads(body, parse_float=Decimal, parse_constant=_refuse_constant)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise FileProblem("json_shape") from None
    if not isinstance(data, dict) or not isinstance(data.get("lines"), list):
        raise FileProblem("json_shape")
    return data


def json_body_lines(binary) -> list:
    """The lines of a stored JSON report body."""
    return parse_json_body(binary.read())["lines"]


READERS = {"csv": read_csv, "xlsx": read_xlsx}
FORMATS = ("csv", "xlsx", "json")


def file_format_of(name: str, content_type: str = "") -> str:
    """A report's format, from its file name or else its content type: csv, xlsx or json."""
    lowered = name.lower()
    if lowered.endswith(".xlsx") or "spreadsheetml" in content_type:
        return "xlsx"
    if lowered.endswith(".json") or "json" in content_type:
        return "json"
    return "csv"
