"""BADGE-48 at scale, issue 18's target: the daily print file (claiming the waiting badges and
writing, hashing and storing the file) against its floor measured in the same run, alternately:
`COPY (SELECT …) TO STDOUT` of the file's columns for the same rows. In-process times (Django's
start-up, about 0.7 s, not counted). BENCH_BADGES: the sizes (default "100000"; add 1000000 to
see the large day, seeding it takes minutes); BENCH_ROUNDS: rounds per size (median printed).
"""

import os
import statistics
import time
from datetime import date

from django.db import connection

from bench.garnishment_report import peak_rss_mib
from bench.harness import scratch_database

SIZES = [int(n) for n in os.environ.get("BENCH_BADGES", "100000").split(",")]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
FILE_DATE = date(2026, 6, 1)


def _seed(count: int) -> None:
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
    for start in range(0, count, batch):
        stop = min(start + batch, count)
        people = DisabledPerson.objects.bulk_create(
            DisabledPerson(
                national_id=f"{n:09d}",
                first_name="ישראל",
                last_name=f"ישראלי {n}",
                street="הרצל 1",
                city="חולון",
                postal_code="5800000",
            )
            for n in range(start, stop)
        )
        approvals = EligibilityApproval.objects.bulk_create(
            EligibilityApproval(
                person=person,
                source=ApprovalSource.DEPARTMENT_DOCTOR,
                approved_on=FILE_DATE,
                valid_from=FILE_DATE,
            )
            for person in people
        )
        Badge.objects.bulk_create(
            Badge(
                person=person,
                approval=approval,
                status=BadgeStatus.ORDERED,
                reason=BadgeReason.NEW,
                issued_on=FILE_DATE,
                valid_until=date(2034, 6, 1),
                holder_name=f"{person.first_name} {person.last_name}",
                holder_national_id=person.national_id,
                street=person.street,
                city=person.city,
                postal_code=person.postal_code,
                vehicle_number_1=f"{10000000 + n}",
                vehicle_number_2=f"{20000000 + n}" if n % 3 == 0 else "",
            )
            for n, (person, approval) in enumerate(zip(people, approvals, strict=True), start)
        )


class _Sink:
    def __init__(self):
        self.size = 0

    def write(self, data: bytes) -> None:
        self.size += len(data)


def floor(print_file_id: int) -> int:
    """COPY of the file's columns for the same rows, to a sink that only counts."""
    from parking_badges.models import Badge, PrintClaim

    sink = _Sink()
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            "COPY (SELECT b.id, holder_national_id, holder_name, street, city, postal_code, "
            "vehicle_number_1, vehicle_number_2, issued_on, valid_until, copies, reason "
            f"FROM {PrintClaim._meta.db_table} c JOIN {Badge._meta.db_table} b "
            f"ON b.id = c.badge_id WHERE c.print_file_id = {int(print_file_id)} "
            "ORDER BY b.id) TO STDOUT WITH (FORMAT csv)",
            sink,
        )
    return sink.size


def unclaim() -> None:
    """Back to waiting for print, untimed, so the next round builds the same file again."""
    from parking_badges.models import PrintClaim, PrintFile

    PrintClaim.objects.all().delete()
    PrintFile.objects.all().delete()
    with connection.cursor() as cursor:  # the claims' dead rows, as a fresh day would have
        cursor.execute(f"VACUUM ANALYZE {PrintClaim._meta.db_table}")


def timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def run() -> None:
    import tempfile

    from django.test.utils import override_settings

    from parking_badges import services
    from parking_badges.models import PrintFile

    if connection.vendor != "postgresql":
        print("print file: the floor needs PostgreSQL (set DATABASE_URL)")
        return
    for count in SIZES:
        with scratch_database(), tempfile.TemporaryDirectory() as media:
            _seed(count)
            with override_settings(MEDIA_ROOT=media):
                ours, floors = [], []
                for _ in range(ROUNDS):
                    unclaim()
                    ours.append(timed(lambda: services.print_file_build(for_date=FILE_DATE)))
                    row = PrintFile.objects.get(for_date=FILE_DATE)
                    floors.append(timed(lambda r=row: floor(r.pk)))
                assert row.badge_count == count
                project, base = statistics.median(ours), statistics.median(floors)
                print(
                    f"print file, {count:,} badges: build {project:.2f} s, floor (COPY TO "
                    f"STDOUT) {base:.2f} s, ratio {project / base:.1f}x (target 2x); peak "
                    f"resident memory so far {peak_rss_mib():.0f} MiB"
                )
