"""Keeping submitted lines (GAR-10) and, past the retention period, removing the personal data
they hold: the debtors' details, the lines as received and the original files."""

from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.models import User
from taxportal.texts import said

from ..models import Report, ReportLine
from ..rules import ANSWERS_REPORT_MAX_YEARS


def purge_before(today: date) -> datetime:
    """Reports submitted before this moment are past the three years (GAR-10) and the
    retention period after them."""
    years = ANSWERS_REPORT_MAX_YEARS + max(settings.GARNISHMENT_RETENTION_YEARS, 0)
    return timezone.make_aware(datetime.combine(today - relativedelta(years=years), time.min))


@transaction.atomic
def reports_purge_personal_data(*, today: date, actor: User | None = None) -> int:
    """Remove the personal data of every report past retention, keeping what was billed and
    paid; each report's purge is audited. Returns how many reports were purged."""
    reports = list(
        Report.objects.select_for_update()
        .filter(submitted_at__lt=purge_before(today), personal_data_purged_at__isnull=True)
        .order_by("pk")
    )
    for report in reports:
        lines = ReportLine.objects.filter(report=report).update(
            debtor_id="", debtor_name="", raw="", case_number=""
        )
        if report.original_file:
            report.original_file.delete(save=False)
        report.personal_data_purged_at = timezone.now()
        report.save(update_fields=["original_file", "personal_data_purged_at"])
        audit_record(
            actor=actor,
            action=gettext_noop("garnishment report personal data removed"),
            target=report,
            reason=said(
                gettext_noop("past %(kept)s + %(retention)s years"),
                kept=ANSWERS_REPORT_MAX_YEARS,
                retention=settings.GARNISHMENT_RETENTION_YEARS,
            ),
            changes={"lines": lines, "original_file": "deleted"},
        )
    return len(reports)
