"""Tests: the same database and broker as given by the environment, tasks eager unless a test
starts a real worker, messages kept in memory, a fast password hasher."""

from .base import *  # noqa: F403

DEBUG = False
CELERY_TASK_ALWAYS_EAGER = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "taxportal.sms.LocmemBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
if REDIS_URL:  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = "taxportal-test"  # noqa: F405
REGISTRATION_ANSWER_KEY = "test-only-answer-key-0123456789abcdef"
