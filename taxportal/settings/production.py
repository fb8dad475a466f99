"""Production: everything secret comes from the environment; HTTPS behind a proxy."""

from .base import *  # noqa: F403
from .base import env_bool

# The development backends' names, kept here so settings import no application code.
DEVELOPMENT_SMS_BACKENDS = {
    "taxportal.sms.ConsoleBackend",
    "taxportal.sms.FileBackend",
    "taxportal.sms.LocmemBackend",
}

DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]  # noqa: F405
if not os.environ.get("DATABASE_URL"):  # noqa: F405
    raise RuntimeError("DATABASE_URL must point at PostgreSQL in production.")
if not os.environ.get("REDIS_URL"):  # noqa: F405
    raise RuntimeError("REDIS_URL must point at Redis in production (Celery broker, cache).")

REGISTRATION_ANSWER_KEY = os.environ.get("REGISTRATION_ANSWER_KEY", "")  # noqa: F405
if len(REGISTRATION_ANSWER_KEY) < 32:
    raise RuntimeError(
        "REGISTRATION_ANSWER_KEY must be set (32 characters or more): it keys the hashes of the "
        "Authority's answers (REG-11)."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
TRUSTED_PROXY_HOPS = int(os.environ.get("TRUSTED_PROXY_HOPS", "1"))  # noqa: F405
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
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
SMS_BACKEND = os.environ.get("SMS_BACKEND", "taxportal.sms.HttpGatewayBackend")  # noqa: F405

# REG-18: messages must reach citizens. Backends that print or write them to files are for
# development; the gateway needs its address (its credentials may be empty if it trusts us by
# address), and the links in messages need the portal's public https address.
_DEVELOPMENT_EMAIL = {"console", "filebased", "locmem", "dummy"}
if EMAIL_BACKEND.rsplit(".", 2)[-2] in _DEVELOPMENT_EMAIL:
    raise RuntimeError(f"EMAIL_BACKEND {EMAIL_BACKEND} does not send e-mail: not in production.")
if SMS_BACKEND in DEVELOPMENT_SMS_BACKENDS:
    raise RuntimeError(f"SMS_BACKEND {SMS_BACKEND} does not send SMS: not in production.")
if SMS_BACKEND == "taxportal.sms.HttpGatewayBackend" and not SMS_GATEWAY_URL.startswith("https://"):  # noqa: F405
    raise RuntimeError("SMS_GATEWAY_URL must be the SMS gateway's https address.")
if not PORTAL_BASE_URL.startswith("https://"):  # noqa: F405
    raise RuntimeError("PORTAL_BASE_URL must be the portal's public https address.")
