"""The badge queues as clerks use them (issue 16, issue 18): the clerks' open cases, the
department doctor's cases, the refunds at the fee desk and the importer's open files. Each is
searched by the identifiers clerks use, filtered, sorted and exported as shown, in the same
number of queries at 3 and at 30 rows, and refuses what it should."""

import csv
import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from parking_badges.models import (
    ApplicationKind,
    ApplicationStatus,
    BadgeApplication,
    EligibilityGround,
    ImporterVehicleFile,
    MedicalDocument,
    RefundRequest,
)
from taxportal import paging
from taxportal.roles import Role
from tests.factories import VALID_NATIONAL_IDS

from .factories import ApplicationFactory, DisabledPersonFactory, VehicleFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 1)
NOON = datetime(2026, 6, 1, 12, tzinfo=ZoneInfo("Asia/Jerusalem"))
QUEUE = reverse("parking_badges:queue")
DOCTOR = reverse("parking_badges:doctor_queue")
FEES = reverse("parking_badges:fee_desk")
IMPORTER = reverse("parking_badges:importer")


@pytest.fixture(autouse=True)
def on_the_first_of_june():
    with time_machine.travel(NOON, tick=False):
        yield


@pytest.fixture
def client_as(client_as, settings):
    """The pages in English (the language switch's cookie), so the texts read as the msgids."""

    def login(*roles, **fields):
        logged_in = client_as(*roles, **fields)
        logged_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return logged_in

    return login


def case(days_ago=0, *, status=ApplicationStatus.RECEIVED, person=None, **fields):
    return ApplicationFactory(
        person=person or DisabledPersonFactory(),
        material_received_on=TODAY - timedelta(days=days_ago),
        status=status,
        **fields,
    )


def numbers(response) -> list[int]:
    return [row.application.pk for row in response.context["rows"]]


def exported(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text)))


def exported_xlsx(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


# --- The clerks' queue (BADGE-8, BADGE-10) -----------------------------------------------------


def test_badge_8_queue_finds_a_case_by_number_identity_number_or_name(client_as):
    cohen = DisabledPersonFactory(national_id="012345674", first_name="Rivka", last_name="Cohen")
    by_id = case(10, person=cohen)
    other = case(20, person=DisabledPersonFactory(first_name="Dan", last_name="Levi"))
    client = client_as(Role.LICENSING_CLERK)
    assert numbers(client.get(QUEUE, {"q": "12345674"})) == [by_id.pk]  # without its zero
    assert numbers(client.get(QUEUE, {"q": "012-345-674"})) == [by_id.pk]
    assert numbers(client.get(QUEUE, {"q": f"#{other.pk}"})) == [other.pk]
    assert numbers(client.get(QUEUE, {"q": "cohen riv"})) == [by_id.pk]  # every word, any case
    assert numbers(client.get(QUEUE, {"q": "levi"})) == [other.pk]
    response = client.get(QUEUE, {"q": "nobody"})
    assert (
        numbers(response) == [] and "No open case matches the search." in response.content.decode()
    )


def test_badge_8_queue_filters_by_status_kind_and_deadline(client_as):
    # The answer is due 90 days after the material: received 91 days ago is overdue,
    # received 90 days ago has 0 days left (due today, not overdue).
    overdue = case(91)
    due_today = case(90)
    appeal = case(5, kind=ApplicationKind.APPEAL)
    with_doctor = case(3, status=ApplicationStatus.WITH_DOCTOR)
    waiting = case(2, status=ApplicationStatus.INFO_REQUESTED, info_due_on=TODAY - timedelta(1))
    not_yet = case(1, status=ApplicationStatus.INFO_REQUESTED, info_due_on=TODAY)
    case(500, status=ApplicationStatus.APPROVED)  # closed cases never show
    client = client_as(Role.LICENSING_CLERK)
    assert numbers(client.get(QUEUE)) == [
        overdue.pk, due_today.pk, appeal.pk, with_doctor.pk, waiting.pk, not_yet.pk
    ]  # fmt: skip
    assert numbers(client.get(QUEUE, {"due": "overdue"})) == [overdue.pk]
    assert numbers(client.get(QUEUE, {"due": "info_overdue"})) == [waiting.pk]
    assert numbers(client.get(QUEUE, {"kind": "appeal"})) == [appeal.pk]
    assert numbers(client.get(QUEUE, {"status": "with_doctor"})) == [with_doctor.pk]
    rows = {r.application.pk: r for r in client.get(QUEUE).context["rows"]}
    assert rows[due_today.pk].days_left == 0 and not rows[due_today.pk].overdue
    assert rows[overdue.pk].days_left == -1 and rows[overdue.pk].overdue


def test_badge_8_queue_sorts_by_due_date_and_status(client_as):
    old = case(80, status=ApplicationStatus.WITH_DOCTOR)
    new = case(1, status=ApplicationStatus.INFO_REQUESTED)
    middle = case(40)
    client = client_as(Role.LICENSING_CLERK)
    assert numbers(client.get(QUEUE)) == [old.pk, middle.pk, new.pk]
    assert numbers(client.get(QUEUE, {"sort": "-due"})) == [new.pk, middle.pk, old.pk]
    # By status code: info_requested, received, with_doctor.
    assert numbers(client.get(QUEUE, {"sort": "status"})) == [new.pk, middle.pk, old.pk]


def test_badge_8_queue_exports_the_view_as_shown_on_every_page(client_as, monkeypatch):
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    person = DisabledPersonFactory(first_name="=cmd|' /C calc'!A0", last_name="Cohen")
    shown = [case(91 - n, person=person) for n in range(3)]
    case(1)  # another holder: filtered out
    MedicalDocument.objects.create(application=shown[0], file="x.pdf", original_name="x.pdf")
    client = client_as(Role.LICENSING_CLERK)
    rows = exported(client.get(QUEUE, {"q": "cohen", "export": "csv", "page": "2"}))
    assert [r[0].rsplit("#", 1)[1] for r in rows[1:]] == [str(c.pk) for c in shown]
    first = rows[1]
    # Received 91 days ago: 90 - 91 = -1 day left; due 90 days after 2 March = 31 May.
    assert first[1] == "-1" and first[6] == "31/05/2026" and first[8] == "1"
    assert first[2].startswith("'=cmd")  # a name a spreadsheet would run is text
    sheet = exported_xlsx(client.get(QUEUE, {"q": "cohen", "export": "xlsx"}))
    assert len(sheet) == 4 and sheet[1][6] == datetime(2026, 5, 31)


def test_badge_8_queue_queries_do_not_grow_with_the_rows(
    client_as, django_assert_num_queries, django_assert_max_num_queries
):
    client = client_as(Role.LICENSING_CLERK)
    views = ({}, {"q": "302466339"}, {"q": "cohen", "sort": "-due", "due": "overdue"})

    def add(count, first):
        for n in range(count):
            application = case(first + n, person=DisabledPersonFactory(last_name="Cohen"))
            MedicalDocument.objects.create(application=application, file="a.pdf")

    add(3, 89)
    client.get(QUEUE)
    small = []
    for query in views:
        with django_assert_max_num_queries(14) as captured:
            client.get(QUEUE, query)
        small.append(len(captured.captured_queries))
    add(27, 100)
    for query, count in zip(views, small, strict=True):
        with django_assert_num_queries(count):
            response = client.get(QUEUE, query)
    # Overdue: the one received 91 days ago and all 27 received 100 to 126 days ago; 25 a page.
    assert len(response.context["rows"]) == 25


def test_badge_8_queue_counts_only_so_far(client_as, monkeypatch):
    """A long queue says "more than N" instead of counting every case."""
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    monkeypatch.setattr("parking_badges.views.applications.QUEUE_COUNT_AHEAD", 3)
    for n in range(6):
        case(100 + n)
        case(200 + n, status=ApplicationStatus.APPROVED, decided_on=TODAY - timedelta(days=n))
    response = client_as(Role.LICENSING_CLERK).get(QUEUE)
    assert response.context["pager"].more and response.context["overdue_more"]
    # Six approved cases without a badge, counted only up to 0 + 3 + 1 = 4 rows (the first
    # page's start, the three ahead, one more to know the list goes on): "more than 3".
    approved = response.context["approved"]
    assert approved.more and approved.count == 3
    body = response.content.decode()
    assert "more than 3" in body and "Page 1 of many" in body


# --- The department doctor's queue (BADGE-10) ---------------------------------------------------


def test_badge_10_doctor_queue_searches_filters_sorts_and_exports(client_as):
    first = case(50, status=ApplicationStatus.WITH_DOCTOR, sent_to_doctor_on=TODAY - timedelta(9))
    second = case(
        5,
        status=ApplicationStatus.WITH_DOCTOR,
        sent_to_doctor_on=TODAY - timedelta(20),
        ground=EligibilityGround.BLIND,
        kind=ApplicationKind.APPEAL,
    )
    case(7)  # not with the doctor
    client = client_as(Role.DEPARTMENT_DOCTOR)
    assert numbers(client.get(DOCTOR)) == [second.pk, first.pk]  # sent earlier waits longer
    assert numbers(client.get(DOCTOR, {"sort": "due"})) == [first.pk, second.pk]
    assert numbers(client.get(DOCTOR, {"ground": "blind"})) == [second.pk]
    assert numbers(client.get(DOCTOR, {"kind": "new"})) == [first.pk]
    assert numbers(client.get(DOCTOR, {"q": first.person.national_id})) == [first.pk]
    rows = exported(client.get(DOCTOR, {"export": "csv"}))
    assert [r[0].rsplit("#", 1)[1] for r in rows[1:]] == [str(second.pk), str(first.pk)]
    # The doctor's link opens the decision page.
    body = client.get(DOCTOR).content.decode()
    assert reverse("parking_badges:doctor_decide", args=[first.pk]) in body


def test_badge_10_doctor_queue_queries_do_not_grow(
    client_as, django_assert_num_queries, django_assert_max_num_queries
):
    client = client_as(Role.DEPARTMENT_DOCTOR)
    for n in range(3):
        case(n, status=ApplicationStatus.WITH_DOCTOR, sent_to_doctor_on=TODAY)
    client.get(DOCTOR)
    with django_assert_max_num_queries(10) as small:
        client.get(DOCTOR)
    for n in range(27):
        case(n, status=ApplicationStatus.WITH_DOCTOR, sent_to_doctor_on=TODAY)
    with django_assert_num_queries(len(small.captured_queries)):
        assert len(client.get(DOCTOR).context["rows"]) == 25


# --- Refunds at the fee desk (BADGE-41) ---------------------------------------------------------


def refund(person=None, vehicle=None, *, due_in=30, status="open"):
    person = person or DisabledPersonFactory()
    return RefundRequest.objects.create(
        person=person,
        vehicle=vehicle or VehicleFactory(),
        kind="owner",
        owner_relation="self",
        disabled_national_id=person.national_id,
        owner_national_id=person.national_id,
        requested_on=TODAY - timedelta(days=90 - due_in),
        due_on=TODAY + timedelta(days=due_in),
        approving_body="department_doctor",
        approval_date=date(2025, 7, 2),
        ownership_date=date(2022, 1, 1),
        status=status,
    )


def refund_numbers(response) -> list[int]:
    return [r.pk for r in response.context["refunds"].items]


def test_badge_41_refunds_found_by_vehicle_identity_or_request_number(client_as):
    vehicle = VehicleFactory(number="1234567")
    by_vehicle = refund(vehicle=vehicle)
    by_person = refund(DisabledPersonFactory(national_id=VALID_NATIONAL_IDS[3]))
    client = client_as(Role.LICENSING_CLERK)
    assert refund_numbers(client.get(FEES, {"q": "12-345-67"})) == [by_vehicle.pk]
    assert refund_numbers(client.get(FEES, {"q": VALID_NATIONAL_IDS[3]})) == [by_person.pk]
    assert refund_numbers(client.get(FEES, {"q": f"#{by_person.pk}"})) == [by_person.pk]
    assert refund_numbers(client.get(FEES, {"q": "someone"})) == []


def test_badge_41_refunds_filtered_sorted_and_exported(client_as):
    late = refund(due_in=-1, status="approved")
    soon = refund(due_in=2)
    later = refund(due_in=40)
    refund(due_in=-9, status="paid")  # paid: no longer waiting
    client = client_as(Role.LICENSING_CLERK)
    assert refund_numbers(client.get(FEES)) == [late.pk, soon.pk, later.pk]
    assert refund_numbers(client.get(FEES, {"sort": "-due"})) == [later.pk, soon.pk, late.pk]
    assert refund_numbers(client.get(FEES, {"due": "overdue"})) == [late.pk]
    assert refund_numbers(client.get(FEES, {"status": "approved"})) == [late.pk]
    # approved sorts before open.
    assert refund_numbers(client.get(FEES, {"sort": "status"})) == [late.pk, soon.pk, later.pk]
    rows = exported(client.get(FEES, {"export": "csv"}))
    assert [r[0] for r in rows[1:]] == [str(late.pk), str(soon.pk), str(later.pk)]
    assert rows[1][1] == "31/05/2026" and rows[1][2] == "Yes"  # due 1 June - 1 day, overdue


def test_badge_41_the_vehicle_lookup_still_opens_the_vehicle(client_as):
    VehicleFactory(number="1234567")
    client = client_as(Role.LICENSING_CLERK)
    response = client.get(FEES, {"number": "12-345-67"})
    assert response.url == reverse("parking_badges:fee_vehicle", args=["1234567"])
    # A search of the refunds is not a vehicle lookup: no error about the vehicle number.
    assert "error-summary" not in client.get(FEES, {"q": "x"}).content.decode()


def test_badge_41_fee_desk_queries_do_not_grow_with_refunds(
    client_as, django_assert_num_queries, django_assert_max_num_queries
):
    client = client_as(Role.LICENSING_CLERK)
    for _ in range(3):
        refund()
    client.get(FEES)
    with django_assert_max_num_queries(14) as small:
        client.get(FEES, {"sort": "status"})
    for _ in range(27):
        refund()
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(FEES, {"sort": "status"})


# --- The importer's open files (BADGE-43 to BADGE-46) ------------------------------------------


def importer_file(number, *, buyer="Buyer", national_id=VALID_NATIONAL_IDS[0], hours=1, **fields):
    return ImporterVehicleFile.objects.create(
        vehicle=VehicleFactory(number=number),
        buyer_national_id=national_id,
        buyer_name=buyer,
        importer_name="Importer Ltd",
        entitlement_source="national_insurance",
        opened_at=NOON - timedelta(hours=48 - hours),
        close_by=NOON + timedelta(hours=hours),
        **fields,
    )


def file_numbers(response) -> list[str]:
    return [f.vehicle for f in response.context["files"]]


def test_badge_43_importer_files_searched_filtered_sorted_exported(client_as):
    late = importer_file("8800001", hours=-2, buyer="Dana Levi")
    soon = importer_file("8800002", hours=3, national_id=VALID_NATIONAL_IDS[4], status="released")
    importer_file("8800003", hours=9, status="closed")  # closed: not in the queue
    client = client_as(Role.IMPORTER_CLERK)
    assert file_numbers(client.get(IMPORTER)) == ["8800001", "8800002"]
    assert file_numbers(client.get(IMPORTER, {"sort": "-due"})) == ["8800002", "8800001"]
    assert file_numbers(client.get(IMPORTER, {"due": "overdue"})) == ["8800001"]
    assert file_numbers(client.get(IMPORTER, {"status": "released"})) == ["8800002"]
    assert file_numbers(client.get(IMPORTER, {"q": "88-000-02"})) == ["8800002"]
    assert file_numbers(client.get(IMPORTER, {"q": VALID_NATIONAL_IDS[4]})) == ["8800002"]
    assert file_numbers(client.get(IMPORTER, {"q": "dana"})) == ["8800001"]
    rows = exported(client.get(IMPORTER, {"export": "csv"}))
    assert [r[0] for r in rows[1:]] == ["8800001", "8800002"]
    assert rows[1][2] == "Yes" and rows[2][2] == "No"  # more than 48 hours
    assert late.pk and soon.pk


def test_badge_43_importer_queue_queries_do_not_grow(
    client_as, django_assert_num_queries, django_assert_max_num_queries
):
    client = client_as(Role.IMPORTER_CLERK)
    for n in range(3):
        importer_file(f"770000{n}")
    client.get(IMPORTER)
    with django_assert_max_num_queries(12) as small:
        client.get(IMPORTER)
    for n in range(27):
        importer_file(f"771{n:04d}")
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(IMPORTER)


# --- Attackers ----------------------------------------------------------------------------------

PAGES = [
    (QUEUE, Role.LICENSING_CLERK),
    (DOCTOR, Role.DEPARTMENT_DOCTOR),
    (FEES, Role.LICENSING_CLERK),
    (IMPORTER, Role.IMPORTER_CLERK),
]


@pytest.mark.parametrize(("url", "role"), PAGES)
def test_queues_are_for_their_role_only(client, client_as, url, role):
    assert client.get(url).status_code == 302  # anonymous: to the login page
    for other in (Role.CITIZEN, Role.INSPECTOR, Role.THIRD_PARTY_SUBMITTER, Role.CUSTOMS_OFFICER):
        if other != role:
            other_client = client_as(other)
            assert other_client.get(url).status_code == 403
            assert other_client.get(url, {"export": "csv"}).status_code == 403


@pytest.mark.parametrize(("url", "role"), PAGES)
@pytest.mark.parametrize(
    "query",
    [
        "q=" + "9" * 5000,
        "q=%FF%FE%00%ED%A0%80",  # not UTF-8, a NUL, a lone surrogate
        "q=%27%3B%20DROP%20TABLE%20x%3B--&sort=%00&status=%FF&due=1&kind=[]&page=-1",
        "q=%25%5F%5C",  # LIKE's own wildcards are searched as text
        "export=exe&page=99999999999999999999",
    ],
)
def test_queues_answer_garbage_with_the_page_and_a_message(client_as, url, role, query):
    case(3)
    response = client_as(role).get(f"{url}?{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert connection.is_usable()


def test_like_wildcards_are_searched_as_text(client_as):
    case(1, person=DisabledPersonFactory(last_name="Cohen"))
    assert numbers(client_as(Role.LICENSING_CLERK).get(QUEUE, {"q": "%"})) == []


def test_a_case_closed_meanwhile_is_not_exported(client_as):
    shown = case(1)
    gone = case(2)
    BadgeApplication.objects.filter(pk=gone.pk).update(status=ApplicationStatus.REJECTED)
    rows = exported(client_as(Role.LICENSING_CLERK).get(QUEUE, {"export": "csv"}))
    assert [r[0].rsplit("#", 1)[1] for r in rows[1:]] == [str(shown.pk)]


def test_approved_cases_wait_for_a_badge_issued_on_or_after_the_decision():
    """The clerks' "approved, waiting for a badge": a case leaves it when its holder has a badge
    issued on the day of the approval or later; an older badge, or none, keeps it there; a holder
    who died is not listed."""
    from parking_badges.selectors import approved_waiting_for_badge

    from .factories import BadgeFactory

    decided = date(2026, 5, 10)

    def approved(**fields):
        return ApplicationFactory(status=ApplicationStatus.APPROVED, decided_on=decided, **fields)

    no_badge = approved()
    older_badge = approved()
    BadgeFactory(person=older_badge.person, issued_on=date(2026, 5, 9))  # the day before
    same_day = approved()
    BadgeFactory(person=same_day.person, issued_on=decided)
    later = approved()
    BadgeFactory(person=later.person, issued_on=date(2026, 5, 20))
    approved(person=DisabledPersonFactory(died_on=date(2026, 5, 15)))
    ApplicationFactory(status=ApplicationStatus.RECEIVED)  # not approved

    assert list(approved_waiting_for_badge()) == [no_badge, older_badge]
