"""REG-17, REG-18: messages that reach citizens. An HTTP SMS gateway (tested against a fake one
on 127.0.0.1); retries on mail-server and gateway errors; a message that failed for good is
shown with a rate-limited "send again"; the no-reply sender is named; production refuses
backends that never send; registrations left at any unfinished step expire."""

import base64
import json
import smtplib
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from registration import services
from registration.models import Channel, Registration
from taxportal import sms
from taxportal.celery import _transient_errors
from taxportal.celery import app as celery_app

from .helpers import code_in, last_texted_code

pytestmark = pytest.mark.django_db
KNOWN = "302466339"


class FakeGateway:
    """A tiny SMS gateway on 127.0.0.1: records each request and answers `status`."""

    def __init__(self):
        self.requests = []
        self.status = 202
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                length = int(self.headers["Content-Length"])
                gateway.requests.append(
                    {
                        "path": self.path,
                        "authorization": self.headers["Authorization"],
                        "content_type": self.headers["Content-Type"],
                        "body": json.loads(self.rfile.read(length)),
                    }
                )
                self.send_response(gateway.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_port}/v1/messages"


@pytest.fixture
def gateway(settings):
    fake = FakeGateway()
    fake.thread.start()
    settings.SMS_BACKEND = "taxportal.sms.HttpGatewayBackend"
    settings.SMS_GATEWAY_URL = fake.url
    settings.SMS_GATEWAY_USER = "portal"
    settings.SMS_GATEWAY_PASSWORD = "s3cret"
    settings.SMS_SENDER = "ITA-NoReply"
    settings.SMS_GATEWAY_TIMEOUT = 5
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


def test_reg_18_the_gateway_backend_posts_the_message_to_the_gateway(gateway):
    sms.send_sms(to="+972502345678", body="קוד: ABCD2345")
    [request] = gateway.requests
    assert request["path"] == "/v1/messages"
    assert request["body"] == {
        "from": "ITA-NoReply",
        "to": "+972502345678",
        "text": "קוד: ABCD2345",
    }
    assert request["authorization"] == "Basic " + base64.b64encode(b"portal:s3cret").decode()
    assert request["content_type"].startswith("application/json")


@pytest.mark.parametrize(
    ("status", "error"),
    [(503, sms.SmsGatewayError), (429, sms.SmsGatewayError), (400, sms.SmsRejected)],
)
def test_reg_18_gateway_errors_are_retried_or_not(gateway, status, error):
    gateway.status = status
    with pytest.raises(error):
        sms.send_sms(to="+972502345678", body="x")


def test_reg_18_an_unreachable_gateway_is_a_transient_error(settings):
    settings.SMS_BACKEND = "taxportal.sms.HttpGatewayBackend"
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:9/"  # the discard port: nobody listens
    with pytest.raises(sms.SmsGatewayError):
        sms.send_sms(to="+972502345678", body="x")


def test_reg_18_the_background_tasks_retry_mail_server_and_gateway_errors():
    transient = _transient_errors()
    for error in (smtplib.SMTPServerDisconnected(), sms.SmsGatewayError(), ConnectionError()):
        assert isinstance(error, transient)
    assert not isinstance(sms.SmsRejected(), transient)  # a refusal for good is not retried


@pytest.fixture
def failures_not_propagated():
    """Tasks run eagerly in tests; let a task fail as a worker's would, without raising."""
    before = celery_app.conf.task_eager_propagates
    celery_app.conf.task_eager_propagates = False
    yield
    celery_app.conf.task_eager_propagates = before


def test_reg_18_a_code_that_failed_for_good_is_shown_with_send_again(
    record, client, gateway, failures_not_propagated, django_capture_on_commit_callbacks
):
    from .wizard_client import CONTACT, answer_high, enter, post, step_url

    gateway.status = 503
    enter(client, KNOWN)
    answer_high(client)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, step_url("contact"), {**CONTACT, "channel": "sms"})
    registration = Registration.objects.get()
    assert registration.status == "code_pending" and registration.message_failed_at
    page = client.get(reverse("registration:code")).content.decode()
    assert 'data-testid="code-not-sent"' in page and 'value="resend"' in page
    gateway.status = 202
    with (
        time_machine.travel(timezone.now() + timedelta(minutes=2)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(reverse("registration:code"), {"op": "resend"})
    registration.refresh_from_db()
    assert (registration.status, registration.resends) == ("code_sent", 1)
    assert len(gateway.requests) == 2
    code = code_in(gateway.requests[-1]["body"]["text"])
    assert services.registration_confirm_code(registration=registration, code=code) == "confirmed"


def test_reg_18_send_again_is_rate_limited(record, failures_not_propagated, settings):
    settings.SMS_BACKEND = "tests.registration.test_messages.BrokenBackend"
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        registration = services.registration_start(
            national_id=KNOWN,
            level="high",
            mobile="+972502345678",
            email="",
            channel=Channel.SMS,
            consent_sms=False,
            consent_email=False,
            terms_accepted=True,
            language="he",
        )
    from registration.tasks import send_user_code

    def fail_once_more():
        send_user_code.apply(args=[registration.pk])
        registration.refresh_from_db()
        assert registration.message_failed_at is not None

    fail_once_more()
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        # Too soon after it was asked for (one minute apart).
        assert not services.registration_resend_code(registration=registration)
    for minute in (1, 2, 3):
        with time_machine.travel(start + timedelta(minutes=minute), tick=False):
            assert services.registration_resend_code(registration=registration)
        fail_once_more()
    with time_machine.travel(start + timedelta(minutes=4), tick=False):
        assert not services.registration_resend_code(registration=registration)  # 3 at most


class BrokenBackend:
    def send(self, message):
        raise sms.SmsGatewayError("down")


def test_reg_18_messages_and_the_completion_page_name_the_no_reply_sender(
    record, client, settings, django_capture_on_commit_callbacks
):
    from .wizard_client import CONTACT, answer_high, enter, post, step_url

    settings.DEFAULT_FROM_EMAIL = "no-reply@taxes.gov.il.example"
    settings.SMS_SENDER = "ITA-NoReply"
    enter(client, KNOWN)
    answer_high(client)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, step_url("contact"), {**CONTACT, "channel": "sms"})
    [message] = sms.outbox
    assert "ITA-NoReply" in message.body
    code = last_texted_code(CONTACT_MOBILE)
    post(client, reverse("registration:code"), {"user_code": code})
    with django_capture_on_commit_callbacks(execute=True):
        post(
            client,
            reverse("registration:password"),
            {"password1": "Gila-Hamsa-77", "password2": "Gila-Hamsa-77"},
        )
    done = client.get(reverse("registration:done")).content.decode()
    assert "no-reply@taxes.gov.il.example" in done and "ITA-NoReply" in done
    assert all("no-reply@taxes.gov.il.example" in m.body for m in mail.outbox)


CONTACT_MOBILE = "+972502345678"


def test_reg_17_registrations_left_at_any_step_expire(record):
    def open_registration(status, **times):
        return Registration.objects.create(
            national_id=KNOWN,
            action="register",
            level="high",
            channel="email",
            email="x@example.com",
            status=status,
            **times,
        )

    now = timezone.now()
    old, fresh = now - timedelta(minutes=31), now - timedelta(minutes=29)
    expired = [
        open_registration("code_pending", code_requested_at=old),
        open_registration("code_sent", code_requested_at=old, code_created_at=old),
        open_registration(
            "code_confirmed", code_requested_at=old, code_created_at=old, code_confirmed_at=old
        ),
    ]
    alive = [
        open_registration("code_pending", code_requested_at=fresh),
        open_registration("code_sent", code_requested_at=fresh, code_created_at=fresh),
        open_registration(
            "code_confirmed", code_requested_at=old, code_created_at=old, code_confirmed_at=fresh
        ),
    ]
    Registration.objects.update(created_at=now - timedelta(hours=1))
    call_command("cancel_expired_registrations", verbosity=0)
    for registration in expired:
        registration.refresh_from_db()
        assert (registration.status, registration.cancel_reason) == ("cancelled", "expired")
    for registration in alive:
        registration.refresh_from_db()
        assert registration.status != "cancelled"


def test_reg_17_a_password_chosen_too_late_cancels_the_registration(record):
    registration = Registration.objects.create(
        national_id=KNOWN,
        action="register",
        level="high",
        channel="email",
        email="x@example.com",
        status="code_confirmed",
        code_confirmed_at=timezone.now() - timedelta(minutes=31),
    )
    assert (
        services.registration_complete(registration=registration, password="Str0ng-p4ss!") is None
    )
    registration.refresh_from_db()
    assert registration.status == "cancelled"


# Production refusing the console and file SMS backends, a mail backend that sends nothing, an http
# gateway, a missing answer key and http links: tests/platform/test_settings.py (REFUSALS).
