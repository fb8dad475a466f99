"""Readers: each yields (line_number, {canonical field: value}). A CSV is read row by row, an
XLSX in openpyxl's read-only mode, so memory does not grow with the file."""

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator

# Canonical field names, with their labels and the header names accepted for each.
from .checks import cell_text
from .fields import HEADER_ALIASES, REQUIRED_COLUMNS, FileProblem, field_label


def _header_map() -> dict[str, str]:
    mapping = {}
    for name, aliases in HEADER_ALIASES.items():
        for alias in [name, *aliases]:
            mapping[_header_key(alias)] = name
    return mapping


def _header_key(text) -> str:
    return re.sub(r"[\s_\-]+", "_", cell_text(text).lower())


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
            if any(cell_text(cell) for cell in cells):
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
