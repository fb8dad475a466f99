"""Fixtures for every app: users by role, a logged-in client, and headless Chromium.

Browser tests (marker `browser`) drive Debian's Chromium through Playwright against
pytest-django's live server. Without /usr/bin/chromium they are skipped on a laptop, but fail
in CI (CI=true or REQUIRE_BROWSER_TESTS=1): CI always runs them.
"""

import json
import os
import uuid
from contextlib import ExitStack
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from hypothesis import settings as hypothesis_settings

from taxportal.roles import Role, is_citizen_only
from taxportal.storage import object_storage

from . import servers
from .factories import TEST_PASSWORD, UserFactory

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Property tests assert results, never time: no per-example deadline on a loaded machine.
hypothesis_settings.register_profile("portal", deadline=None)
hypothesis_settings.load_profile("portal")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
BROWSER_REQUIRED = bool(os.environ.get("CI") or os.environ.get("REQUIRE_BROWSER_TESTS"))


@pytest.fixture
def make_user(db):
    """`make_user(Role.LICENSING_CLERK, username=...)`: a user holding that role."""

    def make(*roles: Role, **fields):
        return UserFactory(roles=roles, **fields)

    return make


@pytest.fixture
def client_as(client, make_user):
    """`client_as(Role.INSPECTOR)`: the test client logged in as a new user of that role."""

    def login(*roles: Role, **fields):
        user = make_user(*roles, **fields)
        client.force_login(user)
        client.user = user
        return client

    return login


@pytest.fixture(scope="module")
def chromium():
    """One browser per test module: Playwright's sync API keeps an event loop running in this
    thread while it is open, which would break later tests that call async_to_sync."""
    if not CHROMIUM.exists():
        if BROWSER_REQUIRED:
            pytest.fail(f"{CHROMIUM} is missing: CI must run the browser tests.")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    """A fresh browser context on the live server; `page.goto("/path")` is relative to it.

    It bypasses the Content-Security-Policy so that axe-core can be injected; the policy itself
    is checked by tests/platform/test_csp.py in a context that does not."""
    context = chromium.new_context(base_url=live_server.url, locale="he-IL", bypass_csp=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


DEMO_CITIZENS = Path(__file__).resolve().parent.parent / "fixtures/registration/demo_citizens.json"


def _demo_user_code(user) -> str:
    registered = json.loads(DEMO_CITIZENS.read_text(encoding="utf-8"))["registered"]
    return next(entry["user_code"] for entry in registered if entry["username"] == user.username)


@pytest.fixture
def browser_login(page):
    """`browser_login(user)`: log in through the staff login form, or, for a citizen, through
    the citizen login (REG-20: identity number + user code + password; a demo citizen's user
    code comes from the demo fixture)."""

    def login(user, password: str = TEST_PASSWORD, user_code: str | None = None):
        if is_citizen_only(user):
            page.goto("/registration/login/")
            page.fill("input[name=national_id]", user.national_id)
            page.fill("input[name=user_code]", user_code or _demo_user_code(user))
        else:
            page.goto("/accounts/login/")
            page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", password)
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        return page

    return login


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def axe_violations(page):
    """`axe_violations()`: the serious and critical axe-core findings on the current page."""

    def run() -> list[dict]:
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document)")
        return [
            {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
            for v in result["violations"]
            if v["impact"] in {"serious", "critical"}
        ]

    return run


@pytest.fixture(autouse=True)
def _joins_allowed_again():
    """Celery marks "a task is running" in one process-wide flag while an eager task runs
    (`denied_join_result`), and restores it from what each thread saw on entry: two threads
    running eager tasks at once (the concurrency tests) can leave it set for good, and a later
    test waiting for a real worker's result is refused "Never call result.get() within a task".
    The test process is no worker: each test starts with the flag cleared."""
    from celery._state import _set_task_join_will_block

    _set_task_join_will_block(False)


@pytest.fixture
def celery_worker_for():
    """`celery_worker_for(env={...}, log=path)`: start a real Celery worker on REDIS_URL's
    broker, with the test settings and `env` on top of this environment; it consumes a queue of
    its own, to which every task started by the test is sent (tasks stop running eagerly).
    Returns the queue's name. Fails in CI without Redis; skipped on a laptop without it."""
    if not django_settings.REDIS_URL:
        if os.environ.get("CI"):
            pytest.fail("CI must set REDIS_URL: the worker tests need the real broker.")
        pytest.skip("REDIS_URL is not set: no broker to run a worker against")
    from taxportal.celery import app

    saved = {name: app.conf[name] for name in ("task_default_queue", "task_always_eager")}
    with ExitStack() as workers:

        def start(env: dict[str, str] | None = None, log: Path | None = None) -> str:
            queue = f"test-{uuid.uuid4().hex[:8]}"
            workers.enter_context(servers.celery_worker(queue, env, log))
            app.conf.update(task_default_queue=queue, task_always_eager=False)
            return queue

        try:
            yield start
        finally:
            app.conf.update(saved)


@pytest.fixture(scope="session")
def s3_endpoint():
    """moto's S3 server, started once for the session on a free local port."""
    with servers.s3_server() as endpoint:
        yield endpoint


@pytest.fixture
def s3_storage(s3_endpoint, settings, monkeypatch):
    """Uploaded and generated files go to a fresh bucket on the local S3 server, configured as
    production configures it (taxportal.storage). Returns the environment that names it."""
    import boto3

    for name, value in servers.S3_CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    environ = {
        "AWS_STORAGE_BUCKET_NAME": f"portal-{uuid.uuid4().hex[:12]}",
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        **servers.S3_CREDENTIALS,
    }
    boto3.client("s3", endpoint_url=s3_endpoint).create_bucket(
        Bucket=environ["AWS_STORAGE_BUCKET_NAME"]
    )
    settings.STORAGES = {**settings.STORAGES, "default": object_storage(environ)}
    return environ
