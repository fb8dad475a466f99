"""Settings of the web processes `bench.pages` starts: the test settings (DEBUG off, the same
middleware and templates as production) with one more page, the bare layout (bench.urls)."""

from taxportal.settings.test import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
LOGGING = {"version": 1, "disable_existing_loggers": False}
