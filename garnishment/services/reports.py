"""Receiving monthly reports (GAR-8, GAR-11): the file kept unchanged, billed at once or by a
background task."""

import hashlib
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import Count, Q, Sum

from taxportal.audit import audit_record
from taxportal.models import User

from .. import lines as line_checks
from .. import tasks
from ..models import Report, ReportLine, ThirdParty
from .billing import statements_produce_again
from .processing import bill_report

HASH_CHUNK = 1 << 20


def _hash_and_count_lines(binary) -> tuple[str, int]:
    """The file's SHA-256 and its newline count (a CSV's line count), read once in chunks."""
    digest, newlines = hashlib.sha256(), 0
    binary.seek(0)
    for chunk in iter(lambda: binary.read(HASH_CHUNK), b""):
        digest.update(chunk)
        newlines += chunk.count(b"\n")
    binary.seek(0)
    return digest.hexdigest(), newlines


def _line_count(binary, file_format: str, newlines: int, json_lines: list | None) -> int:
    """How many lines the report has, without reading them: decides where it is billed."""
    if json_lines is not None:
        return len(json_lines)
    if file_format == "xlsx":
        return line_checks.xlsx_row_count(binary)
    return newlines


@transaction.atomic
def report_submit(
    *,
    third_party: ThirdParty,
    period: date,
    binary,
    original_name: str,
    file_format: str,
    channel: str,
    actor: User,
    json_lines: list | None = None,
) -> tuple[Report, bool]:
    """Receive one monthly report (GAR-8, GAR-11): keep the file unchanged, then check and bill
    every line, here for a file of up to GARNISHMENT_SYNC_LINES lines, by a background task
    for a larger one (the report stays "being processed" until then). The same file again
    for the same month returns the report already received and changes nothing; for another
    month it is another report (GAR-11).

    `binary` is the original file (seekable, binary); `json_lines` are the lines of a JSON body
    whose bytes are `binary`. Returns the report and whether it was new.
    """
    # One report of a third party at a time: its orders are billed in order.
    third_party = ThirdParty.objects.select_for_update().get(pk=third_party.pk)
    digest, newlines = _hash_and_count_lines(binary)
    period = period.replace(day=1)
    existing = Report.objects.filter(
        third_party=third_party, period=period, content_hash=digest
    ).first()
    if existing is not None and existing.processing != Report.Processing.FAILED:
        return existing, False
    size = _line_count(binary, file_format, newlines, json_lines)
    if existing is not None:  # processing failed: the same file again tries again
        report = existing
        report.processing, report.file_error = Report.Processing.PENDING, ""
        report.save(update_fields=["processing", "file_error"])
    else:
        report = Report(
            third_party=third_party,
            period=period,
            submitted_by=actor,
            channel=channel,
            original_name=original_name[:255],
            file_format=file_format,
            content_hash=digest,
            processing=Report.Processing.PENDING,
        )
        report.original_file.save(f"{digest}.{file_format}", File(binary), save=False)
        report.save()
    audit_record(
        actor=actor,
        action="garnishment report received",
        target=report,
        reason=f"{channel} {original_name}",
        changes={"lines": size, "in_background": size > settings.GARNISHMENT_SYNC_LINES},
    )
    if size > settings.GARNISHMENT_SYNC_LINES:
        transaction.on_commit(lambda: tasks.process_report.delay(report.pk))
        return report, True
    return report_process(report_id=report.pk, json_lines=json_lines), True


@transaction.atomic
def report_fail(*, report_id: int, error: str) -> Report:
    """Processing a report failed for good (its task gave up): the sender is told to send the
    same file again, which tries again. Nothing was billed: the processing rolled back."""
    report = Report.objects.select_for_update().get(pk=report_id)
    if report.processing != Report.Processing.PENDING:
        return report
    report.processing = Report.Processing.FAILED
    report.save(update_fields=["processing"])
    audit_record(
        actor=None,
        action="garnishment report processing failed",
        target=report,
        reason=error[:500],
        changes={"processing": report.processing},
    )
    return report


def report_refresh_totals(report_ids) -> None:
    """Recount a report's lines by status and its fees billed, in one query per report."""
    for report_id in report_ids:
        totals = ReportLine.objects.filter(report_id=report_id).aggregate(
            line_count=Count("id"),
            accepted_count=Count("id", filter=Q(status=ReportLine.Status.ACCEPTED)),
            withheld_count=Count("id", filter=Q(status=ReportLine.Status.WITHHELD)),
            rejected_count=Count("id", filter=Q(status=ReportLine.Status.REJECTED)),
            billed_total=Sum(
                "fee_billed", filter=Q(status=ReportLine.Status.ACCEPTED), default=Decimal(0)
            ),
        )
        Report.objects.filter(pk=report_id).update(**totals)


@transaction.atomic
def report_process(*, report_id: int, json_lines: list | None = None) -> Report:
    """Check and bill every line of a report received and still being processed (GAR-5 to
    GAR-11). Running it again on a processed report changes nothing (a retried task)."""
    report = Report.objects.select_related("third_party").get(pk=report_id)
    # The third party's lock first, as report_submit takes it: its orders are billed in order.
    ThirdParty.objects.select_for_update().get(pk=report.third_party_id)
    report = Report.objects.select_for_update().select_related("third_party").get(pk=report_id)
    if report.processing != Report.Processing.PENDING:
        return report
    completed: set[int] = set()
    try:
        completed = bill_report(report, json_lines)
    except line_checks.FileProblem as problem:
        item = line_checks.problem("file", problem.code)
        report.file_error = f"{item['message']} {problem.detail}".strip()
    report.processing = Report.Processing.DONE
    report.save(update_fields=["file_error", "processing"])
    report_refresh_totals({report.pk, *completed})
    report.refresh_from_db()
    # A line completed since a statement was produced changes what is payable (GAR-9, GAR-18).
    statements_produce_again(
        periods=set(
            Report.objects.filter(pk__in={report.pk, *completed}).values_list("period", flat=True)
        )
    )
    audit_record(
        actor=report.submitted_by,
        action="garnishment report billed",
        target=report,
        reason="lines checked and billed",
        changes={
            "lines": report.line_count,
            "accepted": report.accepted_count,
            "withheld": report.withheld_count,
            "rejected": report.rejected_count,
            "billed": report.billed_total,
        },
    )
    return report
