"""Tests: the same database and broker as given by the environment, tasks eager unless a test
starts a real worker, messages kept in memory, a fast password hasher."""

from datetime import timedelta

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
# Many tests move the clock by days while logged in; the 30-minute idle timeout is tested where
# those tests set it back (tests/registration/test_sessions.py).
SESSION_IDLE_TIMEOUT = timedelta(days=3650)
# The whole suite calls the APIs from one address; the throttles are tested where they are set.
API_THROTTLE_RATES = {"token": "100000/minute", "address": "100000/minute"}
