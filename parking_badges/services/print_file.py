"""The daily print file for the printing house (BADGE-48), format version 1.

See docs/badge-print-file.md. The file is written in chunks from a streamed query while its
SHA-256 is computed, so memory does not grow with the number of badges. What goes in a file is
decided once, by a single `INSERT … SELECT` that claims the waiting badges for that day's file
in the narrow claim table (issue 18: the wide badge row is not rewritten; its "sent to the
printing house" is derived from the claim); writing is a pure function of the claimed rows, so
a file can always be written again byte for byte. The file is kept through the storage API
(local disk or object store), never by a local path.
"""

import csv
import hashlib
import io
import tempfile
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.locks import locked
from taxportal.models import User

from ..choices import (
    BadgeStatus,
)
from ..models import (
    Badge,
    PrintClaim,
    PrintFile,
)
from ..selectors import last_waiting_marker, print_file_badges
from .badge_events import print_file_tell_holders_later

FORMAT_VERSION = 1

MAGIC = "#TAXPORTAL-BADGE-PRINT-FILE"

COLUMNS = [
    "badge_number",
    "national_id",
    "holder_name",
    "street",
    "city",
    "postal_code",
    "vehicle_1",
    "vehicle_2",
    "issued_on",
    "valid_until",
    "copies",
    "reason",
]

CHUNK = 2000
SPOOL_BYTES = 8 * 1024 * 1024  # a bigger file is spooled on a temporary file, not in memory
COPY_BUFFER_BYTES = 1024 * 1024  # COPY's rows are hashed and written this much at a time


def relative_path(for_date: date) -> str:
    return f"parking_badges/print_files/badges-{for_date:%Y-%m-%d}.csv"


def _rows(print_file: PrintFile):
    return (
        print_file_badges(print_file)
        .order_by("id")
        .values_list(
            "id",
            "holder_national_id",
            "holder_name",
            "street",
            "city",
            "postal_code",
            "vehicle_number_1",
            "vehicle_number_2",
            "issued_on",
            "valid_until",
            "copies",
            "reason",
        )
        .iterator(chunk_size=CHUNK)
    )


def _python_lines(print_file: PrintFile, writer, buffer: io.StringIO):
    """The badge lines as the csv module writes them: (bytes, lines) a chunk at a time."""
    pending = 0
    for row in _rows(print_file):
        badge_id, *rest = row
        writer.writerow(
            [f"{badge_id:08d}", *rest[:7], rest[7].isoformat(), rest[8].isoformat(), *rest[9:]]
        )
        pending += 1
        if pending == CHUNK:
            yield buffer.getvalue().encode("utf-8"), pending
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    yield buffer.getvalue().encode("utf-8"), pending


def _copy_sql(print_file: PrintFile) -> tuple[str, list[int]]:
    """The file's columns in COPY's CSV format, which quotes a value exactly as the csv module
    does (QUOTE_MINIMAL: when it holds a comma, a quote, CR or LF; quotes doubled), except the
    empty string, which COPY writes `""`: an empty value is sent as NULL (an unquoted empty
    field). Dates are written by the ISO DateStyle (set for the statement) as `YYYY-MM-DD`,
    cheaper than `to_char`. COPY ends each row with LF: the writer makes it CRLF. The file's
    claims are found by their badge key's range (`print_file_badges`)."""
    text_columns = (
        "holder_national_id",
        "holder_name",
        "street",
        "city",
        "postal_code",
        "vehicle_number_1",
        "vehicle_number_2",
    )
    cells = [
        "lpad(b.id::text, 8, '0')",
        *(f"NULLIF(b.{name}, '')" for name in text_columns),
        "b.issued_on",
        "b.valid_until",
        "b.copies",
        "NULLIF(b.reason, '')",
    ]
    where, params = "c.print_file_id = %s", [print_file.pk]
    if print_file.claimed_from is not None and print_file.claimed_up_to is not None:
        where += " AND c.badge_id BETWEEN %s AND %s"
        params += [print_file.claimed_from, print_file.claimed_up_to]
    return (
        f"COPY (SELECT {', '.join(cells)} FROM {PrintClaim._meta.db_table} c "
        f"JOIN {Badge._meta.db_table} b ON b.id = c.badge_id "
        f"WHERE {where} ORDER BY c.badge_id) TO STDOUT WITH (FORMAT csv)",
        params,
    )


class _CrlfWriter(io.RawIOBase):
    """Receives COPY's CSV rows in large chunks (behind a BufferedWriter, so the driver's one
    `write` per row stays in C) and passes them on as file lines: each row's closing LF
    becomes CRLF, an LF inside a quoted value stays as the csv module writes it. Hashes and
    writes whole chunks; counts the rows."""

    def __init__(self, out, digest):
        super().__init__()
        self.out, self.digest, self.count, self.quoted = out, digest, 0, False

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        chunk = bytes(data)
        if not self.quoted and b'"' not in chunk:  # no quoted value: every LF ends a row
            self.count += chunk.count(b"\n")
            lines = chunk.replace(b"\n", b"\r\n")
        else:
            lines = self._quoted_lines(chunk)
        self.digest.update(lines)
        self.out.write(lines)
        return len(chunk)

    def _quoted_lines(self, chunk: bytes) -> bytes:
        """A chunk with quotes: an LF ends a row only outside a quoted value (an odd number
        of quotes since the last row's end opens one; a doubled quote changes nothing)."""
        pieces = chunk.split(b"\n")
        for index, piece in enumerate(pieces[:-1]):
            self.quoted ^= piece.count(b'"') % 2 == 1
            if self.quoted:
                pieces[index] = piece + b"\n"
            else:
                pieces[index] = piece + b"\r\n"
                self.count += 1
        self.quoted ^= pieces[-1].count(b'"') % 2 == 1
        return b"".join(pieces)


def _copy_lines(print_file: PrintFile, out, digest) -> int:
    """PostgreSQL writes the badge lines itself (`COPY … TO STDOUT`); returns their count."""
    lines = _CrlfWriter(out, digest)
    buffered = io.BufferedWriter(lines, buffer_size=COPY_BUFFER_BYTES)
    # No savepoint inside the build's transaction (two statements fewer); the DateStyle then
    # holds to its end, harmless: Django writes and reads dates in ISO form whatever the order.
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute("SET LOCAL DateStyle = 'ISO, YMD'")
        query = cursor.mogrify(*_copy_sql(print_file))
        cursor.cursor.copy_expert(query.decode() if isinstance(query, bytes) else query, buffered)
    buffered.flush()
    return lines.count


def write(print_file: PrintFile) -> tuple[str, int]:
    """Write the file of the badges claimed by `print_file`; return (sha256, badge count). On
    PostgreSQL the lines come from `COPY … TO STDOUT`, byte for byte what the csv module would
    write (tested against it), at the database's speed."""
    digest = hashlib.sha256()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([MAGIC, FORMAT_VERSION, print_file.for_date.isoformat()])
    writer.writerow(COLUMNS)
    head = buffer.getvalue().encode("utf-8")
    buffer.seek(0)
    buffer.truncate()
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as out:
        digest.update(head)
        out.write(head)
        if connection.vendor == "postgresql":
            count = _copy_lines(print_file, out, digest)
        else:
            count = 0
            for data, lines in _python_lines(print_file, writer, buffer):
                digest.update(data)
                out.write(data)
                count += lines
        checksum = digest.hexdigest()
        out.write(f"#END,{count},{checksum}\r\n".encode())
        out.seek(0)
        _store(print_file, out)
    return checksum, count


def _store(print_file: PrintFile, content) -> None:
    """Put the written file in the storage under its day's name, replacing what is there."""
    name = relative_path(print_file.for_date)
    storage = print_file.file.storage
    if storage.exists(name):
        storage.delete(name)
    saved = storage.save(name, File(content, name=name))
    if saved != name:  # written at the same moment by another process: the same bytes
        storage.delete(saved)


def badges_ordering_lock() -> None:
    """Taken by every transaction that orders badges, before it creates one: the print file's
    claim (which takes the claim table in EXCLUSIVE mode) then waits for the badges being
    ordered to be committed and holds new ones back until it commits, so every badge id up to
    the claim's `claimed_up_to` is one it could see. SQLite has one writer at a time anyway."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {PrintClaim._meta.db_table} IN ROW SHARE MODE")


def _claim(print_file: PrintFile) -> None:
    """Claim for `print_file` every badge waiting for print (ordered, in no file, issued on or
    before its date) by plain `INSERT … SELECT`s, and note the highest badge id then in
    `claimed_up_to`. Two builds of different days at the same moment take turns on the claim
    table's lock (only builds write it; pages still read it; badge orders wait, see
    `badges_ordering_lock`), so the second one sees the first one's claims; the badge as the
    claim's key is the backstop: no badge is ever in two files.

    The waiting badges are found from the last claim's marker (issue 18): a badge waiting now
    either came after it (id above its `claimed_up_to`: never claimed, read by the key's range,
    no anti-join) or was already there but issued after its date (read by the (status, issue
    date) index, checked against the claims one key lookup each). So a day's claim reads the
    day's badges, not every current badge and every claim ever made."""
    # The claim is the badge's SEND_TO_PRINT transition (from "ordered" only, BADGE_TRANSITIONS),
    # recorded by the claim row rather than by rewriting the badge's status.
    claims, badges = PrintClaim._meta.db_table, Badge._meta.db_table
    insert = (
        f"INSERT INTO {claims} (badge_id, print_file_id) "
        f"SELECT b.id, %s FROM {badges} b WHERE b.status = %s AND b.issued_on <= %s"
    )
    unclaimed = f" AND NOT EXISTS (SELECT 1 FROM {claims} c WHERE c.badge_id = b.id)"
    waiting: list[int | str | date] = [
        print_file.pk,
        BadgeStatus.ORDERED.value,
        print_file.for_date,
    ]
    postgresql = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if postgresql:
            cursor.execute(f"LOCK TABLE {claims} IN EXCLUSIVE MODE")
        previous = last_waiting_marker(besides=print_file)
        cursor.execute(f"SELECT max(id) FROM {badges}")
        print_file.claimed_up_to = up_to = cursor.fetchone()[0] or 0
        print_file.claimed_from = 0
        previous_up_to, previous_date = previous or (None, None)
        if previous is None:  # the first file: no claim yet
            cursor.execute(f"{insert} AND b.id <= %s", [*waiting, up_to])
        elif previous_up_to is None:  # the files before the marker: every badge, every claim
            if postgresql:
                # A hash (or merge) anti-join whatever the claim table's statistics say:
                # planned as a nested loop over a table believed empty, it scanned the claims
                # being inserted once per badge (quadratic: 145 s at 100,000 badges).
                cursor.execute("SET LOCAL enable_nestloop = off")
            cursor.execute(f"{insert} AND b.id <= %s{unclaimed}", [*waiting, up_to])
            if postgresql:
                cursor.execute("RESET enable_nestloop")  # the file is written in this transaction
        else:
            print_file.claimed_from = previous_up_to + 1
            cursor.execute(
                f"{insert} AND b.id > %s AND b.id <= %s", [*waiting, previous_up_to, up_to]
            )
            if postgresql:
                # The few badges issued after the last file's date, one claim key lookup each,
                # never a scan of the claims (their statistics may say the table is empty).
                cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(
                f"{insert} AND b.issued_on > %s AND b.id <= %s{unclaimed} RETURNING badge_id",
                [*waiting, previous_date, previous_up_to],
            )
            for (badge_id,) in cursor.fetchall():  # the file's range reaches down to them
                print_file.claimed_from = min(print_file.claimed_from, badge_id)
            if postgresql:
                cursor.execute("RESET enable_seqscan")


def build(*, for_date: date, actor: User | None) -> PrintFile:
    """Claim every badge waiting for print up to `for_date` for that day's file, and write it.
    A second build of the same day (even a concurrent one) gets the first one's file."""
    try:
        with transaction.atomic():
            row = PrintFile.objects.create(
                for_date=for_date,
                format_version=FORMAT_VERSION,
                file=relative_path(for_date),
                sha256="",
                badge_count=0,
            )
            _claim(row)
            row.sha256, row.badge_count = write(row)
            row.save(update_fields=["sha256", "badge_count", "claimed_from", "claimed_up_to"])
            audit_record(
                actor=actor,
                action=gettext_noop("print file built"),
                target=row,
                changes={"badges": row.badge_count, "sha256": row.sha256},
            )
            print_file_tell_holders_later(row)
            return row
    except IntegrityError:
        return PrintFile.objects.get(for_date=for_date)


def ensure_written(print_file: PrintFile) -> str:
    """The file's name in the storage, written again from the claimed rows if it went missing."""
    name = relative_path(print_file.for_date)
    if not print_file.file.storage.exists(name):
        write(print_file)
    return name


def print_file_build(*, for_date: date, actor: User | None = None) -> PrintFile:
    """BADGE-48: the day's print file. Each badge goes in exactly one file; building a day
    again returns the same file."""
    existing = PrintFile.objects.filter(for_date=for_date).first()
    if existing is not None:
        return existing
    return build(for_date=for_date, actor=actor)


@transaction.atomic
def print_file_mark_downloaded(*, actor: User, print_file_row: PrintFile) -> PrintFile:
    row = locked(print_file_row)
    if row.downloaded_at is None:
        row.downloaded_at = timezone.now()
        row.save(update_fields=["downloaded_at"])
    audit_record(actor=actor, action=gettext_noop("print file downloaded"), target=row)
    return row


@transaction.atomic
def print_file_confirm_receipt(*, actor: User, print_file_row: PrintFile, sha256: str) -> PrintFile:
    """The printing house confirms it received the file intact (by its checksum)."""
    row = locked(print_file_row)
    if sha256.strip().lower() != row.sha256:
        raise ValidationError(_("The checksum does not match the file: download it again."))
    if row.receipt_confirmed_at is None:
        row.receipt_confirmed_at = timezone.now()
        row.receipt_confirmed_by = actor
        row.save(update_fields=["receipt_confirmed_at", "receipt_confirmed_by"])
        audit_record(actor=actor, action=gettext_noop("print file receipt confirmed"), target=row)
    return row
