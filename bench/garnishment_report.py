"""One monthly garnishment report of 1,000,000 lines through the API's path (streamed CSV,
batched checks, COPY), next to a plain PostgreSQL COPY of the same file into a bare table.

Lines: BENCH_GARNISHMENT_LINES (default 1,000,000). Python's allocation tracing slows this
path about tenfold, so peak traced memory is measured on 1% and 5% of the file (it must be
the same for both: memory does not grow with the file), and the full file is timed untraced
with the process's peak resident memory printed before and after."""

import csv
import os
import resource
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from django.db import connection

from bench.harness import measure, scratch_database

LINES = int(os.environ.get("BENCH_GARNISHMENT_LINES", "1000000"))
VALID_IDS = ["302466339", "629923129", "973669468", "164808941", "197222334"]


def write_report(path: Path, lines: int, third_party_name: str) -> None:
    from garnishment.lines import COLUMNS

    start = date(2026, 1, 1)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for n in range(lines):
            received = start + timedelta(days=n % 150)
            withheld = n % 50 == 7
            writer.writerow([
                third_party_name, "id", VALID_IDS[n % 5], "" if withheld else f"Debtor {n}",
                received.isoformat(), f"{100 + n % 9000}.50", "TLV", f"O-{n}",
                (received + timedelta(days=1)).isoformat(), "", "yes" if n % 3 else "no",
            ])  # fmt: skip


def setup_parties():
    from django.core.files.base import ContentFile

    from garnishment import reference
    from garnishment.models import ServiceArrangement, ServingAuthority, ThirdParty
    from taxportal.models import User

    reference.load()
    third_party = ThirdParty(
        name="Bench Bank", company_number="520000472", published_on=date(2025, 1, 1),
        security_officer_name="x", security_officer_national_id="302466339",
        security_officer_email="x@example.com", security_officer_phone="1",
        form1_signer_name="x", form1_signer_national_id="629923129", form1_signer_role="x",
        form1_signed_on=date(2025, 1, 1),
    )  # fmt: skip
    third_party.form1_file.save("form1.pdf", ContentFile(b"%PDF"), save=False)
    third_party.save()
    authority = ServingAuthority.objects.create(
        code="TLV", name="Tel Aviv", kind="local", commencement_on=date(2025, 1, 1)
    )
    ServiceArrangement.objects.create(
        authority=authority, third_party=third_party, notice_on=date(2025, 1, 1)
    )
    return third_party, User.objects.create(username="bench")


def ingest(path: Path, third_party, user, period: date) -> int:
    from garnishment.models import Report
    from garnishment.services import report_process, report_submit

    with path.open("rb") as binary:
        report, _ = report_submit(
            third_party=third_party, period=period, binary=binary, original_name=path.name,
            file_format="csv", channel=Report.Channel.API, actor=user,
        )  # fmt: skip
    # A large report is billed by the Celery task; run its service here, as the worker would
    # (a no-op when an eager task already did).
    report = report_process(report_id=report.pk)
    report.original_file.delete(save=False)
    return report.line_count


def plain_copy(path: Path) -> int:
    columns = ", ".join(f"c{i} text" for i in range(11))
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE bench_bare_copy ({columns})")
        with path.open("r", encoding="utf-8") as handle:
            cursor.cursor.copy_expert("COPY bench_bare_copy FROM STDIN WITH CSV HEADER", handle)
        cursor.execute("SELECT count(*) FROM bench_bare_copy")
        count = cursor.fetchone()[0]
        cursor.execute("DROP TABLE bench_bare_copy")
    return count


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run() -> None:
    with scratch_database(), tempfile.TemporaryDirectory() as scratch:
        third_party, user = setup_parties()
        for month, lines in enumerate((LINES // 100, LINES // 20, LINES), start=1):
            path = Path(scratch) / f"report-{lines}.csv"
            write_report(path, lines, third_party.name)
            print(f"file: {lines:,} lines, {path.stat().st_size / 2**20:.0f} MiB")
            period = date(2026, month, 1)
            if lines < LINES:
                measure(
                    f"report through the API path ({lines:,} lines, traced)",
                    lambda p=path, d=period: ingest(p, third_party, user, d),
                )
            else:
                before = peak_rss_mib()
                started = time.perf_counter()
                count = ingest(path, third_party, user, period)
                elapsed = time.perf_counter() - started
                print(
                    f"report through the API path ({count:,} lines, untraced): {elapsed:.1f} s "
                    f"({count / elapsed:,.0f} lines/s), peak resident memory "
                    f"{before:.0f} MiB before, {peak_rss_mib():.0f} MiB after"
                )
            if connection.vendor == "postgresql":
                measure(
                    f"plain COPY into a bare table ({lines:,} lines)", lambda p=path: plain_copy(p)
                )
            else:
                print("plain COPY: needs PostgreSQL (set DATABASE_URL)")
            path.unlink()
