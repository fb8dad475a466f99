"""What every benchmark needs: a scratch test database, a timer and peak memory."""

import resource
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import connection
from django.test.utils import setup_test_environment, teardown_test_environment


@contextmanager
def scratch_database() -> Iterator[None]:
    """Create the test database (migrated), use it, and drop it afterwards."""
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def peak_resident_mib() -> float:
    """The process's peak resident memory so far (Linux counts ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(label: str, work: Callable[[], int]) -> tuple[float, float]:
    """Run `work` (returning the number of items it handled); print time, rate and the
    process's peak resident memory after it. The time is not taken under tracemalloc, which
    slowed the jobs it traced by half or more."""
    started = time.perf_counter()
    count = work()
    elapsed = time.perf_counter() - started
    peak = peak_resident_mib()
    rate = count / elapsed if elapsed else float("inf")
    print(
        f"{label}: {count:,} items in {elapsed:.2f} s ({rate:,.0f}/s), "
        f"peak resident memory {peak:.0f} MiB"
    )
    return elapsed, peak
