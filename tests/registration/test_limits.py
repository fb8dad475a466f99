"""REG-11: limits that hold. Enforced where the check is made (the services and the
authentication backend) under a lock; the citizen login limited per (number, address) with a
growing delay and per number only after 100 failures; staff logins limited by django-axes."""

import threading
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import authenticate
from django.core import mail
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from registration import selectors, services
from registration.models import IdentityAttempt
from taxportal.models import User
from taxportal.roles import Role
from tests.factories import TEST_PASSWORD

from .factories import USER_CODE, CitizenProfileFactory, TaxpayerRecordFactory

KNOWN = "629923129"
LOGIN = reverse("registration:login")


def wrong_high(remote_addr="203.0.113.7"):
    return services.identity_check_high(
        national_id=KNOWN,
        answers={"work_grant_claim_number": "1"},
        action="register",
        remote_addr=remote_addr,
    )


def login_attempt(password="nope", remote_addr="203.0.113.7", code=USER_CODE):
    return services.citizen_login_attempt(
        national_id=KNOWN, user_code=code, password=password, remote_addr=remote_addr
    )


def outcomes(purpose) -> list[str]:
    return sorted(IdentityAttempt.objects.filter(purpose=purpose).values_list("outcome", flat=True))


def in_parallel(count, work):
    """Run `work` in `count` threads released at the same moment, each with its own database
    connection."""
    barrier = threading.Barrier(count)
    errors = []

    def run():
        try:
            barrier.wait()
            work()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors


needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="advisory locks are PostgreSQL's"
)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_reg_11_parallel_wrong_answers_never_pass_the_limit():
    TaxpayerRecordFactory(national_id=KNOWN)
    in_parallel(10, wrong_high)
    # 10 wrong answers at once: 5 judged and failed (the limit), the other 5 refused as locked.
    assert outcomes("questions") == ["failed"] * 5 + ["locked"] * 5


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_reg_11_parallel_wrong_logins_never_pass_the_limit():
    profile = CitizenProfileFactory(user__national_id=KNOWN)
    request = RequestFactory().post(LOGIN, REMOTE_ADDR="203.0.113.7")

    def wrong_login():
        assert authenticate(request, national_id=KNOWN, user_code=USER_CODE, password="x") is None

    in_parallel(10, wrong_login)
    # The pair (number, address) has 5 free failures, then waits: 5 failed, 5 refused.
    assert outcomes("login") == ["failed"] * 5 + ["locked"] * 5
    # Even the right password from that address now waits (the backend checks, not the view).
    right = authenticate(request, national_id=KNOWN, user_code=USER_CODE, password=TEST_PASSWORD)
    assert right is None and profile.user.pk


@pytest.mark.django_db
def test_reg_11_the_service_refuses_a_locked_number_even_with_the_right_answer(record):
    TaxpayerRecordFactory(national_id=KNOWN)
    for _ in range(5):
        wrong_high()
    right = services.identity_check_high(
        national_id=KNOWN,
        answers={"work_grant_claim_number": "77312045"},
        action="register",
        remote_addr="198.51.100.1",
    )
    assert right.level is None and right.locked_until is not None
    assert IdentityAttempt.objects.filter(outcome="locked").count() == 1


@pytest.mark.django_db
def test_reg_11_the_login_delay_grows_after_the_fifth_failure(registered):
    registered()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(4):
            assert login_attempt().locked_until is None
        # 5th failure at T: wait 1 minute.
        assert login_attempt().locked_until == start + timedelta(minutes=1)
        assert login_attempt(password=TEST_PASSWORD).user is None  # even the right one waits
    with time_machine.travel(start + timedelta(minutes=1), tick=False):
        # 6th failure at T+1: wait 2 minutes, to T+3.
        assert login_attempt().locked_until == start + timedelta(minutes=3)
    with time_machine.travel(start + timedelta(minutes=3), tick=False):
        # 7th at T+3: 4 minutes, to T+7.
        assert login_attempt().locked_until == start + timedelta(minutes=7)
    with time_machine.travel(start + timedelta(minutes=7), tick=False):
        assert login_attempt(password=TEST_PASSWORD).user is not None


@pytest.mark.django_db
def test_reg_11_nobody_locks_a_citizen_out_of_login_from_other_addresses(registered, client):
    """Five wrong user codes from anywhere used to lock the number for 24 hours."""
    registered()
    for attacker in range(3):
        for _ in range(10):
            login_attempt(code="ZZZZ2222", remote_addr=f"203.0.113.{attacker + 1}")
    response = client.post(
        LOGIN,
        {"national_id": KNOWN, "user_code": USER_CODE, "password": TEST_PASSWORD},
        REMOTE_ADDR="192.0.2.50",
    )
    assert response.url == reverse("registration:personal_area")


@pytest.mark.django_db
def test_reg_11_a_hundred_failures_lock_the_number_and_tell_its_owner(
    registered, django_capture_on_commit_callbacks
):
    profile = registered()
    with django_capture_on_commit_callbacks(execute=True):
        for attacker in range(100):
            login_attempt(remote_addr=f"10.0.{attacker // 250}.{attacker % 250 + 1}")
    told = [m for m in mail.outbox if profile.email in m.to]
    assert len(told) == 1
    assert "24" in told[0].body
    # Locked from everywhere now, for 24 hours from the 100th failure.
    result = login_attempt(password=TEST_PASSWORD, remote_addr="192.0.2.50")
    assert result.user is None and result.locked_until is not None


@pytest.mark.django_db
def test_reg_11_an_administrator_lifts_a_citizens_lockout_and_nothing_is_deleted(
    registered, client, make_user
):
    registered()
    for _ in range(5):
        wrong_high()
    locked = selectors.lockout_state(national_id=KNOWN, remote_addr=None, now=timezone.now())
    assert locked.locked_until is not None
    admin = make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client.force_login(admin)
    changelist = reverse("admin:registration_identityattempt_changelist")
    ids = list(IdentityAttempt.objects.values_list("pk", flat=True))
    response = client.post(changelist, {"action": "unlock", "_selected_action": ids})
    assert response.status_code == 302
    state = selectors.lockout_state(
        national_id=KNOWN, remote_addr="203.0.113.7", now=timezone.now()
    )
    assert state.locked_until is None and state.failures_left == 5
    assert IdentityAttempt.objects.filter(outcome="failed").count() == 5  # still on record
    # Nobody deletes an attempt or a registration by hand.
    attempt = IdentityAttempt.objects.first()
    delete = reverse("admin:registration_identityattempt_delete", args=[attempt.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert IdentityAttempt.objects.filter(pk=attempt.pk).exists()


# --- staff and admin logins: django-axes -----------------------------------------------------

STAFF_LOGIN = reverse("login")


def staff_post(client, username, password, address="203.0.113.9"):
    return client.post(
        STAFF_LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address
    )


@pytest.mark.django_db
def test_staff_login_is_locked_after_five_wrong_passwords(client, make_user):
    """50 wrong passwords and then the right one used to log in."""
    clerk = make_user(Role.LICENSING_CLERK)
    for _ in range(4):
        assert staff_post(client, clerk.username, "wrong").status_code == 200
    assert staff_post(client, clerk.username, "wrong").status_code == 429  # the 5th locks
    locked = staff_post(client, clerk.username, TEST_PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # Per user and address: the clerk at another address is not locked out by it.
    assert (
        staff_post(client, clerk.username, TEST_PASSWORD, address="198.51.100.4").status_code == 302
    )


@pytest.mark.django_db
def test_admin_login_is_locked_too_and_an_administrator_unlocks_it(client, make_user):
    boss = User.objects.create_superuser("boss", "boss@example.com", TEST_PASSWORD)
    for _ in range(5):
        client.post(
            reverse("admin:login"),
            {"username": "boss", "password": "wrong"},
            REMOTE_ADDR="203.0.113.9",
        )
    assert AccessAttempt.objects.get(username="boss").failures_since_start == 5
    assert staff_post(client, "boss", TEST_PASSWORD).status_code == 429
    # Another administrator deletes the access attempt in the admin: the lock is lifted.
    other = make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client.force_login(other)
    attempt = AccessAttempt.objects.get(username="boss")
    url = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    client.logout()
    assert staff_post(client, "boss", TEST_PASSWORD).status_code == 302
    assert boss.pk
