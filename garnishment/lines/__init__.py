"""Reading a report file line by line and checking every field of every line (GAR-8, GAR-11).

`readers` stream the rows of a file; `checks.check_line` turns one row into a `CheckedLine`
whose problems name the field and say, in Hebrew and English, what is wrong (`fields`).
"""

from .checks import CheckedLine, cell_text, check_line, parse_amount, parse_date, parse_flag
from .fields import (
    COLUMNS,
    DETAIL_FIELDS,
    FIELD_LABELS,
    FILE_MESSAGES,
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
from .intake import Intake, detect_encoding, inspect
from .readers import (
    FORMATS,
    READERS,
    canonical_columns,
    file_format_of,
    json_body_lines,
    parse_json_body,
    read_csv,
    read_json_lines,
    read_xlsx,
)

__all__ = [
    "COLUMNS",
    "DETAIL_FIELDS",
    "FIELD_LABELS",
    "FILE_MESSAGES",
    "FORMATS",
    "HEADER_ALIASES",
    "KEY_FIELDS",
    "MAX_LENGTHS",
    "MESSAGES",
    "READERS",
    "REQUIRED_COLUMNS",
    "CheckedLine",
    "FileProblem",
    "Intake",
    "canonical_columns",
    "cell_text",
    "check_line",
    "detect_encoding",
    "field_label",
    "file_format_of",
    "inspect",
    "json_body_lines",
    "parse_amount",
    "parse_date",
    "parse_flag",
    "parse_json_body",
    "problem",
    "problem_text",
    "read_csv",
    "read_json_lines",
    "read_xlsx",
]
