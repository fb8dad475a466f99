"""Submitted lines are kept three years, by any path; past the retention period the purge job
removes the personal data (GAR-10)."""

from datetime import date

import pytest
import time_machine
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from garnishment.models import Report, ReportLine
from taxportal.models import AuditEvent
from taxportal.roles import Role

from .helpers import good_row, submit

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL trigger")
def test_gar_10_lines_younger_than_three_years_are_never_deleted(bank, city, submitter):
    report, _ = submit(bank, submitter, [good_row()])
    with pytest.raises(DatabaseError), transaction.atomic():
        ReportLine.objects.filter(report=report).delete()
    assert report.lines.count() == 1


def test_gar_10_the_admin_reads_reports_and_never_deletes_them(
    client, bank, city, submitter, make_user
):
    report, _ = submit(bank, submitter, [good_row()])
    client.force_login(make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True))
    change = client.get(reverse("admin:garnishment_report_change", args=[report.pk]))
    assert change.status_code == 200 and "deletelink" not in change.content.decode()
    listed = client.post(
        reverse("admin:garnishment_report_changelist"),
        {"action": "delete_selected", "_selected_action": [report.pk], "post": "yes"},
    )
    assert listed.status_code in (200, 302) and Report.objects.filter(pk=report.pk).exists()


def test_gar_10_the_daily_job_purges_past_three_plus_retention_years(
    settings, bank, city, submitter
):
    from garnishment.tasks import purge_personal_data

    settings.GARNISHMENT_RETENTION_YEARS = 2
    report, _ = submit(bank, submitter, [good_row(case_number="T-5/26")])  # 15 June 2026
    # 3 + 2 = 5 years: still kept on 15 June 2031, purged from 16 June 2031.
    with time_machine.travel(date(2031, 6, 15), tick=False):
        assert purge_personal_data.delay().get() == 0
    with time_machine.travel(date(2031, 6, 16), tick=False):
        assert purge_personal_data.delay().get() == 1
        assert purge_personal_data.delay().get() == 0  # once
    line = report.lines.get()
    assert (line.debtor_id, line.debtor_name, line.case_number, line.raw) == ("", "", "", "")
    assert str(line.fee_billed) == "19.00" and line.order.billed_amount == line.fee_billed
    report.refresh_from_db()
    assert not report.original_file and report.personal_data_purged_at is not None
    assert AuditEvent.objects.filter(
        action="garnishment report personal data removed", target_id=str(report.pk)
    ).exists()


def test_gar_10_a_purged_report_says_its_file_was_removed(client, bank, city, submitter):
    from garnishment.services import reports_purge_personal_data

    report, _ = submit(bank, submitter, [good_row()])
    reports_purge_personal_data(today=date(2040, 1, 1))
    client.force_login(submitter)
    page = client.get(reverse("garnishment:report_detail", args=[report.pk]))
    assert page.status_code == 200 and "report.csv" in page.content.decode()
    original = client.get(reverse("garnishment:report_original", args=[report.pk]))
    assert original.status_code == 404
