"""The notifications area (issue 15): every event told once, on the consented channel only
(REG-13, REG-14), with an absolute link; e-mail in HTML and text, Hebrew right to left or
English; retried, then recorded failed; nothing told of work rolled back."""

import pytest
from django.core import mail
from django.db import transaction

from registration.models import Channel
from taxportal import sms
from taxportal.events import citizen_event_on_commit
from taxportal.notifications import services
from taxportal.notifications.choices import NotificationStatus, WithheldReason
from taxportal.notifications.models import Notification
from taxportal.notifications.tasks import MAX_RETRIES
from tests.factories import VALID_NATIONAL_IDS

from .helpers import citizen, clear_outboxes

pytestmark = pytest.mark.django_db

NID = VALID_NATIONAL_IDS[3]
BASE = "https://portal.example"

# Every event of issue 15 with parameters as its sender gives them, and a sentence of the
# English message worked out by hand (ISO dates shown dd/mm/yyyy).
EVENTS = [
    (
        "badges.application_received",
        {"reference": "17", "date": "2026-06-01", "due": "2026-08-30"},
        "An answer is due by 30/08/2026.",
    ),
    ("badges.sent_to_doctor", {"date": "2026-06-02"}, "department doctor on 02/06/2026."),
    (
        "badges.approved",
        {"date": "2026-06-01", "expected": "2026-06-15"},
        "within about two weeks, by 15/06/2026.",
    ),
    ("badges.rejected", {"date": "2026-06-01"}, "You may appeal"),
    ("badges.info_requested", {"until": "2026-07-01"}, "Send the documents by 01/07/2026"),
    (
        "badges.printed",
        {"date": "2026-06-03", "expected": "2026-06-15"},
        "It should reach you by post by 15/06/2026.",
    ),
    (
        "badges.refund_approved",
        {"amount": "1,234.50", "due": "2026-05-01"},
        "approved: 1,234.50 NIS.",
    ),
    (
        "badges.refund_paid",
        {"amount": "1,234.50", "date": "2026-04-20"},
        "1,234.50 NIS was paid on 20/04/2026.",
    ),
    ("customs.notice", {"reference": "CUS-000042", "due": "2026-04-01"}, "by 01/04/2026."),
    ("customs.decision", {"reference": "CUS-000042", "due": "2026-05-01"}, "appeal by 01/05/2026"),
    ("customs.appeal_decision", {"reference": "CUS-000042"}, "appeals committee decided"),
    (
        "customs.guarantee_lapsing",
        {"reference": "CUS-000042", "amount": "8,000.00", "expires": "2026-07-02"},
        "8,000.00 NIS you lodged for customs valuation CUS-000042 lapses on 02/07/2026.",
    ),
]


@pytest.fixture(autouse=True)
def portal_address(settings):
    settings.PORTAL_BASE_URL = BASE
    clear_outboxes()


def tell(case, event="badges.approved", key="1", params=None, url="/parking-badges/my/"):
    citizen_event_on_commit(
        sender=type(case),
        event=event,
        identity_number=NID,
        case=case,
        key=key,
        url=url,
        params=params if params is not None else {"date": "2026-06-01"},
    )


@pytest.mark.parametrize(("event", "params", "sentence"), EVENTS, ids=[e[0] for e in EVENTS])
def test_issue_15_every_event_is_told_once_with_an_absolute_link(
    event, params, sentence, django_capture_on_commit_callbacks
):
    profile = citizen(NID, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        tell(profile.user, event=event, params=params)
    with django_capture_on_commit_callbacks(execute=True):
        tell(profile.user, event=event, params=params)  # the same event again
    assert Notification.objects.filter(event=event).count() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["citizen@example.com"]
    assert sentence in message.body
    # The link goes through the citizen login, back to the page: absolute, from the setting.
    assert f"{BASE}/" in message.body and "next=%2Fparking-badges%2Fmy%2F" in message.body
    assert sms.outbox == []
    row = Notification.objects.get(event=event)
    assert (row.status, row.channel, row.address, row.attempts) == (
        NotificationStatus.SENT,
        "email",
        "citizen@example.com",
        1,
    )


def test_issue_15_e_mail_in_hebrew_right_to_left_with_html_and_text(
    django_capture_on_commit_callbacks,
):
    profile = citizen(NID)  # language "he" by default
    with django_capture_on_commit_callbacks(execute=True):
        tell(profile.user, params={"date": "2026-06-01", "expected": "2026-06-15"})
    (message,) = mail.outbox
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert 'dir="rtl"' in html and 'lang="he"' in html
    assert message.subject == "בקשתך לתג נכה אושרה"
    assert "בקשתך לתג חניה לנכה אושרה ביום 01/06/2026." in message.body
    assert "שלום רב," in message.body and "רשות המסים בישראל" in message.body  # greeting, signature
    assert "שלום רב," in html and "רשות המסים בישראל" in html
    assert f'href="{BASE}/' in html


def test_issue_15_e_mail_in_english_left_to_right_when_the_citizen_asked(
    django_capture_on_commit_callbacks,
):
    profile = citizen(NID, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        tell(profile.user)
    (message,) = mail.outbox
    html = message.alternatives[0][0]
    assert 'dir="ltr"' in html and 'lang="en"' in html
    assert message.subject == "Your badge application was approved"
    assert "Hello," in message.body and "Israel Tax Authority" in message.body


def test_reg_14_sms_when_the_chosen_channel_is_sms_and_consented(
    django_capture_on_commit_callbacks,
):
    profile = citizen(NID, channel=Channel.SMS, sms_ok=True, email_ok=True, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        tell(profile.user)
    assert mail.outbox == []
    (message,) = sms.outbox
    assert message.to == "+972502345678"
    assert message.body.startswith("Your application for a disabled-parking badge was approved")
    assert f"{BASE}/" in message.body
    assert len(message.body) < 300  # short: the first sentence, the link, the signature


def test_reg_14_the_chosen_channel_without_consent_falls_to_the_consented_one(
    django_capture_on_commit_callbacks,
):
    profile = citizen(NID, channel=Channel.SMS, sms_ok=False, email_ok=True)
    with django_capture_on_commit_callbacks(execute=True):
        tell(profile.user)
    assert sms.outbox == []
    assert [m.to for m in mail.outbox] == [["citizen@example.com"]]


def test_reg_14_no_consent_nobody_is_told_and_the_case_says_why(
    django_capture_on_commit_callbacks,
):
    profile = citizen(NID, sms_ok=False, email_ok=False)
    with django_capture_on_commit_callbacks(execute=True):
        tell(profile.user)
    assert mail.outbox == [] and sms.outbox == []
    row = Notification.objects.get()
    assert (row.status, row.withheld_reason) == (
        NotificationStatus.WITHHELD,
        WithheldReason.NO_CONSENT,
    )


def test_issue_15_someone_not_registered_is_not_messaged(
    django_capture_on_commit_callbacks, make_user
):
    """BADGE-11, REG-14 (taxportal.notifications.services): no consent was ever given."""
    case = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        tell(case)
    assert mail.outbox == [] and sms.outbox == []
    assert Notification.objects.get().withheld_reason == WithheldReason.NOT_REGISTERED


def test_issue_15_work_rolled_back_tells_nothing(django_capture_on_commit_callbacks):
    profile = citizen(NID)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        tell(profile.user)
        raise RuntimeError("the service failed after sending its event")
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_issue_15_a_second_record_of_the_same_event_is_refused_by_the_database():
    """The unique (case, event, key) lets one insert win, also when two sends race."""
    profile = citizen(NID)
    fields = {"event": "badges.approved", "identity_number": NID, "case": profile.user, "key": "9"}
    assert services.notification_record(**fields) is not None
    assert services.notification_record(**fields) is None
    assert services.notification_record(**{**fields, "key": "10"}) is not None
    assert Notification.objects.count() == 2


def test_issue_15_many_at_once_are_recorded_and_sent_once(django_capture_on_commit_callbacks):
    profile = citizen(NID)
    items = [
        services.CitizenEvent("badges.printed", NID, profile.user, key=str(n)) for n in range(3)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notifications_record_bulk(items=items) == 3
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notifications_record_bulk(items=items) == 0
    assert Notification.objects.count() == 3
    assert len(mail.outbox) == 3


class FailingSms:
    """Refuses for now (SmsGatewayError) the first `failures` messages, then takes them."""

    failures = 0
    calls = 0

    def send(self, message):
        FailingSms.calls += 1
        if FailingSms.calls <= FailingSms.failures:
            raise sms.SmsGatewayError("gateway busy")
        sms.outbox.append(message)


class RefusingSms:
    def send(self, message):
        raise sms.SmsRejected("bad number")


@pytest.fixture
def failing_sms(settings):
    settings.SMS_BACKEND = "tests.notifications.test_notifications.FailingSms"
    FailingSms.calls = 0
    return FailingSms


def test_issue_15_retried_until_the_gateway_takes_it(
    failing_sms, django_capture_on_commit_callbacks
):
    failing_sms.failures = 2
    profile = citizen(NID, channel=Channel.SMS, sms_ok=True)
    with django_capture_on_commit_callbacks(execute=True):
        tell(profile.user)
    row = Notification.objects.get()
    # Two refusals and the third attempt delivered: 3 attempts, one message.
    assert (row.status, row.attempts, len(sms.outbox)) == (NotificationStatus.SENT, 3, 1)


def test_issue_15_failed_for_good_after_the_last_retry(
    failing_sms, django_capture_on_commit_callbacks
):
    failing_sms.failures = 100
    profile = citizen(NID, channel=Channel.SMS, sms_ok=True)
    with django_capture_on_commit_callbacks(execute=True):
        tell(profile.user)  # the service that sent the event does not see the failure
    row = Notification.objects.get()
    # The first attempt and MAX_RETRIES (5) retries: 6 attempts, then failed.
    assert MAX_RETRIES == 5
    assert (row.status, row.attempts) == (NotificationStatus.FAILED, 6)
    assert row.failed_at is not None and "gateway busy" in row.last_error
    assert sms.outbox == []


def test_issue_15_a_refused_number_fails_at_once(settings, django_capture_on_commit_callbacks):
    settings.SMS_BACKEND = "tests.notifications.test_notifications.RefusingSms"
    profile = citizen(NID, channel=Channel.SMS, sms_ok=True)
    with django_capture_on_commit_callbacks(execute=True):
        tell(profile.user)
    row = Notification.objects.get()
    assert (row.status, row.attempts) == (NotificationStatus.FAILED, 1)


def test_issue_15_a_sent_notification_is_never_sent_again():
    profile = citizen(NID)
    row = services.notification_record(
        event="badges.approved", identity_number=NID, case=profile.user, key="1"
    )
    assert row is not None
    status = services.notification_deliver(notification_id=row.pk, last_attempt=False)
    again = services.notification_deliver(notification_id=row.pk, last_attempt=False)
    assert (status, again, len(mail.outbox)) == ("sent", "sent", 1)


@pytest.mark.parametrize(
    ("event", "sentence"),
    [
        ("badges.refund_requested", "We will answer by 01/05/2026."),
        ("badges.replacement_requested", "The new badge should reach you by 01/05/2026."),
        ("badges.documents_received", "Reference: R-7."),
        ("customs.answer_received", "We will answer by 01/05/2026."),
        ("customs.appeal_received", "We will answer by 01/05/2026."),
    ],
)
def test_issue_15_a_receipt_names_its_reference_and_the_rules_date(
    event, sentence, django_capture_on_commit_callbacks
):
    """The citizen's own requests (sent by the citizen side of issue 15) with `reference` and
    the rule's date, under any of the names a sender may give it."""
    profile = citizen(NID, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        tell(profile.user, event=event, params={"reference": "R-7", "due_on": "2026-05-01"})
    (message,) = mail.outbox
    assert sentence in message.body and "R-7" in message.body


def test_issue_15_an_event_without_its_own_text_still_tells_something(
    django_capture_on_commit_callbacks,
):
    profile = citizen(NID, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        tell(profile.user, event="badges.something_new", params={"reference": "R-8"})
    (message,) = mail.outbox
    assert message.subject == "News on your case"
    assert "Reference: R-8." in message.body
