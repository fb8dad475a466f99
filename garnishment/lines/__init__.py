"""Reading a report file line by line and checking every field of every line (GAR-8, GAR-11).

`readers` stream the rows of a file; `checks.check_line` turns one row into a `CheckedLine`
whose problems name the field and say, in Hebrew and English, what is wrong (`fields`).
"""

from .checks import CheckedLine, check_line, parse_amount, parse_date, parse_flag
from .fields import (
    COLUMNS,
    DETAIL_FIELDS,
    FIELD_LABELS,
    HEADER_ALIASES,
    KEY_FIELDS,
    MAX_LENGTHS,
    MESSAGES,
    REQUIRED_COLUMNS,
    FileProblem,
    field_label,
    problem,
    problem_text,
)
from .readers import (
    READERS,
    canonical_columns,
    file_format_of,
    json_body_lines,
    read_csv,
    read_json_lines,
    read_xlsx,
    xlsx_row_count,
)

__all__ = [
    "COLUMNS",
    "DETAIL_FIELDS",
    "FIELD_LABELS",
    "HEADER_ALIASES",
    "KEY_FIELDS",
    "MAX_LENGTHS",
    "MESSAGES",
    "READERS",
    "REQUIRED_COLUMNS",
    "CheckedLine",
    "FileProblem",
    "canonical_columns",
    "check_line",
    "field_label",
    "file_format_of",
    "json_body_lines",
    "parse_amount",
    "parse_date",
    "parse_flag",
    "problem",
    "problem_text",
    "read_csv",
    "read_json_lines",
    "read_xlsx",
    "xlsx_row_count",
]
