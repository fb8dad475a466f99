"""Production: everything secret comes from the environment; HTTPS behind a proxy.

It refuses to start on a development default that would be unsafe here: no SECRET_KEY (or the
development one), no PostgreSQL, no Redis, no explicit ALLOWED_HOSTS, no explicit SMS backend
(the default prints user codes to the log) or one that only prints or files messages, an e-mail
backend that sends nothing, no key for the hashes of the Authority's answers (REG-11), no public
https address for the links in messages, no explicit place for files. docs/deploy.md lists every
variable.
"""

from taxportal.error_reporting import init_error_reporting
from taxportal.logs import logging_config
from taxportal.storage import S3_BACKEND

from .base import *  # noqa: F403
from .base import (
    LOG_LEVEL,
    SENTRY_DSN,
    SENTRY_RELEASE,
    SENTRY_TRACES_SAMPLE_RATE,
    env_bool,
)


def _refuse(message: str) -> None:
    raise RuntimeError(f"Production settings: {message} (see docs/deploy.md).")


# The development backends' names, kept here so settings import no application code.
DEVELOPMENT_SMS_BACKENDS = {
    "taxportal.sms.ConsoleBackend",
    "taxportal.sms.FileBackend",
    "taxportal.sms.LocmemBackend",
}

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")  # noqa: F405
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("dev-only"):
    _refuse("SECRET_KEY must be set to a random value of at least 50 characters")
if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):  # noqa: F405
    _refuse("DATABASE_URL must point at PostgreSQL")
if not os.environ.get("REDIS_URL"):  # noqa: F405
    _refuse("REDIS_URL must point at Redis (Celery broker, results, cache)")
if "ALLOWED_HOSTS" not in os.environ or "*" in ALLOWED_HOSTS:  # noqa: F405
    _refuse("ALLOWED_HOSTS must name the portal's host names (no '*')")
if "SMS_BACKEND" not in os.environ:  # noqa: F405
    _refuse("SMS_BACKEND must name the SMS gateway's backend class")
if STORAGES["default"]["BACKEND"] != S3_BACKEND and "MEDIA_ROOT" not in os.environ:  # noqa: F405
    _refuse("set AWS_STORAGE_BUCKET_NAME (object storage) or MEDIA_ROOT (one machine only)")

REGISTRATION_ANSWER_KEY = os.environ.get("REGISTRATION_ANSWER_KEY", "")  # noqa: F405
if len(REGISTRATION_ANSWER_KEY) < 32:
    _refuse(
        "REGISTRATION_ANSWER_KEY must be set (32 characters or more): it keys the hashes of the "
        "Authority's answers (REG-11)"
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
TRUSTED_PROXY_HOPS = int(os.environ.get("TRUSTED_PROXY_HOPS", "1"))  # noqa: F405
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The load balancer's probes reach the web processes over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")  # noqa: F405
SMS_BACKEND = os.environ["SMS_BACKEND"]  # noqa: F405

# REG-18: messages must reach citizens. Backends that print or write them to files are for
# development; the gateway needs its address (its credentials may be empty if it trusts us by
# address), and the links in messages need the portal's public https address.
_DEVELOPMENT_EMAIL = {"console", "filebased", "locmem", "dummy"}
if EMAIL_BACKEND.rsplit(".", 2)[-2] in _DEVELOPMENT_EMAIL:
    _refuse(f"EMAIL_BACKEND {EMAIL_BACKEND} does not send e-mail")
if SMS_BACKEND in DEVELOPMENT_SMS_BACKENDS:
    _refuse(f"SMS_BACKEND {SMS_BACKEND} does not send SMS")
if SMS_BACKEND == "taxportal.sms.HttpGatewayBackend" and not SMS_GATEWAY_URL.startswith("https://"):  # noqa: F405
    _refuse("SMS_GATEWAY_URL must be the SMS gateway's https address")
if not PORTAL_BASE_URL.startswith("https://"):  # noqa: F405
    _refuse("PORTAL_BASE_URL must be the portal's public https address")

LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")  # noqa: F405
LOGGING = logging_config(log_format=LOG_FORMAT, level=LOG_LEVEL)

SENTRY_ENVIRONMENT = os.environ.get("SENTRY_ENVIRONMENT", "production")  # noqa: F405
SENTRY_ENABLED = init_error_reporting(
    dsn=SENTRY_DSN,
    environment=SENTRY_ENVIRONMENT,
    release=SENTRY_RELEASE,
    traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE,
)
