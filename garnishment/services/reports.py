"""Receiving monthly reports (GAR-8, GAR-11): the file kept unchanged, billed at once or by a
background task."""

import hashlib
import re
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.models import User
from taxportal.texts import said

from .. import lines as line_checks
from .. import tasks
from ..models import Report, ReportLine, ThirdParty
from ..rules import MissingIndexYears
from ..selectors import fee_schedule
from .billing import statements_produce_again
from .processing import bill_report

HASH_CHUNK = 1 << 20
NOT_PRINTABLE = re.compile(r"[\x00-\x1f\x7f]")


def _hash_and_count_lines(binary) -> tuple[str, int]:
    """The file's SHA-256 and its newline count (a CSV's line count), read once in chunks."""
    digest, newlines = hashlib.sha256(), 0
    binary.seek(0)
    for chunk in iter(lambda: binary.read(HASH_CHUNK), b""):
        digest.update(chunk)
        newlines += chunk.count(b"\n")
    binary.seek(0)
    return digest.hexdigest(), newlines


class ReportRefused(ValidationError):
    """A report refused whole, before anything of it was stored (GAR-11): the file's problem,
    with its message in the active language, the line where there is one, and the HTTP status
    an API answers with."""

    def __init__(self, problem: line_checks.FileProblem):
        self.problem = problem
        super().__init__(problem.message(), code=problem.code)

    @property
    def status(self) -> int:
        if self.problem.code == "schedule_incomplete":
            return 503
        return 413 if self.problem.too_large else 422


def _check_schedule() -> None:
    """No report can be billed while the fee schedule cannot be computed (GAR-12)."""
    try:
        fee_schedule()
    except MissingIndexYears:
        raise line_checks.FileProblem("schedule_incomplete") from None


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
    """Receive one monthly report (GAR-8, GAR-11): check the file (size, encoding, shape,
    header, at least one line), keep it unchanged, then check and bill every line, here for a
    file of up to GARNISHMENT_SYNC_LINES lines, by a background task for a larger one (the
    report stays "being processed" until then). A file refused, or a line that cannot be
    stored, stores nothing at all: `ReportRefused`. The same file again for the same month
    returns the report already received and changes nothing; for another month it is another
    report (GAR-11).

    `binary` is the original file (seekable, binary); `json_lines` are the lines of a JSON body
    whose bytes are `binary`. Returns the report and whether it was new.
    """

    def refused(problem: line_checks.FileProblem) -> ReportRefused:
        audit_record(
            actor=actor,
            action=gettext_noop("garnishment report refused"),
            target=third_party,
            reason=said(
                gettext_noop("%(channel)s: %(file)s"),
                channel=Report.Channel(channel).label,
                file=_file_name(original_name),
            ),
            changes={"period": period, "problem": problem.code, "line": problem.line},
        )
        return ReportRefused(problem)

    try:
        _check_schedule()
    except line_checks.FileProblem as problem:
        raise refused(problem) from None
    digest, newlines = _hash_and_count_lines(binary)
    try:
        intake = line_checks.inspect(binary, file_format, newlines=newlines, json_lines=json_lines)
    except line_checks.FileProblem as problem:
        raise refused(problem) from None
    stored: list[str] = []
    try:
        return _receive(
            third_party=third_party,
            period=period.replace(day=1),
            binary=binary,
            original_name=original_name,
            file_format=file_format,
            channel=channel,
            actor=actor,
            json_lines=json_lines,
            digest=digest,
            intake=intake,
            stored=stored,
        )
    except line_checks.FileProblem as problem:
        _discard(stored)
        raise refused(problem) from None
    except BaseException:
        _discard(stored)
        raise


def _discard(names: list[str]) -> None:
    """The files stored by a receipt that rolled back."""
    for name in names:
        default_storage.delete(name)


@transaction.atomic
def _receive(
    *,
    third_party: ThirdParty,
    period: date,
    binary,
    original_name: str,
    file_format: str,
    channel: str,
    actor: User,
    json_lines: list | None,
    digest: str,
    intake: line_checks.Intake,
    stored: list[str],
) -> tuple[Report, bool]:
    # One report of a third party at a time: its orders are billed in order.
    third_party = ThirdParty.objects.select_for_update().get(pk=third_party.pk)
    existing = Report.objects.filter(
        third_party=third_party, period=period, content_hash=digest
    ).first()
    if existing is not None and existing.processing != Report.Processing.FAILED:
        return existing, False
    in_background = intake.lines > settings.GARNISHMENT_SYNC_LINES
    if existing is not None:  # processing failed: the same file again tries again
        report = existing
        report.processing, report.file_problem = Report.Processing.PENDING, {}
        report.save(update_fields=["processing", "file_problem"])
    else:
        report = Report(
            third_party=third_party,
            period=period,
            submitted_by=actor,
            channel=channel,
            original_name=_file_name(original_name),
            file_format=file_format,
            encoding=intake.encoding,
            content_hash=digest,
            processing=Report.Processing.PENDING,
        )
        report.original_file.save(f"{digest}.{file_format}", File(binary), save=False)
        assert report.original_file.name is not None  # named by the save just above
        stored.append(report.original_file.name)
        report.save()
    audit_record(
        actor=actor,
        action=gettext_noop("garnishment report received"),
        target=report,
        reason=said(
            gettext_noop("%(channel)s: %(file)s"),
            channel=Report.Channel(channel).label,
            file=report.original_name,
        ),
        changes={"lines": intake.lines, "in_background": in_background},
    )
    if in_background:
        transaction.on_commit(lambda: tasks.process_report.delay(report.pk))
        return report, True
    return report_process(report_id=report.pk, json_lines=json_lines), True


def _file_name(name: str) -> str:
    """The sender's file name as text a column holds: no path, no control characters."""
    name = NOT_PRINTABLE.sub("", str(name).replace("\\", "/").rsplit("/", 1)[-1]).strip()
    return name.encode("utf-8", "replace").decode("utf-8")[:255] or "report"


@transaction.atomic
def report_fail(*, report_id: int, error: str, problem: dict | None = None) -> Report:
    """Processing a report failed for good: its task gave up (the sender is told to send the
    same file again, which tries again) or the file turned out unreadable past its first lines
    (`problem` says where and why; the sender may remove it). Nothing was billed: the
    processing rolled back."""
    report = Report.objects.select_for_update().get(pk=report_id)
    if report.processing != Report.Processing.PENDING:
        return report
    report.processing = Report.Processing.FAILED
    report.file_problem = problem or {}
    report.save(update_fields=["processing", "file_problem"])
    audit_record(
        actor=None,
        action=gettext_noop("garnishment report processing failed"),
        target=report,
        reason=error[:500],
        changes={"processing": report.processing, "problem": report.file_problem},
    )
    return report


def report_process_in_background(*, report_id: int) -> Report:
    """The background task's work: bill the report, or, when its file cannot be read past
    the checks made on receipt, mark it failed with why (nothing billed)."""
    try:
        return report_process(report_id=report_id)
    except line_checks.FileProblem as problem:
        return report_fail(report_id=report_id, error=problem.code, problem=problem.as_problem())


@transaction.atomic
def report_remove(*, report: Report, actor: User) -> None:
    """The sender removes a report that failed: it has no lines, nothing was billed."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.processing != Report.Processing.FAILED or report.lines.exists():
        raise ValidationError(_("Only a report that failed can be removed."), code="not_failed")
    name = report.original_file.name
    audit_record(
        actor=actor,
        action=gettext_noop("garnishment report removed"),
        target=report,
        reason=said(gettext_noop("failed report removed by its sender")),
        changes={"original_name": report.original_name, "problem": report.file_problem},
    )
    report.delete()
    transaction.on_commit(lambda: default_storage.delete(name) if name else None)


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
    GAR-11), all or nothing: a file unreadable past its first lines raises `FileProblem` and
    rolls back. Running it again on a processed report changes nothing (a retried task)."""
    report = Report.objects.select_related("third_party").get(pk=report_id)
    # The third party's lock first, as report_submit takes it: its orders are billed in order.
    ThirdParty.objects.select_for_update().get(pk=report.third_party_id)
    report = Report.objects.select_for_update().select_related("third_party").get(pk=report_id)
    if report.processing != Report.Processing.PENDING:
        return report
    # A FileProblem rolls back every line.
    completed, counted = bill_report(report, json_lines)
    report.processing = Report.Processing.DONE
    report.save(update_fields=["processing"])
    report_refresh_totals(set(completed) if counted else {report.pk, *completed})
    report.refresh_from_db()
    # A line completed since a statement was produced changes what is payable (GAR-9, GAR-18).
    statements_produce_again(
        periods=set(
            Report.objects.filter(pk__in={report.pk, *completed}).values_list("period", flat=True)
        )
    )
    audit_record(
        actor=report.submitted_by,
        action=gettext_noop("garnishment report billed"),
        target=report,
        reason=said(gettext_noop("lines checked and billed")),
        changes={
            "lines": report.line_count,
            "accepted": report.accepted_count,
            "withheld": report.withheld_count,
            "rejected": report.rejected_count,
            "billed": report.billed_total,
        },
    )
    return report
