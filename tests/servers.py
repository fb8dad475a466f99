"""Real servers the operations tests start on this machine: an S3-compatible object store (moto's
server mode) and a Celery worker process. Each listens on 127.0.0.1 only and stops with its test.
"""

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
# Any key works with moto; boto3 reads them from the environment, as in production.
S3_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "portal-test-key",
    "AWS_SECRET_ACCESS_KEY": "portal-test-secret",
    "AWS_DEFAULT_REGION": "us-east-1",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_listening(port: int, process: subprocess.Popen, what: str) -> None:
    """Up to 30 s for `process` to accept connections on `port`."""
    for _ in range(300):
        if process.poll() is not None:
            pytest.fail(f"{what} stopped before it listened (exit {process.returncode})")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.1):
            return
        time.sleep(0.1)
    pytest.fail(f"{what} did not listen on 127.0.0.1:{port} within 30 s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def s3_server() -> Iterator[str]:
    """moto's S3 server on a free local port; yields its endpoint URL."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **S3_CREDENTIALS},
    )
    try:
        wait_until_listening(port, server, "The S3 server")
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(server)


@contextlib.contextmanager
def celery_worker(
    queue: str, env: dict[str, str] | None = None, log: Path | None = None
) -> Iterator[subprocess.Popen]:
    """A real Celery worker consuming `queue` only, on the broker of REDIS_URL, with the test
    settings and the environment given (on top of this process's); its log goes to `log` when
    given (else to this process's standard error)."""
    log_file = log.open("w") if log else None
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "taxportal", "worker", "--pool=solo",
         "--concurrency=1", "-Q", queue, "--without-gossip", "--without-mingle",
         "--without-heartbeat"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "taxportal.settings.test", **(env or {})},
        cwd=BASE_DIR,
        stderr=log_file,
    )  # fmt: skip
    try:
        yield worker
    finally:
        stop(worker)
        if log_file:
            log_file.close()


def wait_for_record(log: Path, wanted: Callable[[dict], bool]) -> dict:
    """The first JSON record of the worker's log that is `wanted`, waiting up to 30 s for it."""
    for _ in range(300):
        for line in log.read_text().splitlines():
            if line.startswith("{") and wanted(record := json.loads(line)):
                return record
        time.sleep(0.1)
    pytest.fail(f"no such record in the worker's log:\n{log.read_text()}")
