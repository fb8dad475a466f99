"""Every setting the portal reads from the environment, with safe development defaults.

Variables: SECRET_KEY, DEBUG, ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS, DATABASE_URL (absent: SQLite
under var/), REDIS_URL (absent: Celery runs tasks eagerly, caches are in memory), EMAIL_URL-style
settings EMAIL_BACKEND / EMAIL_HOST / EMAIL_PORT / EMAIL_HOST_USER / EMAIL_HOST_PASSWORD /
EMAIL_USE_TLS / DEFAULT_FROM_EMAIL, SMS_BACKEND, SMS_FILE_PATH, SMS_GATEWAY_URL /
SMS_GATEWAY_USER / SMS_GATEWAY_PASSWORD / SMS_GATEWAY_TIMEOUT / SMS_SENDER, PORTAL_BASE_URL,
REGISTRATION_ANSWER_KEY, SESSION_IDLE_MINUTES, AXES_FAILURE_LIMIT / AXES_COOLOFF_MINUTES,
API_TOKEN_LIFETIME_DAYS / API_RATE_PER_TOKEN / API_RATE_PER_ADDRESS, MEDIA_ROOT, SMART_CARD_HEADER,
TRUSTED_PROXY_HOPS, GARNISHMENT_SYNC_LINES, GARNISHMENT_SET_BASED,
ACCESSIBILITY_COORDINATOR_NAME / _PHONE / _EMAIL, ACCESSIBILITY_STATEMENT_REVIEWED, HELP_PHONE,
HELP_EMAIL, PRIVACY_OFFICER_EMAIL, VAR_DIR,
LOG_FORMAT, LOG_LEVEL, SENTRY_DSN / SENTRY_ENVIRONMENT / SENTRY_RELEASE /
SENTRY_TRACES_SAMPLE_RATE, and the object store: AWS_STORAGE_BUCKET_NAME (absent: files on the
local disk under MEDIA_ROOT) / AWS_S3_ENDPOINT_URL / AWS_S3_REGION_NAME / AWS_S3_ADDRESSING_STYLE /
AWS_LOCATION, with boto3's AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
docs/deploy.md says which process needs which.
"""

import os
from datetime import timedelta
from importlib import import_module
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from taxportal.logs import logging_config
from taxportal.storage import object_storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me-in-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

PORTAL_APPS = ["registration", "parking_badges", "customs_valuation", "garnishment"]

INSTALLED_APPS = [
    "taxportal",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "rest_framework",
    "drf_spectacular",
    "simple_history",
    "health_check",
    "axes",
    *PORTAL_APPS,
]

MIDDLEWARE = [
    "taxportal.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "taxportal.middleware.HebrewFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "taxportal.sessions.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "taxportal.middleware.PermissionsPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into its page
]

ROOT_URLCONF = "taxportal.urls"
WSGI_APPLICATION = "taxportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "taxportal.context_processors.portal",
            ],
            # The one set of figures and dates (shekels, nis, count, day, moment, month) in
            # every template, as the portal shows them everywhere.
            "builtins": ["taxportal.templatetags.money"],
        },
    },
]

# Database: PostgreSQL from DATABASE_URL; an embedded SQLite file for a laptop without one.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "db.sqlite3"),
            "OPTIONS": {"timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "taxportal.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "taxportal.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "taxportal.passwords.MinimumLengthValidator"},
    {"NAME": "taxportal.passwords.CommonPasswordValidator"},
    {"NAME": "taxportal.passwords.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "taxportal.backends.StaffLockoutBackend",  # django-axes: refuses a locked staff login
    "registration.backends.CitizenBackend",  # citizens: identity number + user code + password
    "taxportal.backends.StaffBackend",  # staff: username + password, never a citizen's account
]

# A strict Content-Security-Policy (django-csp): scripts, styles, fonts and images from the portal
# only, never inline (no <script> or <style> in a page, no style="" or on...=""); no framing. And
# a Permissions-Policy turning off the browser features no page uses (taxportal.middleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# Sessions end when the browser closes (no cookie expiry) and after 30 minutes without a request
# (taxportal.sessions); SESSION_COOKIE_AGE only bounds how long the server keeps one.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_IDLE_TIMEOUT = timedelta(minutes=int(os.environ.get("SESSION_IDLE_MINUTES", "30")))
SESSION_COOKIE_AGE = 12 * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Staff and admin logins (django-axes, in the database): 5 wrong passwords for one username from
# one address lock that pair for AXES_COOLOFF_MINUTES; every login and failure is logged, and an
# administrator unlocks by deleting the "access attempt" in the admin (or `axes_reset_username`).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "60")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_CLIENT_IP_CALLABLE = "taxportal.http.client_address"
AXES_WHITELIST_CALLABLE = "taxportal.backends.is_citizen_attempt"
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"

# Hebrew first, right to left; English through the message catalogues.
LANGUAGE_CODE = "he"
LANGUAGES = [("he", _("Hebrew")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "taxportal" / "locale"]
TIME_ZONE = "Asia/Jerusalem"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/swagger-ui", BASE_DIR / "node_modules" / "swagger-ui-dist"),
]
# Uploaded and generated files: the local disk under MEDIA_ROOT, or the object store named by
# AWS_STORAGE_BUCKET_NAME (taxportal.storage), shared by every web process and worker.
STORAGES = {
    "default": object_storage(os.environ)
    or {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
# Each uploaded document (taxportal.uploads): checked by content, refused above this size.
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", 10 * 1024 * 1024))
# The largest amount a clerk may type for a badge licence fee, payment or schedule entry (NIS):
# a licence fee is hundreds of shekels, so anything above this is a typing error (issue 11).
BADGE_AMOUNT_CEILING = os.environ.get("BADGE_AMOUNT_CEILING", "100000.00")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Redis: the Celery broker and result backend, and the shared cache (rate limits, lockouts).
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Each app declares its daily and monthly jobs in `<app>/schedule.py` as BEAT_SCHEDULE.
CELERY_BEAT_SCHEDULE = {
    name: entry
    for app_name in PORTAL_APPS
    for name, entry in import_module(f"{app_name}.schedule").BEAT_SCHEDULE.items()
}

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "taxportal",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Messages to citizens: Django's e-mail backend, and a pluggable SMS backend (taxportal.sms).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "outbox" / "email"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@taxes.gov.il.example")
SMS_BACKEND = os.environ.get("SMS_BACKEND", "taxportal.sms.ConsoleBackend")
SMS_FILE_PATH = os.environ.get("SMS_FILE_PATH", str(VAR_DIR / "outbox" / "sms"))
# The HTTP SMS gateway (taxportal.sms.HttpGatewayBackend) and the no-reply sender name citizens
# see on the Authority's SMS; DEFAULT_FROM_EMAIL is the no-reply sender of its e-mail (REG-18).
SMS_GATEWAY_URL = os.environ.get("SMS_GATEWAY_URL", "")
SMS_GATEWAY_USER = os.environ.get("SMS_GATEWAY_USER", "")
SMS_GATEWAY_PASSWORD = os.environ.get("SMS_GATEWAY_PASSWORD", "")
SMS_GATEWAY_TIMEOUT = float(os.environ.get("SMS_GATEWAY_TIMEOUT", "10"))
SMS_SENDER = os.environ.get("SMS_SENDER", "ITA-NoReply")

# The portal's own address: every link in an e-mail or SMS is built from it, never from the
# Host header of the request that happened to send the message.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")

# REG-11: the key of the hashes that stand for the Authority's answers (HMAC-SHA256). Secret, at
# least 32 characters; changing it means loading the records again from a new export.
REGISTRATION_ANSWER_KEY = os.environ.get("REGISTRATION_ANSWER_KEY", "")

# How many reverse proxies in front of the web processes append to X-Forwarded-For (0: none).
TRUSTED_PROXY_HOPS = int(os.environ.get("TRUSTED_PROXY_HOPS", "0"))

# The verified subject of an authorising party's smart card, set by the TLS proxy (REG-1).
SMART_CARD_HEADER = os.environ.get("SMART_CARD_HEADER", "")

# The footer pages (accessibility statement, contact and help): who answers the public. The
# accessibility coordinator is required by the Equal Rights for Persons with Disabilities
# (Service Accessibility Adjustments) Regulations, 5773-2013; set the real details in production.
ACCESSIBILITY_COORDINATOR_NAME = os.environ.get("ACCESSIBILITY_COORDINATOR_NAME", "")
ACCESSIBILITY_COORDINATOR_PHONE = os.environ.get("ACCESSIBILITY_COORDINATOR_PHONE", "*4954")
ACCESSIBILITY_COORDINATOR_EMAIL = os.environ.get(
    "ACCESSIBILITY_COORDINATOR_EMAIL", "accessibility@taxes.gov.il.example"
)
# The date the accessibility statement was last reviewed (ISO), shown on the statement.
ACCESSIBILITY_STATEMENT_REVIEWED = os.environ.get("ACCESSIBILITY_STATEMENT_REVIEWED", "2026-11-30")
HELP_PHONE = os.environ.get("HELP_PHONE", "*4954")
HELP_EMAIL = os.environ.get("HELP_EMAIL", "help@taxes.gov.il.example")
PRIVACY_OFFICER_EMAIL = os.environ.get("PRIVACY_OFFICER_EMAIL", "privacy@taxes.gov.il.example")

# Garnishment reports with more lines than this are billed by a Celery task, not in the request.
GARNISHMENT_SYNC_LINES = int(os.environ.get("GARNISHMENT_SYNC_LINES", "20000"))
# On PostgreSQL a report's lines are checked and billed set-based (COPY, one INSERT … SELECT);
# 0 applies the same rules line by line in Python, as on SQLite (the results are the same).
GARNISHMENT_SET_BASED = os.environ.get("GARNISHMENT_SET_BASED", "1") == "1"
# Garnishment report files: the largest accepted, the most lines, and how far a workbook may
# expand when unpacked (checked before any of it is parsed or stored).
GARNISHMENT_MAX_FILE_MB = int(os.environ.get("GARNISHMENT_MAX_FILE_MB", "200"))
GARNISHMENT_MAX_LINES = int(os.environ.get("GARNISHMENT_MAX_LINES", "1000000"))
GARNISHMENT_XLSX_MAX_UNZIPPED_MB = int(os.environ.get("GARNISHMENT_XLSX_MAX_UNZIPPED_MB", "150"))
# Garnishment report lines are kept three years (GAR-10), then this many more years before the
# purge job removes the debtors' personal details and the original files.
GARNISHMENT_RETENTION_YEARS = int(os.environ.get("GARNISHMENT_RETENTION_YEARS", "4"))

# The APIs: hashed, expiring tokens (taxportal.authentication) or the portal's session; throttled
# per token and per address (taxportal.throttling), "N/second|minute|hour|day"; every error as
# RFC 9457 problem details (taxportal.problems); the OpenAPI document from drf-spectacular
# (taxportal.api_schema).
API_TOKEN_LIFETIME = timedelta(days=int(os.environ.get("API_TOKEN_LIFETIME_DAYS", "90")))
API_THROTTLE_RATES = {
    "token": os.environ.get("API_RATE_PER_TOKEN", "120/minute"),
    "address": os.environ.get("API_RATE_PER_ADDRESS", "300/minute"),
}
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First: a refused token answers 401 with "WWW-Authenticate: Token".
        "taxportal.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "taxportal.throttling.TokenRateThrottle",
        "taxportal.throttling.AddressRateThrottle",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "COERCE_DECIMAL_TO_STRING": True,
    "EXCEPTION_HANDLER": "taxportal.problems.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tax portal API",
    "VERSION": "1.0.0",
    "DESCRIPTION": (BASE_DIR / "docs" / "api-description.md").read_text(encoding="utf-8"),
    "SCHEMA_PATH_PREFIX": "/api/",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["taxportal.api_schema.IsIntegrator"],
    "PREPROCESSING_HOOKS": ["taxportal.api_schema.drop_undocumented"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "taxportal.api_schema.add_problem_responses",
    ],
    "TAGS": [
        {"name": "garnishment", "description": "Garnishment answer reports (GAR-11)."},
        {"name": "badges", "description": "Disabled-parking badges (BADGE-48, BADGE-53)."},
        {"name": "customs", "description": "Customs valuation of personal imports (CUS-8)."},
    ],
}

# Logs on standard error: `plain` for a person, `json` for a log collector (production's default).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = logging_config(log_format=LOG_FORMAT, level=LOG_LEVEL)

# Errors to Sentry when SENTRY_DSN is set: `dev` and `production` start the SDK
# (taxportal.error_reporting) in web processes and workers alike; tests never do.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
SENTRY_ENVIRONMENT = os.environ.get("SENTRY_ENVIRONMENT", "development")
SENTRY_RELEASE = os.environ.get("SENTRY_RELEASE") or None
SENTRY_TRACES_SAMPLE_RATE = float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0"))
SENTRY_ENABLED = False
