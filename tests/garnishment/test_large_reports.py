"""A report larger than GARNISHMENT_SYNC_LINES is stored at once and billed by a Celery task;
its page says "being processed" and then shows the results (GAR-8, GAR-11)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from garnishment.models import Order, Report
from garnishment.services import report_process
from taxportal.models import AuditEvent

from .helpers import (
    ASSETS,
    HEADER,
    NO_ASSETS_FEE,
    csv_bytes,
    good_row,
    outcome,
    submit,
    submit_file,
    xlsx_bytes,
)
from .test_pages import token_client

pytestmark = pytest.mark.django_db

ROWS = [good_row(), good_row(order_number="A-2", assets_found="no"), good_row(order_number="")]


@pytest.fixture
def small_threshold(settings):
    settings.GARNISHMENT_SYNC_LINES = 2


def upload(client, rows, name="big.csv"):
    return client.post(
        reverse("garnishment:reports"),
        {"period": "2026-05", "file": SimpleUploadedFile(name, csv_bytes(rows), "text/csv")},
    )


def test_gar_11_large_upload_is_processed_in_the_background(
    client, bank, city, submitter, small_threshold, django_capture_on_commit_callbacks
):
    client.force_login(submitter)
    with django_capture_on_commit_callbacks() as queued:
        response = upload(client, ROWS)
    report = Report.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/{report.pk}/")
    # Received and stored, not billed yet: the page says so.
    assert report.processing == Report.Processing.PENDING
    assert report.lines.count() == 0 and Order.objects.count() == 0
    assert report.original_file.open("rb").read() == csv_bytes(ROWS)
    page = client.get(response.url)
    assert 'id="report-processing"' in page.content.decode()
    assert 'id="report-lines"' not in page.content.decode()
    # The task (eager in tests) bills every line; the page shows the results.
    assert len(queued) == 1
    queued[0]()
    report.refresh_from_db()
    assert report.processing == Report.Processing.DONE
    assert outcome(report) == [
        (2, "accepted", str(ASSETS)),
        (3, "accepted", str(NO_ASSETS_FEE)),
        (4, "rejected", "0.00"),
    ]
    assert report.billed_total == ASSETS + NO_ASSETS_FEE
    page = client.get(response.url).content.decode()
    assert 'id="report-processing"' not in page and 'id="report-lines"' in page
    assert AuditEvent.objects.filter(action="garnishment report billed").count() == 1


def test_gar_11_a_retried_task_bills_nothing_twice(bank, city, submitter, small_threshold):
    report, created = submit(bank, submitter, ROWS)  # on_commit never runs in this transaction
    assert created and report.processing == Report.Processing.PENDING
    report_process(report_id=report.pk)
    billed = report_process(report_id=report.pk)
    assert billed.processing == Report.Processing.DONE
    assert billed.line_count == 3 and billed.billed_total == ASSETS + NO_ASSETS_FEE
    assert Order.objects.count() == 2


def test_gar_11_small_upload_stays_synchronous(client, bank, city, submitter):
    client.force_login(submitter)
    response = upload(client, ROWS)
    report = Report.objects.get()
    assert report.processing == Report.Processing.DONE and report.line_count == 3
    assert 'id="report-lines"' in client.get(response.url).content.decode()


def test_gar_11_api_answers_202_with_the_report_url_for_a_large_body(
    bank, city, submitter, small_threshold, django_capture_on_commit_callbacks
):
    api = token_client(submitter)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            reverse("garnishment_api:report_create"),
            {"period": "2026-05", "lines": ROWS},
            format="json",
        )
    assert response.status_code == 202, response.content
    data = response.json()
    assert data["processing"] == "pending" and data["lines"] == []
    assert response["Location"] == data["url"]
    detail = api.get(data["url"]).json()
    assert detail["processing"] == "done"
    assert [line["status"] for line in detail["lines"]] == ["accepted", "accepted", "rejected"]
    assert detail["billed_total"] == str(ASSETS + NO_ASSETS_FEE)


def test_gar_11_api_small_body_is_answered_with_its_lines(bank, city, submitter):
    api = token_client(submitter)
    response = api.generic(
        "POST",
        reverse("garnishment_api:report_create") + "?period=2026-05",
        csv_bytes(ROWS),
        content_type="text/csv",
    )
    assert response.status_code == 201
    assert response.json()["processing"] == "done" and len(response.json()["lines"]) == 3


def test_gar_11_large_xlsx_counts_its_rows(bank, city, submitter, small_threshold):
    content = xlsx_bytes([[row.get(name, "") for name in HEADER] for row in ROWS])
    report, _ = submit_file(bank, submitter, content, "xlsx")
    assert report.processing == Report.Processing.PENDING
    assert report_process(report_id=report.pk).line_count == 3


def test_gar_11_a_report_whose_task_gives_up_says_so_and_can_be_sent_again(
    client, bank, city, submitter, small_threshold
):
    from garnishment.tasks import process_report

    report, _ = submit(bank, submitter, ROWS)
    stored = report.original_file.name
    content = report.original_file.open("rb").read()
    report.original_file.close()
    report.original_file.storage.delete(stored)  # the stored file vanished: processing fails
    # As a worker runs it: the failure is recorded, not raised into the caller.
    result = process_report.apply(args=[report.pk], throw=False)
    assert result.failed() and isinstance(result.result, FileNotFoundError)
    report.refresh_from_db()
    assert report.processing == Report.Processing.FAILED
    assert report.lines.count() == 0 and Order.objects.count() == 0
    assert AuditEvent.objects.filter(action="garnishment report processing failed").exists()
    client.force_login(submitter)
    assert 'id="report-failed"' in client.get(f"/garnishment/reports/{report.pk}/").content.decode()
    # The same file again tries again, on the same report.
    report.original_file.storage.save(stored, io.BytesIO(content))
    again, created = submit(bank, submitter, ROWS)
    assert created and again.pk == report.pk
    assert report_process(report_id=report.pk).processing == Report.Processing.DONE
    assert Report.objects.get().line_count == 3
