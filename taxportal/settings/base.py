"""Every setting the portal reads from the environment, with safe development defaults.

Variables: SECRET_KEY, DEBUG, ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS, DATABASE_URL (absent: SQLite
under var/), REDIS_URL (absent: Celery runs tasks eagerly, caches are in memory), EMAIL_URL-style
settings EMAIL_BACKEND / EMAIL_HOST / EMAIL_PORT / EMAIL_HOST_USER / EMAIL_HOST_PASSWORD /
EMAIL_USE_TLS / DEFAULT_FROM_EMAIL, SMS_BACKEND, SMS_FILE_PATH, MEDIA_ROOT, SMART_CARD_HEADER,
TRUSTED_PROXY_HOPS, GARNISHMENT_SYNC_LINES, GARNISHMENT_SET_BASED, VAR_DIR, LOG_FORMAT,
LOG_LEVEL, SENTRY_DSN / SENTRY_ENVIRONMENT / SENTRY_RELEASE / SENTRY_TRACES_SAMPLE_RATE, and the
object store:
AWS_STORAGE_BUCKET_NAME (absent: files on the local disk under MEDIA_ROOT) / AWS_S3_ENDPOINT_URL /
AWS_S3_REGION_NAME / AWS_S3_ADDRESSING_STYLE / AWS_LOCATION, with boto3's AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY. docs/deploy.md says which process needs which.
"""

import os
from importlib import import_module
from pathlib import Path

import dj_database_url
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
    "rest_framework.authtoken",
    "drf_spectacular",
    "simple_history",
    "health_check",
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
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
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
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",  # staff: username + password
    "registration.backends.CitizenBackend",  # citizens: identity number + user code + password
]

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

# How many reverse proxies in front of the web processes append to X-Forwarded-For (0: none).
TRUSTED_PROXY_HOPS = int(os.environ.get("TRUSTED_PROXY_HOPS", "0"))

# The verified subject of an authorising party's smart card, set by the TLS proxy (REG-1).
SMART_CARD_HEADER = os.environ.get("SMART_CARD_HEADER", "")

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
# The APIs: a token (or the portal's session); every error as RFC 9457 problem details
# (taxportal.problems); the OpenAPI document from drf-spectacular (taxportal.api_schema).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
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
