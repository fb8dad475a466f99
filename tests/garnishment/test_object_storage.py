"""Stateless web processes (issue 17): a large report stored by the web process is billed by a
Celery worker on another machine, which reads the file from the object store only (GAR-11).

Real services throughout: moto's S3 server, the Redis broker, a worker process whose local
media folder is empty, and this test's web request; the web and the worker share only the
database, the broker and the bucket."""

import os
import time
from urllib.parse import urlsplit, urlunsplit

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from garnishment.models import Report

from ..servers import wait_for_record
from .helpers import ASSETS, NO_ASSETS_FEE, csv_bytes, outcome
from .test_large_reports import ROWS

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the worker process needs a shared database"
    ),
]


def database_url_of_this_test() -> str:
    """DATABASE_URL naming the test database this test writes to, for the worker."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


def wait_until_billed(report: Report) -> Report:
    for _ in range(600):  # up to 60 s for the worker to start and bill
        report.refresh_from_db()
        if report.processing != Report.Processing.PENDING:
            return report
        time.sleep(0.1)
    pytest.fail("the worker did not bill the report within 60 s")


def test_gar_11_a_report_stored_by_the_web_is_billed_by_a_worker_reading_the_object_store(
    client, bank, city, submitter, s3_storage, celery_worker_for, settings, tmp_path
):
    settings.GARNISHMENT_SYNC_LINES = 2  # 3 lines: billed by the worker
    settings.MEDIA_ROOT = tmp_path / "web-media"
    worker_var = tmp_path / "worker-var"  # the worker's VAR_DIR, so its MEDIA_ROOT: empty
    worker_var.mkdir()
    log = tmp_path / "worker.log"
    celery_worker_for(
        env={
            **s3_storage,
            "DATABASE_URL": database_url_of_this_test(),
            "VAR_DIR": str(worker_var),
            "LOG_FORMAT": "json",
        },
        log=log,
    )

    client.force_login(submitter)
    response = client.post(
        reverse("garnishment:reports"),
        {"period": "2026-05", "file": SimpleUploadedFile("big.csv", csv_bytes(ROWS), "text/csv")},
        HTTP_X_REQUEST_ID="req-upload-11",
    )
    assert response.status_code == 302
    report = wait_until_billed(Report.objects.get())

    assert report.processing == Report.Processing.DONE, report.file_error
    # 2 accepted lines (assets found, no assets) and one rejected (no order number).
    assert outcome(report) == [
        (2, "accepted", str(ASSETS)),
        (3, "accepted", str(NO_ASSETS_FEE)),
        (4, "rejected", "0.00"),
    ]
    # The file is in the bucket, and on neither machine's disk.
    s3 = boto3.client("s3", endpoint_url=s3_storage["AWS_S3_ENDPOINT_URL"])
    bucket = s3_storage["AWS_STORAGE_BUCKET_NAME"]
    stored = s3.get_object(Bucket=bucket, Key=report.original_file.name)
    assert stored["Body"].read() == csv_bytes(ROWS)
    assert not settings.MEDIA_ROOT.exists()
    assert list(worker_var.rglob("*")) == []
    # The worker logged the task with the id of the request that stored the report.
    billed = wait_for_record(
        log, lambda r: r["logger"] == "celery.app.trace" and "process_report" in r["message"]
    )
    assert billed["request_id"] == "req-upload-11" and "succeeded" in billed["message"]
