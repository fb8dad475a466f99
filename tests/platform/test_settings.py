"""Production settings pass Django's deployment checks with production variables set."""

import os
import subprocess
import sys

from django.conf import settings


def test_check_deploy_prints_no_warnings():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "taxportal.settings.production",
        "SECRET_KEY": "x" * 20 + "production-secret-key-with-enough-entropy-0123456789",
        "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://portal@127.0.0.1:5432/portal"),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "ALLOWED_HOSTS": "portal.example.gov.il",
        "REGISTRATION_ANSWER_KEY": "answer-key-" + "k" * 40,
        "PORTAL_BASE_URL": "https://portal.example.gov.il",
        "SMS_GATEWAY_URL": "https://sms.example.gov.il/v1/messages",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_development_falls_back_to_sqlite_and_eager_tasks():
    code = "import django; django.setup(); from django.conf import settings as s; " \
           "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER)"  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(DJANGO_SETTINGS_MODULE="taxportal.settings.dev", VAR_DIR=str(settings.VAR_DIR))
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=settings.BASE_DIR,
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.stdout.split() == ["django.db.backends.sqlite3", "True"], done.stderr
