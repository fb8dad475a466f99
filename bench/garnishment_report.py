"""Issue 18's garnishment target: one monthly report submitted and processed (validated field by
field, billed once per order, withheld and rejected lines kept), against its floor measured in
the same run, alternately: a COPY of the same file into a typed table carrying only a primary
key and the unique (third party, authority, order number) index.

Sizes: BENCH_GARNISHMENT_LINES (default "100000,1000000"); rounds per size: BENCH_ROUNDS
(median printed). Time is in-process (Django's start-up not counted). Each round bills every
order anew: the rows of the round before are deleted, untimed. Peak resident memory is printed
after each size: flat memory shows as the same peak for 100,000 and 1,000,000 lines."""

import csv
import os
import resource
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from django.db import connection

from bench.harness import scratch_database

SIZES = [int(n) for n in os.environ.get("BENCH_GARNISHMENT_LINES", "100000,1000000").split(",")]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
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
                (received + timedelta(days=1)).isoformat(), "", "yes" if n % 3 else "no", "", "",
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


def ingest(path: Path, third_party, user) -> int:
    """Submit and process the file as the report for June 2026."""
    from garnishment.models import Report
    from garnishment.services import report_process, report_submit

    with path.open("rb") as binary:
        report, _ = report_submit(
            third_party=third_party, period=date(2026, 6, 1), binary=binary,
            original_name=path.name,
            file_format="csv", channel=Report.Channel.API, actor=user,
        )  # fmt: skip
    # A large report is billed by the Celery task; run its service here, as the worker would
    # (a no-op when an eager task already did).
    report = report_process(report_id=report.pk)
    report.original_file.delete(save=False)
    return report.line_count


def typed_copy(path: Path) -> int:
    """The floor (issue 18): COPY of the same file into a typed table carrying only a primary
    key and the unique (third party, authority, order number) index."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_floor (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
            "third_party_name text, debtor_id_kind text, debtor_id text, debtor_name text, "
            "received_on date, order_amount numeric(14, 2), authority text, order_number text, "
            "answered_on date, case_number text, assets_found boolean, order_kind text, "
            "garnishment_order_number text, "
            "UNIQUE (third_party_name, authority, order_number))"
        )
        with path.open("rb") as handle:
            cursor.cursor.copy_expert(
                "COPY bench_floor (third_party_name, debtor_id_kind, debtor_id, debtor_name, "
                "received_on, order_amount, authority, order_number, answered_on, case_number, "
                "assets_found, order_kind, garnishment_order_number) "
                "FROM STDIN WITH (FORMAT csv, HEADER true)",
                handle,
            )
        cursor.execute("SELECT count(*) FROM bench_floor")
        count = cursor.fetchone()[0]
        cursor.execute("DROP TABLE bench_floor")
    return count


def forget(third_party) -> None:
    """The reports, lines and orders of the round before, so the next round bills anew, on
    tables as a first round finds them (vacuumed)."""
    from garnishment.models import Order, Report, ReportLine

    with connection.cursor() as cursor:
        # Lines are kept (GAR-10) by a trigger refusing their deletion: not for this scratch.
        cursor.execute("SET session_replication_role = replica")
        for model in (ReportLine, Order):
            cursor.execute(f"DELETE FROM {model._meta.db_table}")
        cursor.execute(
            f"DELETE FROM {Report._meta.db_table} WHERE third_party_id = %s", [third_party.pk]
        )
        cursor.execute("SET session_replication_role = DEFAULT")
        # Orders are never deleted but here: without a VACUUM the next round's orders, of the
        # same numbers, would each first step over the dead index entry of the round before.
        for model in (ReportLine, Order):
            cursor.execute(f"VACUUM {model._meta.db_table}")


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(work) -> tuple[float, int]:
    started = time.perf_counter()
    count = work()
    return time.perf_counter() - started, count


def run() -> None:
    if connection.vendor != "postgresql":
        print("garnishment report: the floor needs PostgreSQL (set DATABASE_URL)")
        return
    with scratch_database(), tempfile.TemporaryDirectory() as scratch:
        third_party, user = setup_parties()
        for lines in SIZES:
            path = Path(scratch) / f"report-{lines}.csv"
            write_report(path, lines, third_party.name)
            ours, floors = [], []
            for _ in range(ROUNDS):  # alternated with the floor, in the same run
                ours.append(timed(lambda p=path: ingest(p, third_party, user))[0])
                forget(third_party)
                floors.append(timed(lambda p=path: typed_copy(p))[0])
            project, floor = statistics.median(ours), statistics.median(floors)
            print(
                f"garnishment report, {lines:,} lines ({path.stat().st_size / 2**20:.0f} MiB): "
                f"submit + process {project:.2f} s, floor (typed COPY) {floor:.2f} s, "
                f"ratio {project / floor:.1f}x (target 3x); peak resident memory so far "
                f"{peak_rss_mib():.0f} MiB"
            )
            path.unlink()
