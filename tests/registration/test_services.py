"""Services: identity checks and their lockout, the user code's life, completion, recovery and
contact updates. Real database; tasks run eagerly on commit."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import authenticate
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from registration import rules, selectors, services
from registration.models import (
    Action,
    Channel,
    CitizenProfile,
    ContactVerification,
    IdentityAttempt,
    Registration,
    TaxpayerRecord,
)
from taxportal import sms
from taxportal.models import AuditEvent
from taxportal.roles import Role

from .factories import ANSWERS, USER_CODE
from .helpers import last_emailed_code, last_texted_code, link_in

pytestmark = pytest.mark.django_db
ADDR = "203.0.113.7"
KNOWN = "302466339"
UNKNOWN = "973669468"


def check_high(national_id, answer, addr=ADDR):
    return services.identity_check_high(
        national_id=national_id,
        answers={"work_grant_claim_number": answer},
        action=Action.REGISTER,
        remote_addr=addr,
    )


def start(national_id=KNOWN, **fields):
    values = {
        "national_id": national_id,
        "level": "low",
        "mobile": "+972502345678",
        "email": "new@example.com",
        "channel": Channel.EMAIL,
        "consent_sms": True,
        "consent_email": False,
        "terms_accepted": True,
        "language": "en",
        **fields,
    }
    return services.registration_start(**values)


# --- REG-6 to REG-11 ---------------------------------------------------------------------------


def test_reg_6_right_answer_gives_high_level_and_is_recorded(record):
    check = check_high(KNOWN, ANSWERS["work_grant_claim_number"])
    assert check.level == "high"
    attempt = IdentityAttempt.objects.get()
    assert (attempt.national_id, attempt.outcome, attempt.remote_addr) == (KNOWN, "high", ADDR)


def test_reg_11_unknown_and_wrong_fail_the_same_way(record):
    wrong = check_high(KNOWN, "1")
    unknown = check_high(UNKNOWN, "1", addr="198.51.100.1")
    assert wrong == unknown
    assert wrong.level is None and wrong.failures_left == 4
    assert IdentityAttempt.objects.filter(outcome="failed").count() == 2


def test_reg_9_low_level_from_two_items_and_two_further_questions(record):
    kinds = rules.draw_further_questions(selectors.further_question_pool(KNOWN), "seed")
    check = services.identity_check_low(
        national_id=KNOWN,
        items={"id_issue_date": "01/02/2015", "passport_number": "23456781"},
        further_kinds=kinds,
        further=ANSWERS,
        action=Action.REGISTER,
        remote_addr=ADDR,
    )
    assert check.level == "low"


def test_reg_11_five_failures_lock_the_identity_number_for_24_hours(record):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(4):
            assert check_high(KNOWN, "1").locked_until is None
        fifth = check_high(KNOWN, "1")
        assert fifth.locked_until == timezone.now() + timedelta(hours=24)
        clock.shift(timedelta(hours=23, minutes=59))
        state = selectors.lockout_state(national_id=KNOWN, remote_addr=None, now=timezone.now())
        assert state.locked_until is not None
        clock.shift(timedelta(minutes=1))
        state = selectors.lockout_state(national_id=KNOWN, remote_addr=None, now=timezone.now())
        assert state.locked_until is None


def test_reg_11_unknown_numbers_lock_exactly_like_known_ones(record):
    for _ in range(5):
        known = check_high(KNOWN, "1", addr="198.51.100.1")
        unknown = check_high(UNKNOWN, "1", addr="198.51.100.2")
    assert known.locked_until is not None and unknown.locked_until is not None
    assert known.failures_left == unknown.failures_left == 0


def test_reg_11_one_address_trying_many_numbers_is_locked(record):
    for index in range(rules.LOCKOUT_PER_ADDRESS.limit):
        check = check_high(f"{index:08d}0", "1")
    assert check.locked_until is not None
    other_address = selectors.lockout_state(
        national_id="000000990", remote_addr="198.51.100.9", now=timezone.now()
    )
    assert other_address.locked_until is None


def test_reg_11_success_clears_the_identity_numbers_count(record):
    for _ in range(4):
        check_high(KNOWN, "1")
    check_high(KNOWN, ANSWERS["work_grant_claim_number"])
    assert check_high(KNOWN, "1").failures_left == 4


# --- REG-17 to REG-20 --------------------------------------------------------------------------


def test_reg_18_code_is_sent_by_email_from_the_task_and_stored_only_hashed(
    record, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = start()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CODE_SENT
    message = mail.outbox[-1]
    code = last_emailed_code("new@example.com")
    assert message.to == ["new@example.com"]
    assert "30 minutes" in message.body and "Israel Tax Authority" in message.body
    assert code not in registration.code_hash
    assert registration.code_hash.startswith(("md5$", "pbkdf2_", "argon2", "bcrypt"))


def test_reg_18_code_is_sent_by_sms_when_chosen(record, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        start(channel=Channel.SMS)
    assert len(last_texted_code("+972502345678")) == rules.USER_CODE_LENGTH
    assert mail.outbox == []


def test_reg_18_message_in_hebrew_by_default(record, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        start(language="he")
    message = mail.outbox[-1]
    assert "קוד המשתמש שלך" in message.body
    assert "רשות המסים בישראל" in message.body


def _sent_registration(django_capture_on_commit_callbacks, **fields):
    with django_capture_on_commit_callbacks(execute=True):
        registration = start(**fields)
    return Registration.objects.get(pk=registration.pk), last_emailed_code(
        fields.get("email", "new@example.com")
    )


def test_reg_19_code_accepted_until_30_minutes(record, django_capture_on_commit_callbacks):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        registration, code = _sent_registration(django_capture_on_commit_callbacks)
        clock.shift(timedelta(minutes=29, seconds=59))
        outcome = services.registration_confirm_code(registration=registration, code=code.lower())
    assert outcome == services.CodeOutcome.CONFIRMED


def test_reg_19_code_refused_at_30_minutes_and_registration_cancelled(
    record, django_capture_on_commit_callbacks
):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        registration, code = _sent_registration(django_capture_on_commit_callbacks)
        clock.shift(timedelta(minutes=30))
        outcome = services.registration_confirm_code(registration=registration, code=code)
    registration.refresh_from_db()
    assert outcome == services.CodeOutcome.CANCELLED
    assert registration.cancel_reason == Registration.CancelReason.EXPIRED


def test_reg_19_five_wrong_entries_cancel(record, django_capture_on_commit_callbacks):
    registration, code = _sent_registration(django_capture_on_commit_callbacks)
    outcomes = [
        services.registration_confirm_code(registration=registration, code="WRONG222")
        for _ in range(rules.MAX_WRONG_CODE_ENTRIES)
    ]
    assert outcomes[:-1] == [services.CodeOutcome.WRONG] * 4
    assert outcomes[-1] == services.CodeOutcome.CANCELLED
    assert services.registration_confirm_code(registration=registration, code=code) == "cancelled"


def test_reg_20_completion_makes_a_citizen_who_logs_in_with_three_things(
    record, client, django_capture_on_commit_callbacks
):
    registration, code = _sent_registration(django_capture_on_commit_callbacks)
    services.registration_confirm_code(registration=registration, code=code)
    with django_capture_on_commit_callbacks(execute=True):
        user = services.registration_complete(registration=registration, password="Str0ng-pass!")
    assert user.has_role(Role.CITIZEN)
    assert user.national_id == KNOWN
    profile = user.citizen_profile
    assert (profile.level, profile.channel, profile.consent_sms) == ("low", "email", True)
    assert profile.email_verified_at is not None  # the code reached it
    assert profile.mobile_verified_at is None
    assert authenticate(national_id=KNOWN, user_code=code, password="Str0ng-pass!") == user
    assert authenticate(national_id=KNOWN, user_code="ZZZZ2222", password="Str0ng-pass!") is None
    assert authenticate(national_id=KNOWN, user_code=code, password="wrong") is None
    # Only so (issue 12: this asserted the username + password bypass): the username and
    # password alone never authenticate a citizen, and the staff login refuses the account.
    assert authenticate(username=user.username, password="Str0ng-pass!") is None
    staff_login = {"username": user.username, "password": "Str0ng-pass!"}
    response = client.post(reverse("login"), staff_login)
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert not user.username.endswith(KNOWN)
    assert AuditEvent.objects.filter(action="registration completed").exists()


def test_reg_20_a_new_citizen_is_greeted_by_the_name_on_record(
    record, client, django_capture_on_commit_callbacks
):
    registration, code = _sent_registration(django_capture_on_commit_callbacks)
    services.registration_confirm_code(registration=registration, code=code)
    user = services.registration_complete(registration=registration, password="Str0ng-pass!")
    assert user.get_full_name() == f"{record.first_name} {record.last_name}"
    client.force_login(user)
    header = client.get("/registration/personal-area/").content.decode().split("</header>")[0]
    assert user.get_full_name() in header and user.username not in header


def test_reg_21_the_other_channel_gets_a_verification_link(
    record, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = start(channel=Channel.SMS)
    code = last_texted_code("+972502345678")
    services.registration_confirm_code(registration=registration, code=code)
    with django_capture_on_commit_callbacks(execute=True):
        user = services.registration_complete(registration=registration, password="Str0ng-pass!")
    link = link_in(mail.outbox[-1].body)
    assert mail.outbox[-1].to == ["new@example.com"]
    assert client.get(link).status_code == 200
    client.post(link)
    profile = CitizenProfile.objects.get(user=user)
    assert profile.email_verified_at is not None and profile.mobile_verified_at is not None


def test_reg_21_verification_links_expire(registered, client, django_capture_on_commit_callbacks):
    profile = registered()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            services.contact_change_request(
                profile=profile,
                mobile=profile.mobile,
                email="other@example.com",
                channel=profile.channel,
                consent_sms=False,
                consent_email=True,
                actor=profile.user,
                language="en",
            )
        link = link_in([m for m in mail.outbox if m.to == ["other@example.com"]][-1].body)
        clock.shift(rules.VERIFICATION_LINK_MAX_AGE + timedelta(seconds=1))
        assert client.post(link).status_code == 400
    profile.refresh_from_db()
    assert profile.email == "citizen@example.com"
    assert profile.pending_email == "other@example.com"


# --- REG-22, REG-23 ----------------------------------------------------------------------------


def test_reg_22_recovery_sends_a_new_code_to_the_channel_on_record_and_retires_the_old(
    registered, django_capture_on_commit_callbacks
):
    profile = registered(channel=Channel.SMS)
    national_id = profile.user.national_id
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.registration_start_recovery(
            profile=profile, level="low", language="en"
        )
    new_code = last_texted_code(profile.mobile)
    assert mail.outbox == []
    registration.refresh_from_db()
    assert services.registration_confirm_code(registration=registration, code=new_code) == (
        "confirmed"
    )
    services.registration_complete(registration=registration, password="An0ther-pass!")
    profile.refresh_from_db()
    assert profile.level == "low"
    assert (
        authenticate(national_id=national_id, user_code=USER_CODE, password="An0ther-pass!") is None
    )
    assert authenticate(national_id=national_id, user_code=new_code, password="An0ther-pass!")


def test_reg_23_consents_change_at_once_new_details_after_their_link(
    registered, client, django_capture_on_commit_callbacks
):
    profile = registered()
    with django_capture_on_commit_callbacks(execute=True):
        result = services.contact_change_request(
            profile=profile,
            mobile="+972521234567",
            email=profile.email,
            channel=Channel.SMS,
            consent_sms=True,
            consent_email=False,
            actor=profile.user,
            language="en",
        )
    assert [(v.channel, v.value) for v in result.verifications] == [("sms", "+972521234567")]
    profile.refresh_from_db()
    assert (profile.consent_sms, profile.consent_email) == (True, False)
    assert (profile.mobile, profile.channel) == ("+972502345678", "email")  # not yet
    assert (profile.pending_mobile, profile.pending_channel) == ("+972521234567", "sms")
    client.post(link_in(sms.outbox[-1].body))
    profile.refresh_from_db()
    assert (profile.mobile, profile.channel, profile.pending_mobile) == ("+972521234567", "sms", "")
    assert ContactVerification.objects.get().verified_at is not None


def test_reg_9_records_from_the_fixture_load_idempotently(settings):
    from io import StringIO

    from registration import demo

    demo.load(stdout=StringIO())
    demo.load(stdout=StringIO())
    yonatan = selectors.taxpayer_record("045678919")
    assert rules.answer_matches("vehicle_number", {"vehicle_number": "1234567"}, yonatan)
    assert selectors.further_question_pool("045678919") == ["vehicle_number", "parent_national_id"]
    assert selectors.taxpayer_record("056789126") is None
    assert TaxpayerRecord.objects.count() == 3


def test_reg_19_nightly_job_cancels_registrations_left_unfinished(
    record, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    with time_machine.travel(timezone.now(), tick=False) as clock:
        fresh, _code = _sent_registration(django_capture_on_commit_callbacks)
        clock.shift(timedelta(minutes=31))
        call_command("cancel_expired_registrations", verbosity=0)
    fresh.refresh_from_db()
    assert (fresh.status, fresh.cancel_reason) == ("cancelled", "expired")
