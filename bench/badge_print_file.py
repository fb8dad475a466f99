"""BADGE-48 at scale, issue 18's target: the daily print file (claiming the waiting badges and
writing, hashing and storing the file) against its floor measured in the same run, alternately:
`COPY (SELECT …) TO STDOUT` of the file's columns for the same rows, found and ordered as the
job finds them (the file's claims joined to their badges). In-process times: Django's start-up
is not counted, and is measured beside it (a fresh process's `django.setup()`). The holders'
"printed" messages are a Celery task run after the file's commit (eager in the bench's
settings): not part of the job, not counted.

Two rounds per size: the first day (every badge waiting, no claim yet), and a steady state: the
next day's file of 1% new badges while all the first day's are claimed, which shows whether the
claim's cost grows with the claims already made. BENCH_BADGES: the sizes (default "100000"; add
1000000 to see the large day, seeding it takes minutes); BENCH_ROUNDS: rounds per size (median
printed).
"""

import os
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta

from django.db import connection

from bench.garnishment_report import peak_rss_mib
from bench.harness import scratch_database

SIZES = [int(n) for n in os.environ.get("BENCH_BADGES", "100000").split(",")]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
FILE_DATE = date(2026, 6, 1)
NEXT_DATE = FILE_DATE + timedelta(days=1)
STEADY_SHARE = 100  # the steady state's day: one new badge per 100 already claimed


def _seed(count: int, *, start: int = 0, issued_on: date = FILE_DATE) -> None:
    """Holders, approvals and badges waiting for print, inserted in bulk."""
    from parking_badges.models import (
        ApprovalSource,
        Badge,
        BadgeReason,
        BadgeStatus,
        DisabledPerson,
        EligibilityApproval,
    )

    batch = 5000
    for first in range(start, start + count, batch):
        stop = min(first + batch, start + count)
        people = DisabledPerson.objects.bulk_create(
            DisabledPerson(
                national_id=f"{n:09d}",
                first_name="ישראל",
                last_name=f"ישראלי {n}",
                street="הרצל 1",
                city="חולון",
                postal_code="5800000",
            )
            for n in range(first, stop)
        )
        approvals = EligibilityApproval.objects.bulk_create(
            EligibilityApproval(
                person=person,
                source=ApprovalSource.DEPARTMENT_DOCTOR,
                approved_on=issued_on,
                valid_from=issued_on,
            )
            for person in people
        )
        Badge.objects.bulk_create(
            Badge(
                person=person,
                approval=approval,
                status=BadgeStatus.ORDERED,
                reason=BadgeReason.NEW,
                issued_on=issued_on,
                valid_until=issued_on.replace(year=issued_on.year + 8),
                holder_name=f"{person.first_name} {person.last_name}",
                holder_national_id=person.national_id,
                street=person.street,
                city=person.city,
                postal_code=person.postal_code,
                vehicle_number_1=f"{10000000 + n}",
                vehicle_number_2=f"{20000000 + n}" if n % 3 == 0 else "",
            )
            for n, (person, approval) in enumerate(zip(people, approvals, strict=True), first)
        )


class _Sink:
    def __init__(self):
        self.size = 0

    def write(self, data: bytes) -> None:
        self.size += len(data)


def floor(print_file) -> int:
    """COPY of the file's columns for the same rows, found and ordered as the job finds them
    (the file's claims by their badge key's range), to a sink that only counts."""
    from parking_badges.models import Badge, PrintClaim

    first, last = int(print_file.claimed_from), int(print_file.claimed_up_to)
    sink = _Sink()
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            "COPY (SELECT b.id, holder_national_id, holder_name, street, city, postal_code, "
            "vehicle_number_1, vehicle_number_2, issued_on, valid_until, copies, reason "
            f"FROM {PrintClaim._meta.db_table} c JOIN {Badge._meta.db_table} b "
            f"ON b.id = c.badge_id WHERE c.print_file_id = {int(print_file.pk)} "
            f"AND c.badge_id BETWEEN {first} AND {last} "
            "ORDER BY c.badge_id) TO STDOUT WITH (FORMAT csv)",
            sink,
        )
    return sink.size


def unclaim(for_date: date) -> None:
    """That day's badges back to waiting for print, untimed, so the next round builds the
    same file again."""
    from parking_badges.models import PrintClaim, PrintFile

    PrintClaim.objects.filter(print_file__for_date=for_date).delete()
    PrintFile.objects.filter(for_date=for_date).delete()
    with connection.cursor() as cursor:  # the claims' dead rows, as a fresh day would have
        cursor.execute(f"VACUUM ANALYZE {PrintClaim._meta.db_table}")


def startup_seconds() -> float:
    """Django's start-up in a fresh process (what a management command pays before the job),
    median of three."""
    code = "import django; django.setup(); import parking_badges.services"
    times = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def rounds(for_date: date, expected: int) -> tuple[float, float]:
    """Median build time and median floor time of ROUNDS alternated rounds for one day."""
    from parking_badges import services
    from parking_badges.models import PrintFile

    ours, floors = [], []
    for _ in range(ROUNDS):
        unclaim(for_date)
        ours.append(timed(lambda: services.print_file_build(for_date=for_date)))
        row = PrintFile.objects.get(for_date=for_date)
        floors.append(timed(lambda r=row: floor(r)))
        assert row.badge_count == expected, (row.badge_count, expected)
    return statistics.median(ours), statistics.median(floors)


def report(label: str, project: float, base: float) -> None:
    print(
        f"{label}: build {project:.2f} s, floor (COPY TO STDOUT) {base:.2f} s, ratio "
        f"{project / base:.1f}x (target 2x); peak resident memory so far "
        f"{peak_rss_mib():.0f} MiB"
    )


def run() -> None:
    import tempfile
    from unittest import mock

    from django.test.utils import override_settings

    if connection.vendor != "postgresql":
        print("print file: the floor needs PostgreSQL (set DATABASE_URL)")
        return
    print(f"print file: Django start-up, not counted below: {startup_seconds():.2f} s")
    not_told = mock.patch(
        "parking_badges.services.print_file.print_file_tell_holders_later", lambda row: None
    )
    for count in SIZES:
        with scratch_database(), tempfile.TemporaryDirectory() as media, not_told:
            _seed(count)
            with override_settings(MEDIA_ROOT=media):
                project, base = rounds(FILE_DATE, count)
                report(f"print file, {count:,} badges", project, base)
                steady = max(count // STEADY_SHARE, 1)
                _seed(steady, start=count, issued_on=NEXT_DATE)
                project, base = rounds(NEXT_DATE, steady)
                report(
                    f"print file, next day: {steady:,} new badges, {count:,} already claimed",
                    project,
                    base,
                )
