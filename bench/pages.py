"""The clerks' queues under load: each queue at 100 and at 10,000 items, served by gunicorn and
measured with wrk, against the bare base layout rendered for the same logged-in user.

Two scratch databases are seeded: the small one with 100 items in every queue, then a copy of it
grown to 10,000. A gunicorn (2 workers) serves each; for every queue, wrk (8 connections) runs
in rounds alternating the bare layout, the small queue and the large queue, so that all three
share the machine's load of the moment. Printed per queue: the queries of one page at both sizes
(they must be equal), the p95 of each and the two ratios the issue sets: large ÷ small (≤ 1.2)
and large ÷ bare layout (≤ 3). Each figure is the median of the rounds.

Needs PostgreSQL (DATABASE_URL), wrk (`apt-get install wrk`) and gunicorn (requirements-dev).
BENCH_PAGES_SECONDS (3) is each wrk run's length, BENCH_PAGES_ROUNDS (3) the rounds,
BENCH_PAGES_SIZES ("100,10000") the two sizes, BENCH_PAGES (all) a comma list of queue names.
The in-process figures (median of BENCH_PAGES_IN_PROCESS loads, 30) load each page through
Django's WSGI handler, as gunicorn does, in the bench's own process. BENCH_PAGES_WRK=0 stops
after them (no gunicorn, no wrk: quick, for work on a page); BENCH_PAGES_PROFILE=N prints each
queue's N most costly functions (cProfile, cumulative time, 20 loads at the large size;
BENCH_PAGES_PROFILE_SORT=tottime for the own time).
"""

import cProfile
import io
import os
import pstats
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, connections
from django.test.utils import CaptureQueriesContext, override_settings

from bench import seeds
from bench.harness import scratch_database

ROOT = Path(__file__).resolve().parent.parent
SECONDS = int(os.environ.get("BENCH_PAGES_SECONDS", "3"))
ROUNDS = int(os.environ.get("BENCH_PAGES_ROUNDS", "3"))
SMALL, LARGE = (int(n) for n in os.environ.get("BENCH_PAGES_SIZES", "100,10000").split(","))
ONLY = {n for n in os.environ.get("BENCH_PAGES", "").split(",") if n}
BARE = "/bench/bare/"
IN_PROCESS_RUNS = int(os.environ.get("BENCH_PAGES_IN_PROCESS", "30"))
WITH_WRK = os.environ.get("BENCH_PAGES_WRK", "1") != "0"
PROFILE_TOP = int(os.environ.get("BENCH_PAGES_PROFILE", "0"))
TARGET_GROWTH, TARGET_BARE = 1.2, 3.0


@dataclass
class Queue:
    name: str
    role: str
    path: str
    marker: str  # text the page must contain (a row of the queue), to be sure it was served
    counted: Callable[[], int]  # items the queue holds
    items: dict[int, int] = field(default_factory=dict)
    queries: dict[int, int] = field(default_factory=dict)
    in_process: dict[int, float] = field(default_factory=dict)  # median ms of one page


def queues() -> list[Queue]:
    listed = seeds.queues(Queue)
    return [q for q in listed if not ONLY or q.name in ONLY]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(database: str):
    """A gunicorn with two workers on a free port, serving the portal against `database`."""
    port = _free_port()
    settings = connection.settings_dict
    url = (
        f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST']}:"
        f"{settings['PORT'] or 5432}/{database}"
    )
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": str(ROOT),
    }
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "taxportal.wsgi",
            "--workers=2",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/health/live/", timeout=2)  # noqa: S310 - local
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(process.stderr.read().decode()) from None
                time.sleep(0.1)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def _fetch(url: str, cookie: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310 - local
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - local
        return response.status, response.read().decode()


def wrk(url: str, cookie: str, seconds: int = SECONDS, *, warm_up: bool = False) -> dict[str, int]:
    """One wrk run: 2 threads, 8 connections; the p95 and p50 in microseconds. A warm-up run
    may see no answer (a worker's first request imports the views) without failing."""
    out = subprocess.run(
        [
            "wrk", "-t2", "-c8", f"-d{seconds}s", "--timeout=30s",
            "-s", str(Path(__file__).with_name("p95.lua")), "-H", f"Cookie: {cookie}", url,
        ],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    figures = dict(re.findall(r"^(P95_US|P50_US|REQUESTS|FAILED) (\d+)$", out, re.M))
    result = {key: int(value) for key, value in figures.items()}
    if warm_up:
        return result
    if result.get("FAILED") or not result.get("REQUESTS") or not result.get("P95_US"):
        raise RuntimeError(f"{url}: no answer or failed requests\n{out}")
    return result


def _p95(url: str, cookie: str, tries: int = 3) -> float:
    """The p95 of one run in ms; a run that got no answer at all (a machine so loaded that no
    request ended within the run) is run again, longer."""
    for attempt in range(tries):
        try:
            return wrk(url, cookie, seconds=SECONDS * (attempt + 1))["P95_US"] / 1000
        except RuntimeError:
            if attempt == tries - 1:
                raise
    raise AssertionError("unreachable")


class _Loader:
    """Loads pages through Django's WSGI handler, as gunicorn calls it, for one session: no
    test client, which copies every template's context for its assertions and made pages with
    many includes look costlier in process than under gunicorn."""

    def __init__(self, session: str):
        from django.core.handlers.wsgi import WSGIHandler

        self.handler, self.cookie = WSGIHandler(), f"sessionid={session}"

    def get(self, url: str) -> tuple[int, str]:
        path, _, query = url.partition("?")
        environ = {
            "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1",
            "REMOTE_ADDR": "127.0.0.1", "HTTP_COOKIE": self.cookie, "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr, "wsgi.version": (1, 0),
            "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False,
        }  # fmt: skip
        statuses: list[str] = []
        body = b"".join(self.handler(environ, lambda status, headers: statuses.append(status)))
        return int(statuses[0].split()[0]), body.decode()

    def timed(self, url: str) -> float:
        """One load's wall time in ms."""
        started = time.perf_counter()
        self.get(url)
        return (time.perf_counter() - started) * 1000


def _count_queries(queue: Queue, loader: _Loader) -> int:
    with CaptureQueriesContext(connection) as captured:
        status, body = loader.get(queue.path)
    if status != 200 or queue.marker not in body:
        raise RuntimeError(f"{queue.path}: {status}, marker missing")
    return len(captured.captured_queries)


def _in_process_bare(sessions: dict) -> float:
    loader = _Loader(next(iter(sessions.values())))
    loader.get(BARE)
    return statistics.median(loader.timed(BARE) for _ in range(IN_PROCESS_RUNS))


def _measure_in_process(listed: list[Queue], size: int, sessions: dict) -> None:
    for queue in listed:
        loader = _Loader(sessions[queue.role])
        _count_queries(queue, loader)  # the first load fills the caches of the process
        queue.queries[size] = _count_queries(queue, loader)
        queue.items[size] = queue.counted()
        queue.in_process[size] = statistics.median(
            loader.timed(queue.path) for _ in range(IN_PROCESS_RUNS)
        )
        if PROFILE_TOP and size == LARGE:
            _profile(queue, loader)


def _profile(queue: Queue, loader: _Loader) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(20):
        loader.get(queue.path)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats(
        os.environ.get("BENCH_PAGES_PROFILE_SORT", "cumulative")
    ).print_stats(PROFILE_TOP)
    print(f"-- profile of {queue.name} (20 loads, {LARGE:,} items)\n{out.getvalue()}")


def _analyse() -> None:
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def _switch_to(database: str) -> None:
    for conn in connections.all():
        conn.close()
    connection.settings_dict["NAME"] = database


def _copy_database(source: str, target: str) -> None:
    for conn in connections.all():
        conn.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{target}"')
        cursor.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')


def _drop_database(name: str) -> None:
    for conn in connections.all():
        conn.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def run() -> None:
    if connection.vendor != "postgresql":
        print("pages: skipped (needs PostgreSQL: set DATABASE_URL)")
        return
    if shutil.which("wrk") is None:
        print("pages: skipped (needs wrk: apt-get install wrk)")
        return
    listed = queues()
    with scratch_database(), ExitStack() as stack, override_settings(ROOT_URLCONF="bench.urls"):
        small_db = connection.settings_dict["NAME"]
        large_db = f"{small_db}_large"
        sessions = seeds.world()
        seeds.grow(0, SMALL)
        for queue in listed:
            queue.path = queue.path.format(**seeds.paths())
        _analyse()
        _measure_in_process(listed, SMALL, sessions)
        _copy_database(small_db, large_db)
        stack.callback(_drop_database, large_db)
        stack.callback(_switch_to, small_db)
        _switch_to(large_db)
        started = time.perf_counter()
        seeds.grow(SMALL, LARGE)
        _analyse()
        print(f"seeded {LARGE:,} items a queue in {time.perf_counter() - started:.0f} s")
        _measure_in_process(listed, LARGE, sessions)
        print(f"in process: bare layout {_in_process_bare(sessions):.1f} ms (median)")
        if not WITH_WRK:
            for queue in listed:
                print(
                    f"{queue.name:<22} queries {queue.queries[SMALL]}/{queue.queries[LARGE]}, "
                    f"in process {queue.in_process[SMALL]:.1f}/{queue.in_process[LARGE]:.1f} ms"
                )
            return
        _switch_to(small_db)
        small_url = stack.enter_context(gunicorn(small_db))
        large_url = stack.enter_context(gunicorn(large_db))
        print(
            f"wrk: 2 threads, 8 connections, {SECONDS} s a run, {ROUNDS} rounds alternating "
            "bare layout / small / large; gunicorn: 2 workers each; p95 in ms (median of rounds)"
        )
        header = (
            f"{'queue':<22}{'items':>14}{'queries':>9}{'in-process':>14}{'bare':>8}"
            f"{'p95 small':>11}{'p95 large':>11}{'large/small':>13}{'large/bare':>12}"
        )
        print(header)
        failures = []
        for queue in listed:
            cookie = f"sessionid={sessions[queue.role]}"
            for base in (small_url, large_url):
                status, body = _fetch(base + queue.path, cookie)
                if status != 200 or queue.marker not in body:
                    raise RuntimeError(f"{base}{queue.path}: {status}, marker missing")
                wrk(base + queue.path, cookie, seconds=2, warm_up=True)  # warm both workers
            _fetch(large_url + BARE, cookie)
            wrk(large_url + BARE, cookie, seconds=2, warm_up=True)
            bare, small, large = [], [], []
            try:
                for _ in range(ROUNDS):
                    bare.append(_p95(large_url + BARE, cookie))
                    small.append(_p95(small_url + queue.path, cookie))
                    large.append(_p95(large_url + queue.path, cookie))
            except RuntimeError as error:
                print(f"{queue.name:<22}no answer under this load: {error}".splitlines()[0])
                failures.append(f"{queue.name} (no answer)")
                continue
            growth = _median([lg / sm for lg, sm in zip(large, small, strict=True)])
            over_bare = _median([lg / br for lg, br in zip(large, bare, strict=True)])
            items = f"{queue.items[SMALL]:,}/{queue.items[LARGE]:,}"
            queries = f"{queue.queries[SMALL]}/{queue.queries[LARGE]}"
            in_process = f"{queue.in_process[SMALL]:.1f}/{queue.in_process[LARGE]:.1f}"
            print(
                f"{queue.name:<22}{items:>14}{queries:>9}{in_process:>14}{_median(bare):>8.1f}"
                f"{_median(small):>11.1f}{_median(large):>11.1f}{growth:>12.2f}×"
                f"{over_bare:>11.2f}×",
                flush=True,
            )
            if growth > TARGET_GROWTH or over_bare > TARGET_BARE:
                failures.append(queue.name)
            if queue.queries[SMALL] != queue.queries[LARGE]:
                failures.append(f"{queue.name} (queries)")
        print(
            f"targets: large/small ≤ {TARGET_GROWTH}×, large/bare ≤ {TARGET_BARE}×, equal queries: "
            + ("all met" if not failures else "missed by " + ", ".join(failures))
        )
