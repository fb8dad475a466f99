"""Production settings pass Django's deployment checks with production variables set, refuse
unsafe development defaults, log JSON and report errors to Sentry only when SENTRY_DSN is set."""

import json
import os
import subprocess
import sys

from django.conf import settings

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "taxportal.settings.production",
    "SECRET_KEY": "x" * 20 + "production-secret-key-with-enough-entropy-0123456789",
    "DATABASE_URL": os.environ.get("DATABASE_URL") or "postgres://portal@127.0.0.1:5432/portal",
    "REDIS_URL": os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0",
    "ALLOWED_HOSTS": "portal.example.gov.il",
    "SMS_BACKEND": "taxportal.sms.HttpGatewayBackend",
    "SMS_GATEWAY_URL": "https://sms.example.gov.il/v1/messages",
    "REGISTRATION_ANSWER_KEY": "answer-key-" + "k" * 40,
    "PORTAL_BASE_URL": "https://portal.example.gov.il",
    "AWS_STORAGE_BUCKET_NAME": "portal-files",
}
DSN = "https://public@127.0.0.1:9/1"  # never contacted: no error happens in the probe
# What the probe prints: the settings that matter here, read after django.setup().
SHOW = (
    "import json, django, sentry_sdk; django.setup(); from django.conf import settings as s; "
    "client = sentry_sdk.get_client(); "
    "print(json.dumps({'sentry': s.SENTRY_ENABLED, 'active': client.is_active(), "
    "'pii': client.options.get('send_default_pii'), "
    "'integrations': sorted(client.integrations), "
    "'log': s.LOGGING['handlers']['console']['formatter'], "
    "'storage': s.STORAGES['default']['BACKEND']}))"
)


def run_settings(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """Python with exactly these variables on top of a clean environment (no SENTRY_*, no
    AWS_*, no LOG_FORMAT leaking in from the machine)."""
    keep = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SENTRY_", "AWS_", "LOG_", "DJANGO_", "SMS_", "EMAIL_"))
        and k
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "MEDIA_ROOT",
            "PORTAL_BASE_URL",
            "REGISTRATION_ANSWER_KEY",
        }
    }
    return subprocess.run(
        [sys.executable, *args], env={**keep, **env}, cwd=settings.BASE_DIR,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def show(env: dict[str, str]) -> dict:
    done = run_settings(env, "-c", SHOW)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_check_deploy_prints_no_warnings():
    done = run_settings(PRODUCTION, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_production_logs_json_keeps_files_in_the_object_store_and_sends_no_errors_without_dsn():
    assert show(PRODUCTION) == {
        "sentry": False,
        "active": False,
        "pii": None,
        "integrations": [],
        "log": "json",
        "storage": "storages.backends.s3.S3Storage",
    }


def test_sentry_is_on_with_a_dsn_and_sends_no_personal_data():
    shown = show({**PRODUCTION, "SENTRY_DSN": DSN})
    assert shown["sentry"] is True and shown["active"] is True
    assert shown["pii"] is False
    assert {"django", "celery"} <= set(shown["integrations"])


def test_tests_never_report_to_sentry_even_with_a_dsn():
    test = {"DJANGO_SETTINGS_MODULE": "taxportal.settings.test", "SENTRY_DSN": DSN}
    shown = show(test)
    assert shown["sentry"] is False and shown["active"] is False


def test_development_logs_plain_text_on_the_local_disk_unless_told_otherwise():
    dev = {"DJANGO_SETTINGS_MODULE": "taxportal.settings.dev", "VAR_DIR": str(settings.VAR_DIR)}
    shown = show(dev)
    assert shown["log"] == "plain" and shown["sentry"] is False
    assert shown["storage"] == "django.core.files.storage.FileSystemStorage"
    assert show({**dev, "LOG_FORMAT": "json"})["log"] == "json"


REFUSALS = [
    ({"SECRET_KEY": "short"}, "SECRET_KEY"),
    ({"SECRET_KEY": "dev-only-insecure-key-change-me-in-production" + "x" * 20}, "SECRET_KEY"),
    ({"DATABASE_URL": "sqlite:///portal.db"}, "DATABASE_URL"),
    ({"REDIS_URL": None}, "REDIS_URL"),
    ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS"),
    ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS"),
    ({"SMS_BACKEND": None}, "SMS_BACKEND"),
    # REG-18: a backend that prints or files user codes, or sends nothing, never in production.
    ({"SMS_BACKEND": "taxportal.sms.ConsoleBackend"}, "does not send SMS"),
    ({"SMS_BACKEND": "taxportal.sms.FileBackend"}, "does not send SMS"),
    ({"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}, "EMAIL_BACKEND"),
    ({"SMS_GATEWAY_URL": "http://sms.example.gov.il/v1/messages"}, "SMS_GATEWAY_URL"),
    ({"SMS_GATEWAY_URL": None}, "SMS_GATEWAY_URL"),
    # REG-11: the answers' hashes need their key; REG-21: links in messages are https.
    ({"REGISTRATION_ANSWER_KEY": None}, "REGISTRATION_ANSWER_KEY"),
    ({"REGISTRATION_ANSWER_KEY": "short"}, "REGISTRATION_ANSWER_KEY"),
    ({"PORTAL_BASE_URL": "http://portal.example.gov.il"}, "PORTAL_BASE_URL"),
    ({"AWS_STORAGE_BUCKET_NAME": None}, "MEDIA_ROOT"),
    ({"LOG_FORMAT": "xml"}, "LOG_FORMAT"),
]
# Imports the production settings once per case, in one process, and prints what each raised.
TRY_EACH = """
import importlib, json, os, sys
base, cases, answers = dict(os.environ), json.loads(sys.argv[1]), []
for change in cases:
    os.environ.clear()
    os.environ.update({k: v for k, v in {**base, **change}.items() if v is not None})
    for name in ("taxportal.settings.production", "taxportal.settings.base"):
        sys.modules.pop(name, None)
    try:
        importlib.import_module("taxportal.settings.production")
        answers.append("accepted")
    except (RuntimeError, ValueError) as refusal:
        answers.append(str(refusal))
print(json.dumps(answers))
"""


def test_production_refuses_unsafe_defaults():
    done = run_settings(PRODUCTION, "-c", TRY_EACH, json.dumps([c for c, _ in REFUSALS]))
    assert done.returncode == 0, done.stderr
    answers = json.loads(done.stdout.strip().splitlines()[-1])
    for (change, refusal), answer in zip(REFUSALS, answers, strict=True):
        assert refusal in answer, (change, answer)


def test_production_keeps_files_on_one_machines_disk_only_when_told():
    env = {k: v for k, v in PRODUCTION.items() if k != "AWS_STORAGE_BUCKET_NAME"}
    shown = show({**env, "MEDIA_ROOT": str(settings.VAR_DIR / "prod-media")})
    assert shown["storage"] == "django.core.files.storage.FileSystemStorage"


def test_development_falls_back_to_sqlite_and_eager_tasks():
    code = "import django; django.setup(); from django.conf import settings as s; " \
           "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER)"  # fmt: skip
    env = {"DJANGO_SETTINGS_MODULE": "taxportal.settings.dev", "VAR_DIR": str(settings.VAR_DIR)}
    done = run_settings(env, "-c", code)
    assert done.stdout.split() == ["django.db.backends.sqlite3", "True"], done.stderr
