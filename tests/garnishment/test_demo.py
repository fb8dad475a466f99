"""The demo data loads twice without harm and shows reports in every state."""

from datetime import date

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from garnishment.models import MonthlyStatement, Report, ReportLine, ServingAuthority, ThirdParty

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    """The demo reports cover September to November 2026."""
    with time_machine.travel(date(2026, 11, 21), tick=True):
        yield


def test_demo_is_idempotent_with_every_state(settings, client):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    counts = (Report.objects.count(), ReportLine.objects.count(), MonthlyStatement.objects.count())
    call_command("load_demo", verbosity=0)
    assert counts == (
        Report.objects.count(),
        ReportLine.objects.count(),
        MonthlyStatement.objects.count(),
    )
    assert ThirdParty.objects.count() == 2 and ServingAuthority.objects.count() == 3
    assert set(ReportLine.objects.values_list("status", flat=True)) == set(ReportLine.Status)
    assert ReportLine.objects.filter(completed_by__isnull=False).exists()
    assert ReportLine.objects.filter(fee_reason="upgrade").exists()
    assert ReportLine.objects.filter(fee_reason="before_commencement").exists()
    assert client.login(username="bank_submitter", password="demo-pass-2026")
    assert client.get(reverse("garnishment:reports")).status_code == 200
    with open(settings.BASE_DIR / "fixtures/garnishment/sample_report.csv", "rb") as sample:
        response = client.post(
            reverse("garnishment:reports"), {"period": "2026-11", "file": sample}
        )
    report = Report.objects.get(original_name="sample_report.csv")
    assert response.url == reverse("garnishment:report_detail", args=[report.pk])
    assert (report.accepted_count, report.withheld_count, report.rejected_count) == (3, 1, 3)
