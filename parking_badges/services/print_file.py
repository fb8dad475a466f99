"""The daily print file for the printing house (BADGE-48), format version 1.

See docs/badge-print-file.md. The file is written in chunks from a streamed query while its
SHA-256 is computed, so memory does not grow with the number of badges. What goes in a file is
decided once, by a single UPDATE that claims the waiting badges for that day's file; writing is
a pure function of the claimed rows, so a file can always be written again byte for byte.
"""

import csv
import hashlib
import io
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.models import User

from ..choices import (
    BadgeStatus,
)
from ..models import (
    Badge,
    PrintFile,
)
from ._locks import locked

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


def relative_path(for_date: date) -> str:
    return f"parking_badges/print_files/badges-{for_date:%Y-%m-%d}.csv"


def _rows(print_file: PrintFile):
    return (
        Badge.objects.filter(print_file=print_file)
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


def write(print_file: PrintFile) -> tuple[str, int]:
    """Write the file of the badges claimed by `print_file`; return (sha256, badge count)."""
    path = Path(settings.MEDIA_ROOT) / relative_path(print_file.for_date)
    path.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    count = 0
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    temporary = path.with_suffix(".part")
    with temporary.open("wb") as out:

        def flush() -> None:
            data = buffer.getvalue().encode("utf-8")
            digest.update(data)
            out.write(data)
            buffer.seek(0)
            buffer.truncate()

        writer.writerow([MAGIC, FORMAT_VERSION, print_file.for_date.isoformat()])
        writer.writerow(COLUMNS)
        for row in _rows(print_file):
            badge_id, *rest = row
            writer.writerow(
                [
                    f"{badge_id:08d}",
                    *rest[:7],
                    rest[7].isoformat(),
                    rest[8].isoformat(),
                    *rest[9:],
                ]
            )
            count += 1
            if count % CHUNK == 0:
                flush()
        flush()
        checksum = digest.hexdigest()
        out.write(f"#END,{count},{checksum}\r\n".encode())
    temporary.replace(path)
    return checksum, count


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
            Badge.objects.filter(
                status=BadgeStatus.ORDERED, print_file__isnull=True, issued_on__lte=for_date
            ).update(print_file=row, status=BadgeStatus.SENT_TO_PRINT)
            row.sha256, row.badge_count = write(row)
            row.save(update_fields=["sha256", "badge_count"])
            audit_record(
                actor=actor,
                action=gettext_noop("print file built"),
                target=row,
                changes={"badges": row.badge_count, "sha256": row.sha256},
            )
            return row
    except IntegrityError:
        return PrintFile.objects.get(for_date=for_date)


def ensure_written(print_file: PrintFile) -> Path:
    """The file on disk, written again from the claimed rows if it went missing."""
    path = Path(settings.MEDIA_ROOT) / relative_path(print_file.for_date)
    if not path.exists():
        write(print_file)
    return path


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
