"""BADGE-10: a case waiting for "more information by" a date that has passed is flagged in the
queue; on the case's page the clerk extends the date (new date, reason) or closes the case
(reason), each kept in the history. With attacker tests for both endpoints."""

import threading
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from parking_badges import rules, selectors, services
from parking_badges.models import ApplicationStatus, BadgeApplication
from taxportal.models import AuditEvent
from taxportal.roles import Role
from tests.factories import VALID_NATIONAL_IDS

from .factories import pdf
from .test_applications import details

pytestmark = pytest.mark.django_db

ISRAEL = ZoneInfo("Asia/Jerusalem")
DUE = date(2026, 5, 20)  # the doctor asked, on 1 May 2026, for the information by 20 May
AFTER = date(2026, 6, 1)  # 12 days after the date: flagged


def _on(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 10, tzinfo=ISRAEL))


def _waiting(clerk, doctor, number=0) -> BadgeApplication:
    application = services.application_receive(
        actor=clerk,
        details=details(VALID_NATIONAL_IDS[number]),
        source="department_doctor",
        ground="legs",
        material_received_on=date(2026, 4, 1),
        documents=[pdf()],
    )
    services.application_send_to_doctor(actor=clerk, application=application, on=date(2026, 4, 2))
    services.application_decide(
        actor=doctor,
        application=application,
        outcome="info_requested",
        decided_on=date(2026, 5, 1),
        reasons="Send the orthopaedist's report.",
        info_requested_until=DUE,
    )
    application.refresh_from_db()
    return application


@pytest.fixture
def doctor(make_user):
    return make_user(Role.DEPARTMENT_DOCTOR)


@pytest.fixture
def case(clerk, doctor):
    return _waiting(clerk, doctor)


@pytest.fixture
def clerk_client(client, clerk, settings):
    client.force_login(clerk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _until(day: str, month: str, year: str) -> dict[str, str]:
    """The new date as the page asks it: day, month and year boxes (taxportal/dates.py)."""
    return {"extend-until_0": day, "extend-until_1": month, "extend-until_2": year}


def _extend(client, case, until=("1", "7", "2026"), reason="Report booked for 25 June"):
    url = reverse("parking_badges:application_extend_info", args=[case.pk])
    return client.post(url, {**_until(*until), "extend-reason": reason}, follow=True)


def _close(client, case, reason="Nothing came"):
    url = reverse("parking_badges:application_close", args=[case.pk])
    return client.post(url, {"close-reason": reason}, follow=True)


# --- The rules, worked out by hand ---------------------------------------------------------------


def test_badge_10_the_new_date_is_later_than_the_old_and_today_and_within_a_year():
    check = rules.info_extension_problem
    assert check(current=DUE, until=DUE, today=None)  # not later than 20 May
    assert check(current=DUE, until=date(2026, 5, 21), today=None) is None
    assert check(current=DUE, until=AFTER, today=AFTER)  # today is not after today
    assert check(current=DUE, until=date(2026, 6, 2), today=AFTER) is None
    # 1 June 2026 + 365 days = 1 June 2027 (no 29 February between): the last date allowed.
    assert check(current=DUE, until=date(2027, 6, 1), today=AFTER) is None
    assert check(current=DUE, until=date(2027, 6, 2), today=AFTER)


def test_badge_10_closing_only_once_the_date_has_passed():
    assert rules.info_close_problem(info_due_on=DUE, on=DUE)  # the last day given: still open
    assert rules.info_close_problem(info_due_on=DUE, on=date(2026, 5, 21)) is None


# --- The queue and the page ---------------------------------------------------------------------


def test_badge_10_the_queue_flags_the_passed_date(clerk_client, case):
    url = reverse("parking_badges:queue")
    with _on(DUE):
        assert "Information was due by" not in clerk_client.get(url).content.decode()
    with _on(AFTER):
        assert "Information was due by 20/05/2026" in clerk_client.get(url).content.decode()


def test_badge_10_the_page_offers_extending_before_the_date_and_closing_after(clerk_client, case):
    url = reverse("parking_badges:application", args=[case.pk])
    with _on(date(2026, 5, 10)):
        page = clerk_client.get(url).content.decode()
    assert "The applicant has until 20/05/2026" in page
    assert 'name="extend-until_0"' in page and 'name="close-reason"' not in page
    with _on(AFTER):
        page = clerk_client.get(url).content.decode()
    assert "was due by 20/05/2026 and has not come" in page
    assert 'name="extend-until_0"' in page and 'name="close-reason"' in page


def test_badge_10_the_clerk_extends_the_date_with_a_reason(clerk_client, clerk, case):
    with _on(AFTER):
        response = _extend(clerk_client, case)
        assert "The date for the information was extended." in response.content.decode()
        case.refresh_from_db()
        assert case.info_due_on == date(2026, 7, 1)
        assert case.status == ApplicationStatus.INFO_REQUESTED
        row = next(r for r in selectors.queue_rows(selectors.open_cases(), today=AFTER))
        assert row.info_overdue is False
    event = AuditEvent.objects.get(action="more-information date extended")
    assert (event.actor, event.reason) == (clerk, "Report booked for 25 June")
    assert event.changes == {"from": "2026-05-20", "until": "2026-07-01"}
    extended = case.history.get(history_change_reason="Report booked for 25 June")
    assert (extended.info_due_on, extended.history_user) == (date(2026, 7, 1), clerk)
    assert case.history.filter(info_due_on=DUE).exists()  # the earlier date stays in history


def test_badge_10_the_clerk_closes_the_case_with_a_reason(clerk_client, clerk, case):
    with _on(AFTER):
        response = _close(clerk_client, case)
    assert "The case was closed." in response.content.decode()
    case.refresh_from_db()
    assert (case.status, case.closed_on, case.close_reason) == (
        ApplicationStatus.CLOSED,
        AFTER,
        "Nothing came",
    )
    assert case.pk not in {a.pk for a in selectors.open_cases()}
    event = AuditEvent.objects.get(action="case closed: information did not come")
    assert (event.actor, event.reason) == (clerk, "Nothing came")
    page = clerk_client.get(reverse("parking_badges:application", args=[case.pk])).content
    assert b"01/06/2026: <bdi>Nothing came</bdi>" in page and b'name="extend-until_0"' not in page


# --- Attacker tests -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("until", "expected"),
    [
        (("", "", ""), "required"),
        (("45", "13", "2026"), "The day must be between 1 and 31"),
        (("1", "13", "2026"), "The month must be between 1 and 12"),
        (("31", "2", "2027"), "31/02/2027 does not exist"),  # February 2027 has 28 days
        (("1", "7", ""), "must include a year"),
        (("1", "1", "1000"), "after today"),  # long past
        (("31", "12", "9999"), "at most a year away"),
        (("31", "5", "2026"), "after today"),  # in the past: today is 1 June 2026
        (("1", "6", "2026"), "after today"),  # today
        (("2", "6", "2027"), "at most a year away"),  # 366 days after 1 June 2026
        (("x" * 5000, "7", "2026"), "Enter the day as a number"),
        (("1", "7", "2" * 5000), "Enter the year as four digits"),
    ],
)
def test_badge_10_bad_dates_are_refused_and_nothing_changes(clerk_client, case, until, expected):
    with _on(AFTER):
        response = _extend(clerk_client, case, until=until)
    assert response.status_code == 200
    assert expected in response.content.decode()
    case.refresh_from_db()
    assert case.info_due_on == DUE
    assert not AuditEvent.objects.filter(action="more-information date extended").exists()


@pytest.mark.parametrize("reason", ["", "   ", "x" * 301, "x" * 100_000])
def test_badge_10_a_missing_or_huge_reason_is_refused(clerk_client, case, reason):
    with _on(AFTER):
        extended = _extend(clerk_client, case, reason=reason)
        closed = _close(clerk_client, case, reason=reason)
    assert extended.status_code == 200 and closed.status_code == 200
    case.refresh_from_db()
    assert (case.info_due_on, case.status) == (DUE, ApplicationStatus.INFO_REQUESTED)


def test_badge_10_closing_before_the_date_is_refused(clerk_client, case):
    with _on(DUE):  # the last day the applicant was given
        response = _close(clerk_client, case)
    assert "has until 20/05/2026 to send the information" in response.content.decode()
    case.refresh_from_db()
    assert case.status == ApplicationStatus.INFO_REQUESTED


def test_badge_10_a_case_not_waiting_for_information_is_neither_extended_nor_closed(
    clerk_client, clerk
):
    received = services.application_receive(
        actor=clerk,
        details=details(VALID_NATIONAL_IDS[1]),
        source="department_doctor",
        ground="legs",
        material_received_on=date(2026, 4, 1),
        documents=[pdf()],
    )
    with _on(AFTER):
        for response in (_extend(clerk_client, received), _close(clerk_client, received)):
            assert "not waiting for more information" in response.content.decode()
    received.refresh_from_db()
    assert (received.status, received.info_due_on) == (ApplicationStatus.RECEIVED, None)


@pytest.mark.parametrize(
    "role",
    [
        Role.CITIZEN,
        Role.CALL_CENTRE_AGENT,
        Role.INSPECTOR,
        Role.DEPARTMENT_DOCTOR,
        Role.IMPORTER_CLERK,
    ],
)
def test_badge_10_other_roles_get_403_and_change_nothing(client_as, case, role):
    client = client_as(role)
    with _on(AFTER):
        for name, data in [
            ("application_extend_info", {**_until("1", "7", "2026"), "extend-reason": "x"}),
            ("application_close", {"close-reason": "x"}),
        ]:
            assert (
                client.post(reverse(f"parking_badges:{name}", args=[case.pk]), data).status_code
                == 403
            )
    case.refresh_from_db()
    assert (case.info_due_on, case.status) == (DUE, ApplicationStatus.INFO_REQUESTED)


def test_badge_10_anonymous_unknown_ids_and_get(client, clerk_client, case):
    extend = reverse("parking_badges:application_extend_info", args=[case.pk])
    close = reverse("parking_badges:application_close", args=[case.pk])
    assert client.post(extend, {}).status_code == 302  # anonymous: to the login page
    assert clerk_client.get(extend).status_code == 405
    assert clerk_client.get(close).status_code == 405
    for name in ("application_extend_info", "application_close"):
        url = reverse(f"parking_badges:{name}", args=[999_999])
        assert clerk_client.post(url, {}).status_code == 404


def test_badge_10_a_reason_in_a_wrong_encoding_answers_without_error(clerk_client, case):
    url = reverse("parking_badges:application_extend_info", args=[case.pk])
    with _on(AFTER):
        response = clerk_client.post(
            url,
            b"extend-until_0=1&extend-until_1=7&extend-until_2=2026&extend-reason=%FF%FE%E1%E2",
            content_type="application/x-www-form-urlencoded",
        )
    assert response.status_code == 302


def test_badge_10_the_page_has_constant_queries(
    clerk_client, case, django_assert_num_queries, django_assert_max_num_queries
):
    url = reverse("parking_badges:application", args=[case.pk])
    with _on(AFTER):
        clerk_client.get(url)
        with django_assert_max_num_queries(25) as small:
            clerk_client.get(url)
        few = len(small.captured_queries)  # read now: the next request resets the query log
        services.application_add_documents(
            actor=None, application=case, documents=[pdf(), pdf(), pdf()], note="more"
        )
        _extend(clerk_client, case)
        with django_assert_num_queries(few):
            clerk_client.get(url)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.parametrize("action", ["extend", "close"])
def test_badge_10_two_clerks_at_the_same_moment_change_it_once(make_user, action):
    case = _waiting(make_user(Role.MOBILITY_CLERK), make_user(Role.DEPARTMENT_DOCTOR))
    clerks = [make_user(Role.MOBILITY_CLERK), make_user(Role.LICENSING_CLERK)]
    start = threading.Barrier(2)
    errors = []

    def post(clerk):
        try:
            client = Client()
            client.force_login(clerk)
            start.wait()
            with _on(AFTER):
                (_extend if action == "extend" else _close)(client, case)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(clerk,)) for clerk in clerks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    audited = {
        "extend": "more-information date extended",
        "close": "case closed: information did not come",
    }[action]
    assert AuditEvent.objects.filter(action=audited).count() == 1  # the second was refused
    case.refresh_from_db()
    if action == "extend":
        assert case.info_due_on == date(2026, 7, 1)
    else:
        assert case.status == ApplicationStatus.CLOSED
