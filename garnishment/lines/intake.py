"""Checking a report file before anything of it is stored (GAR-11): its size, its encoding, a
workbook's packaging and declared shape (before any XML parser sees it), the header row and at
least one line. A file that fails is refused whole with a `FileProblem`."""

import codecs
import re
import zipfile
import zlib
from dataclasses import dataclass

from charset_normalizer import from_bytes
from django.conf import settings

from .fields import FileProblem
from .readers import MAX_COLUMNS, read_csv, read_xlsx

MB = 1 << 20
# Enough of a CSV to tell its encoding: an even length, so UTF-16 is never cut in a character.
ENCODING_SAMPLE = 1 << 16
# The encodings a report may come in: Unicode, and the Hebrew ones Excel saves in Israel.
ENCODINGS = ["utf_8", "utf_16", "utf_16_le", "utf_16_be", "cp1255", "iso8859_8"]
XLSX_MEMBERS = 1000
XLSX_CHUNK = 1 << 16
XML_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
SHEET_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="(?:[A-Z]+\d+:)?([A-Z]+)(\d+)"')
SHEET_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="(\d+)"')
SHEET_WIDE_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\sr="([A-Z]{2,3})\d+"')
SHEET_ROW_START = re.compile(rb"<(?:\w+:)?row[\s>/]")
# A sheet may declare rows it does not hold (blank rows are not written), but not this many more:
# reading would produce every empty row in between.
SPARE_ROWS = 10_000
OVERLAP = 256  # a tag cut between two chunks is seen whole in the next window


@dataclass(frozen=True)
class Intake:
    """What the checks found: at most how many lines the file has (deciding whether it is
    billed at once or in the background) and, for a CSV, its encoding."""

    lines: int
    encoding: str = ""


def _limit_lines() -> int:
    return settings.GARNISHMENT_MAX_LINES


def _size(binary) -> int:
    binary.seek(0, 2)
    size = binary.tell()
    binary.seek(0)
    return size


def detect_encoding(binary) -> str:
    """UTF-8 (with or without a BOM), UTF-16 or a Hebrew single-byte encoding, from the start of
    the file (charset-normalizer, limited to the encodings a report may come in)."""
    sample = binary.read(ENCODING_SAMPLE)
    binary.seek(0)
    if not sample.strip():
        raise FileProblem("empty")
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    best = from_bytes(sample, cp_isolation=ENCODINGS).best()
    if best is None:
        raise FileProblem("encoding")
    return best.encoding


def _first_line(rows) -> None:
    """At least one line after the header (the header itself is checked by the reader)."""
    try:
        next(rows)
    except StopIteration:
        raise FileProblem("no_lines") from None
    finally:
        rows.close()


def inspect_csv(binary, newlines: int) -> Intake:
    encoding = detect_encoding(binary)
    if newlines > _limit_lines() + 1:
        raise FileProblem("too_many_lines", too_large=True, max=_limit_lines())
    try:
        _first_line(read_csv(binary, encoding))
    finally:
        binary.seek(0)
    return Intake(lines=newlines, encoding=encoding)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


def _sheet_shape(window: bytes, rows: int, columns: int) -> tuple[int, int]:
    """The largest row number and column a piece of a sheet's XML declares (the window may
    overlap the previous one: only largest values are taken from it)."""
    for column, row in SHEET_DIMENSION.findall(window):
        rows, columns = max(rows, int(row)), max(columns, _column_number(column))
    found = SHEET_ROW.findall(window)
    if found:
        rows = max(rows, int(max(found, key=lambda r: (len(r), r))))
    wide = SHEET_WIDE_CELL.findall(window)
    if wide:
        columns = max(columns, _column_number(max(wide, key=lambda c: (len(c), c))))
    return rows, columns


def inspect_xlsx(binary) -> Intake:
    """A workbook's parts are unpacked once as a stream, before any XML parser reads them:
    their total size is limited (whatever the archive claims), XML declarations (a DTD,
    entities) are refused, and the rows and columns the sheets declare are limited."""
    limit = settings.GARNISHMENT_XLSX_MAX_UNZIPPED_MB * MB
    try:
        archive = zipfile.ZipFile(binary)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise FileProblem("unreadable") from None
    with archive:
        members = archive.infolist()
        if len(members) > XLSX_MEMBERS:
            raise FileProblem("unreadable")
        if sum(member.file_size for member in members) > limit:
            raise FileProblem(
                "unzipped_too_large",
                too_large=True,
                max=settings.GARNISHMENT_XLSX_MAX_UNZIPPED_MB,
            )
        unpacked, rows, columns, held = 0, 0, 0, 0
        for member in members:
            is_xml = member.filename.endswith((".xml", ".rels", ".vml"))
            is_sheet = member.filename.startswith("xl/worksheets/") and is_xml
            tail = b""
            try:
                with archive.open(member) as part:
                    while chunk := part.read(XLSX_CHUNK):
                        unpacked += len(chunk)
                        if unpacked > limit:
                            raise FileProblem(
                                "unzipped_too_large",
                                too_large=True,
                                max=settings.GARNISHMENT_XLSX_MAX_UNZIPPED_MB,
                            )
                        if not is_xml:
                            continue
                        window = tail + chunk
                        if XML_DECLARATION.search(window):
                            raise FileProblem("xml_declarations")
                        if is_sheet:
                            rows, columns = _sheet_shape(window, rows, columns)
                            held += len(SHEET_ROW_START.findall(chunk))
                        tail = window[-OVERLAP:]
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, ValueError):
                raise FileProblem("unreadable") from None  # damaged, encrypted, unsupported
    binary.seek(0)
    if rows > _limit_lines() + 1:
        raise FileProblem("too_many_lines", too_large=True, max=_limit_lines())
    if rows > held + SPARE_ROWS:
        raise FileProblem("declared_rows", too_large=True, declared=rows, held=held)
    if columns > MAX_COLUMNS:
        raise FileProblem("too_many_columns", too_large=True, max=MAX_COLUMNS)
    try:
        _first_line(read_xlsx(binary))
    finally:
        binary.seek(0)
    return Intake(lines=max(rows - 1, 0))


def inspect(binary, file_format: str, *, newlines: int, json_lines: list | None) -> Intake:
    """Every check a report file must pass before anything of it is stored."""
    if json_lines is not None:
        if not json_lines:
            raise FileProblem("no_lines")
        if len(json_lines) > _limit_lines():
            raise FileProblem("too_many_lines", too_large=True, max=_limit_lines())
        return Intake(lines=len(json_lines))
    if _size(binary) > settings.GARNISHMENT_MAX_FILE_MB * MB:
        raise FileProblem("too_large", too_large=True, max=settings.GARNISHMENT_MAX_FILE_MB)
    if file_format == "xlsx":
        return inspect_xlsx(binary)
    return inspect_csv(binary, newlines)
