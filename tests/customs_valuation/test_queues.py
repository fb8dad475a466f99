"""The officers' queue and the committee's appeals as officers use them (issue 16, issue 18):
the next deadline stored by the database whatever writes the case, the cases needing attention
first and paged in SQL across that boundary, search by the identifiers officers use, filters,
sorts and exports, the same queries at 3 and 30 cases, and refusals."""

import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from customs_valuation import selectors
from customs_valuation.models import (
    Appeal,
    CaseKind,
    CaseStatus,
    Decision,
    DecisionKind,
    NoticeDelivery,
    ProtestRelease,
    ReleaseForm,
    ReleaseStatus,
    ValuationCase,
)
from customs_valuation.models.cases import OPEN_CASE_STATUSES
from taxportal import paging
from taxportal.queues import Terms
from taxportal.roles import Role
from tests.factories import VALID_NATIONAL_IDS

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 1)
QUEUE = reverse("customs_valuation:queue")
APPEALS = reverse("customs_valuation:appeals")


@pytest.fixture(autouse=True)
def on_the_first_of_june(reference_data):
    with time_machine.travel(datetime(2026, 6, 1, 12, tzinfo=ZoneInfo("Asia/Jerusalem"))):
        yield


@pytest.fixture
def officer(client, people, settings):
    client.force_login(people.officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def case(status=CaseStatus.OPEN, *, due=None, national_id=VALID_NATIONAL_IDS[0], **fields):
    """A case in `status` whose date of that status (answer, appeal or court) is `due`."""
    dates = {
        CaseStatus.NOTICE_OF_INTENT: "answer_due",
        CaseStatus.VALUE_SET: "appeal_due",
        CaseStatus.APPEAL_DECIDED: "court_due",
    }
    if due is not None:
        fields[dates[status]] = due
    return ValuationCase.objects.create(
        kind=fields.pop("kind", CaseKind.VEHICLE),
        status=status,
        importer_national_id=national_id,
        importer_name=fields.pop("importer_name", "Importer"),
        valuation_date=TODAY,
        make="Toyota",
        model="Corolla",
        manufacture_year=2022,
        **fields,
    )


def guarantee(of, expires_on, people, status=ReleaseStatus.HELD):
    return ProtestRelease.objects.create(
        case=of, form=ReleaseForm.BANK_GUARANTEE, amount=Decimal(1000), reference="G",
        lodged_on=TODAY - timedelta(days=80), expires_on=expires_on,
        recorded_by=people.officer, status=status,
    )  # fmt: skip


def posted_notice(of, people, notified_on=None):
    return Decision.objects.create(
        case=of, kind=DecisionKind.VALUE_SET, decided_by=people.officer, reasons="Cheap.",
        delivery=NoticeDelivery.POST, notified_on=notified_on,
    )  # fmt: skip


def shown(response) -> list[int]:
    return [row.case.pk for row in response.context["pager"].items]


def exported(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text)))


# --- The stored deadline -----------------------------------------------------------------------


def test_the_stored_deadline_is_the_cases_next_deadline_in_every_status():
    day = TODAY + timedelta(days=5)
    for status in CaseStatus:
        stored = case(
            status, answer_due=day, appeal_due=day + timedelta(1), court_due=day + timedelta(2)
        )
        stored.refresh_from_db()
        assert stored.queue_deadline == selectors.case_deadline(stored)[0], status


def test_the_stored_deadline_follows_a_set_based_update():
    """A job that closes cases in one UPDATE (not through save()) leaves no stale deadline."""
    stored = case(CaseStatus.VALUE_SET, due=TODAY)
    ValuationCase.objects.filter(pk=stored.pk).update(status=CaseStatus.CLOSED)
    stored.refresh_from_db()
    assert stored.queue_deadline is None
    ValuationCase.objects.filter(pk=stored.pk).update(
        status=CaseStatus.APPEAL_DECIDED, court_due=TODAY + timedelta(90)
    )
    stored.refresh_from_db()
    assert stored.queue_deadline == TODAY + timedelta(90)


def test_the_open_statuses_of_the_index_are_the_officers_queue():
    assert sorted(OPEN_CASE_STATUSES) == sorted(selectors.OFFICER_OPEN_STATUSES)


# --- Order: attention first, then the next deadline --------------------------------------------


def test_cases_needing_attention_come_first_then_by_deadline(officer, people):
    soon = case(CaseStatus.NOTICE_OF_INTENT, due=TODAY + timedelta(2))
    undated = case(CaseStatus.OPEN)
    # A guarantee lapsing in 14 days is within the policy's 14 warning days (14 - 0 ≤ 14);
    # one lapsing in 15 days is not yet.
    lapsing = case(CaseStatus.NOTICE_OF_INTENT, due=TODAY + timedelta(20))
    guarantee(lapsing, TODAY + timedelta(14), people)
    not_yet = case(CaseStatus.NOTICE_OF_INTENT, due=TODAY + timedelta(3))
    guarantee(not_yet, TODAY + timedelta(15), people)
    to_post = case(CaseStatus.VALUE_SET, due=TODAY + timedelta(30))
    posted_notice(to_post, people)
    delivered = case(CaseStatus.VALUE_SET, due=TODAY + timedelta(1))
    posted_notice(delivered, people, notified_on=TODAY)  # delivered: nothing to do
    returned = case(CaseStatus.APPEALED)
    guarantee(returned, TODAY, people, status=ReleaseStatus.RETURNED)  # no longer held
    case(CaseStatus.CLOSED)  # not an open case
    response = officer.get(QUEUE)
    assert shown(response) == [
        lapsing.pk, to_post.pk,  # attention, by deadline
        delivered.pk, soon.pk, not_yet.pk,  # by deadline
        undated.pk, returned.pk,  # no deadline: last, oldest first
    ]  # fmt: skip
    rows = response.context["pager"].items
    assert rows[0].warnings and rows[1].warnings and not rows[2].warnings
    assert shown(officer.get(QUEUE, {"sort": "deadline"})) == [
        delivered.pk, soon.pk, not_yet.pk, lapsing.pk, to_post.pk, undated.pk, returned.pk
    ]  # fmt: skip
    assert shown(officer.get(QUEUE, {"sort": "newest"}))[0] == returned.pk


def test_pages_run_across_the_attention_boundary_without_gaps(officer, people, monkeypatch):
    monkeypatch.setattr(paging, "PER_PAGE", 2)
    warned = []
    for days in (9, 5, 7):
        warned.append(case(CaseStatus.NOTICE_OF_INTENT, due=TODAY + timedelta(days)))
        guarantee(warned[-1], TODAY + timedelta(1), people)
    others = [case(CaseStatus.NOTICE_OF_INTENT, due=TODAY + timedelta(d)) for d in (1, 2)]
    pages = [shown(officer.get(QUEUE, {"page": n})) for n in (1, 2, 3)]
    assert pages == [
        [warned[1].pk, warned[2].pk],
        [warned[0].pk, others[0].pk],
        [others[1].pk],
    ]
    queue = selectors.queue_rows(today=TODAY)
    assert [row.case.pk for row in queue] == [pk for page in pages for pk in page]
    assert len(queue) == 5 and queue[2].case.pk == warned[0].pk


def test_sort_by_status_groups_each_status_by_deadline(officer):
    late = case(CaseStatus.VALUE_SET, due=TODAY + timedelta(9))
    early = case(CaseStatus.VALUE_SET, due=TODAY + timedelta(1))
    answered = case(CaseStatus.ANSWERED)
    assert shown(officer.get(QUEUE, {"sort": "status"})) == [answered.pk, early.pk, late.pk]


# --- Search, filters, export ---------------------------------------------------------------------


def test_the_queue_finds_a_case_by_reference_identity_name_or_chassis(officer):
    target = case(
        national_id=VALID_NATIONAL_IDS[2],
        importer_name="Yael Mizrahi",
        chassis_number="WVWZZZ1JZXW000123",
    )
    other = case(national_id=VALID_NATIONAL_IDS[3], importer_name="Avi Peretz", chassis_number="X")
    for typed in (
        target.reference,
        target.reference.lower(),
        str(target.pk),
        VALID_NATIONAL_IDS[2],
        "mizrahi yael",
        "w000123",
    ):
        assert shown(officer.get(QUEUE, {"q": typed})) == [target.pk], typed
    assert shown(officer.get(QUEUE, {"q": "peretz"})) == [other.pk]
    assert shown(officer.get(QUEUE, {"q": "nobody"})) == []


def test_the_queue_filters_by_status_and_kind(officer):
    goods = case(CaseStatus.ANSWERED, kind=CaseKind.GOODS)
    vehicle = case(CaseStatus.ANSWERED)
    accepted = case(CaseStatus.ACCEPTED)
    assert shown(officer.get(QUEUE, {"kind": "goods"})) == [goods.pk]
    assert shown(officer.get(QUEUE, {"status": "accepted"})) == [accepted.pk]
    assert set(shown(officer.get(QUEUE, {"status": "answered"}))) == {goods.pk, vehicle.pk}


def test_the_queue_exports_every_page_as_shown(officer, people, monkeypatch):
    monkeypatch.setattr(paging, "PER_PAGE", 1)
    warned = case(CaseStatus.NOTICE_OF_INTENT, due=TODAY + timedelta(4), importer_name="@evil")
    guarantee(warned, TODAY + timedelta(3), people)
    plain = case(CaseStatus.NOTICE_OF_INTENT, due=TODAY + timedelta(1))
    rows = exported(officer.get(QUEUE, {"export": "csv", "page": "2"}))
    assert [r[0] for r in rows[1:]] == [warned.reference, plain.reference]
    assert rows[1][1] == "05/06/2026" and rows[1][4] == "'@evil"
    assert "valid until 04/06/2026" in rows[1][-1] and rows[2][-1] == ""
    xlsx = officer.get(QUEUE, {"export": "xlsx", "kind": "goods"})
    assert xlsx["Content-Disposition"].endswith('.xlsx"')


def test_the_queue_queries_do_not_grow_with_the_cases(
    officer, people, django_assert_num_queries, django_assert_max_num_queries
):
    def add(count):
        for n in range(count):
            with_warning = case(CaseStatus.NOTICE_OF_INTENT, due=TODAY + timedelta(n % 40))
            if n % 3 == 0:
                guarantee(with_warning, TODAY + timedelta(2), people)
            if n % 4 == 0:
                posted_notice(with_warning, people)

    views = ({}, {"sort": "deadline"}, {"q": "importer", "status": "notice_of_intent"})
    add(3)
    officer.get(QUEUE)
    small = []
    for query in views:
        with django_assert_max_num_queries(14) as captured:
            officer.get(QUEUE, query)
        small.append(len(captured.captured_queries))
    add(27)
    for query, count in zip(views, small, strict=True):
        with django_assert_num_queries(count):
            response = officer.get(QUEUE, query)
    assert len(response.context["pager"].items) == 25


def test_a_search_reads_an_index_not_every_case():
    """The reference and identity number are looked up, never compared case by case."""
    found = selectors.queue_rows(search=Terms("CUS-000042"))
    assert "42" in str(found.cases.query) and "LIKE" not in str(found.cases.query).upper()


# --- The committee's appeals (CUS-12) -----------------------------------------------------------


def appeal(people, *, forwarded_days_ago=1, decided=False, **fields):
    appealed = case(CaseStatus.APPEAL_DECIDED if decided else CaseStatus.APPEALED, **fields)
    return Appeal.objects.create(
        case=appealed,
        grounds="Too high.",
        filed_by=people.importer,
        forwarded_at=timezone.now() - timedelta(days=forwarded_days_ago),
        decided_at=timezone.now() if decided else None,
    )


@pytest.fixture
def member(client, people, settings):
    client.force_login(people.committee[0])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def appeal_numbers(response) -> list[int]:
    return [a.pk for a in response.context["appeals"]]


def test_cus_12_appeals_waiting_searched_sorted_and_exported(member, people):
    older = appeal(people, forwarded_days_ago=9, importer_name="Noa Dahan")
    newer = appeal(people, forwarded_days_ago=2, national_id=VALID_NATIONAL_IDS[5])
    appeal(people, forwarded_days_ago=20, decided=True)  # decided: no longer waiting
    Appeal.objects.create(case=case(CaseStatus.APPEALED), grounds="x", filed_by=people.importer)
    assert appeal_numbers(member.get(APPEALS)) == [older.pk, newer.pk]
    assert appeal_numbers(member.get(APPEALS, {"sort": "-forwarded"})) == [newer.pk, older.pk]
    assert appeal_numbers(member.get(APPEALS, {"q": "dahan"})) == [older.pk]
    assert appeal_numbers(member.get(APPEALS, {"q": VALID_NATIONAL_IDS[5]})) == [newer.pk]
    assert appeal_numbers(member.get(APPEALS, {"q": newer.case.reference})) == [newer.pk]
    rows = exported(member.get(APPEALS, {"export": "csv"}))
    assert [r[0] for r in rows[1:]] == [older.case.reference, newer.case.reference]


def test_cus_12_appeals_queries_do_not_grow(
    member, people, django_assert_num_queries, django_assert_max_num_queries
):
    for _ in range(3):
        appeal(people)
    member.get(APPEALS)
    with django_assert_max_num_queries(10) as small:
        member.get(APPEALS)
    for _ in range(27):
        appeal(people)
    with django_assert_num_queries(len(small.captured_queries)):
        assert len(member.get(APPEALS).context["appeals"]) == 25


# --- Attackers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "allowed"),
    [(QUEUE, Role.CUSTOMS_OFFICER), (APPEALS, Role.APPEAL_COMMITTEE_MEMBER)],
)
def test_the_lists_are_for_their_role_only(client, client_as, url, allowed):
    assert client.get(url).status_code == 302
    for role in (Role.CITIZEN, Role.LICENSING_CLERK, Role.CUSTOMS_AGENT, Role.CUSTOMS_OFFICER):
        if role != allowed and not (url == QUEUE and role == Role.CUSTOMS_OFFICER):
            other = client_as(role)
            assert other.get(url).status_code == 403
            assert other.get(url, {"export": "xlsx"}).status_code == 403


@pytest.mark.parametrize("url", [QUEUE, APPEALS])
@pytest.mark.parametrize(
    "query",
    [
        "q=" + "CUS-" + "9" * 4000,
        "q=CUS-99999999999999999999",
        "q=%FF%FE%00&sort=%ED%A0%80&status=%FF&kind=[]",
        "q=%25&page=-3",
        "export=pdf&page=abc",
    ],
)
def test_the_lists_answer_garbage_with_the_page(client, people, url, query):
    case(CaseStatus.APPEALED)
    client.force_login(people.officer if url == QUEUE else people.committee[0])
    response = client.get(f"{url}?{query}")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
