"""Development: debug on, messages written to var/outbox so a person can read them."""

from taxportal.error_reporting import init_error_reporting

from .base import *  # noqa: F403
from .base import (
    REGISTRATION_ANSWER_KEY,
    SENTRY_DSN,
    SENTRY_ENVIRONMENT,
    SENTRY_RELEASE,
    SENTRY_TRACES_SAMPLE_RATE,
    VAR_DIR,
    env_bool,
)

DEBUG = env_bool("DEBUG", True)
if "EMAIL_BACKEND" not in os.environ:  # noqa: F405
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    SMS_BACKEND = "taxportal.sms.FileBackend"
    (VAR_DIR / "outbox").mkdir(parents=True, exist_ok=True)
# With DEBUG only, a fixed key for the demo's answer hashes; production refuses to start without
# its own, and the system checks refuse an empty key anywhere.
if DEBUG and not REGISTRATION_ANSWER_KEY:
    REGISTRATION_ANSWER_KEY = "dev-only-answer-key-never-in-production"

SENTRY_ENABLED = init_error_reporting(
    dsn=SENTRY_DSN,
    environment=SENTRY_ENVIRONMENT,
    release=SENTRY_RELEASE,
    traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE,
)
