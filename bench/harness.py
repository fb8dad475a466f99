"""What every benchmark needs: a scratch test database, a timer and peak memory."""

import time
import tracemalloc
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


def measure(label: str, work: Callable[[], int]) -> tuple[float, int]:
    """Run `work` (returning the number of items it handled); print time, rate, peak memory."""
    tracemalloc.start()
    started = time.perf_counter()
    count = work()
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rate = count / elapsed if elapsed else float("inf")
    print(
        f"{label}: {count:,} items in {elapsed:.2f} s ({rate:,.0f}/s), "
        f"peak Python memory {peak / 2**20:.1f} MiB"
    )
    return elapsed, peak
