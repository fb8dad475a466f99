"""BADGE-48 at scale: the daily print file for 100,000 waiting badges, streamed.

Prints the time and the peak Python memory of building the file; the memory stays flat because
badges are read with `.iterator(chunk_size=…)` and written in chunks. Set BENCH_BADGES to try
another size (e.g. 10000 then 100000 to see that memory does not grow).
"""

import os
from datetime import date

from django.db import connection

from bench.harness import measure, scratch_database

COUNT = int(os.environ.get("BENCH_BADGES", "100000"))
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


def run() -> None:
    import tempfile

    from django.core.files.storage import default_storage
    from django.test.utils import override_settings

    from parking_badges import services

    with scratch_database(), tempfile.TemporaryDirectory() as media:
        print(f"database: {connection.vendor}; badges waiting for print: {COUNT:,}")
        _seed(COUNT)
        with override_settings(MEDIA_ROOT=media):

            def build() -> int:
                return services.print_file_build(for_date=FILE_DATE).badge_count

            measure("print file", build)
            size = default_storage.size("parking_badges/print_files/badges-2026-06-01.csv")
            print(f"file size {size / 2**20:.1f} MiB")
            measure("re-run for the same day (same file)", build)
