"""BADGE-48: the daily print file: one per day, each badge exactly once, identical re-run,
downloadable by the printing house with receipt confirmation."""

import csv
import datetime
import hashlib
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parking_badges import services
from parking_badges.models import (
    CURRENT_BADGE_STATUSES as CURRENT,
)
from parking_badges.models import Badge, BadgeReason, BadgeStatus, PrintFile
from parking_badges.services.print_file import COLUMNS, MAGIC, ensure_written
from taxportal.models import User
from tests.locks import until_a_session_waits_on_a_lock

from .factories import ApprovalFactory, BadgeVehicleFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def holders(n):
    people = []
    for _ in range(n):
        entry = BadgeVehicleFactory()
        ApprovalFactory(person=entry.person)
        people.append(entry.person)
    return people


def stored(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def parse(name):
    raw = stored(name)
    body, trailer = raw.rsplit(b"#END", 1)
    _, count, checksum = trailer.decode().strip().split(",")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    return rows, int(count), checksum, hashlib.sha256(body).hexdigest()


def test_badge_48_file_format_header_rows_and_checksum(print_badge):
    people = holders(3)
    for person in people:
        print_badge(person, today=D(2026, 6, 1))
    row = services.print_file_build(for_date=D(2026, 6, 1))
    rows, count, checksum, actual = parse(ensure_written(row))
    assert rows[0] == [MAGIC, "1", "2026-06-01"]
    assert rows[1] == COLUMNS
    assert count == 3 == len(rows) - 2 == row.badge_count
    assert checksum == actual == row.sha256
    national_ids = {r[1] for r in rows[2:]}
    assert national_ids == {p.national_id for p in people}


def test_badge_48_each_badge_in_exactly_one_file(print_badge):
    people = holders(4)
    for person in people[:2]:
        print_badge(person, today=D(2026, 6, 1))
    day1 = services.print_file_build(for_date=D(2026, 6, 1))
    for person in people[2:]:
        print_badge(person, today=D(2026, 6, 2))
    print_badge(people[0], reason=BadgeReason.LOST, reason_note="x", today=D(2026, 6, 2))
    day2 = services.print_file_build(for_date=D(2026, 6, 2))
    day3 = services.print_file_build(for_date=D(2026, 6, 3))
    numbers = []
    for row in (day1, day2, day3):
        rows, *_ = parse(ensure_written(row))
        numbers.extend(r[0] for r in rows[2:])
    assert len(numbers) == len(set(numbers)) == Badge.objects.count() == 5
    assert day3.badge_count == 0
    # None left waiting: every ordered badge is claimed (shown "sent to the printing house").
    assert not Badge.objects.filter(status=BadgeStatus.ORDERED, print_claim__isnull=True).exists()
    shown = {b.shown_status for b in Badge.objects.exclude(status=BadgeStatus.SUPERSEDED)}
    assert shown == {BadgeStatus.SENT_TO_PRINT}


def test_badge_48_rerun_for_a_day_returns_the_identical_file(print_badge):
    for person in holders(2):
        print_badge(person, today=D(2026, 6, 1))
    first = services.print_file_build(for_date=D(2026, 6, 1))
    content = stored(ensure_written(first))
    for person in holders(1):
        print_badge(person, today=D(2026, 6, 1))  # ordered after the file was built
    again = services.print_file_build(for_date=D(2026, 6, 1))
    assert again.pk == first.pk
    assert stored(ensure_written(again)) == content
    default_storage.delete(ensure_written(again))
    assert stored(ensure_written(again)) == content, "rewritten byte for byte"
    assert PrintFile.objects.count() == 1


def test_badge_48_superseded_before_printing_is_never_printed(print_badge):
    (person,) = holders(1)
    print_badge(person, today=D(2026, 6, 1))
    latest = print_badge(person, reason=BadgeReason.VEHICLES_CHANGED, today=D(2026, 6, 1))
    row = services.print_file_build(for_date=D(2026, 6, 1))
    rows, *_ = parse(ensure_written(row))
    assert [r[0] for r in rows[2:]] == [latest.number]


def test_badge_48_command_writes_the_day_and_prints_its_name(print_badge, capsys):
    for person in holders(2):
        print_badge(person, today=D(2026, 6, 1))
    call_command("badge_print_file", "--date", "2026-06-01")
    name = capsys.readouterr().out.strip()
    assert name == "parking_badges/print_files/badges-2026-06-01.csv"
    first = stored(name)
    call_command("badge_print_file", "--date", "2026-06-01")
    assert capsys.readouterr().out.strip() == name
    assert stored(name) == first


def test_badge_48_celery_task_builds_the_file(print_badge):
    from parking_badges.tasks import build_print_file

    for person in holders(1):
        print_badge(person, today=D(2026, 6, 1))
    name = build_print_file.delay("2026-06-01").get()
    assert name.endswith("badges-2026-06-01.csv")


@pytest.fixture
def printing_house(db):
    user = User.objects.create_user("beeri-press", password="x")
    user.user_permissions.add(Permission.objects.get(codename="download_print_files"))
    return user


def test_badge_48_printing_house_downloads_and_confirms_receipt(
    client, printing_house, print_badge
):
    for person in holders(2):
        print_badge(person, today=D(2026, 6, 1))
    row = services.print_file_build(for_date=D(2026, 6, 1))
    client.force_login(printing_house)
    url = reverse("parking_badges_api:print_file", args=["2026-06-01"])
    response = client.get(url)
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert content == stored(ensure_written(row))
    receipt = reverse("parking_badges_api:print_file_receipt", args=["2026-06-01"])
    body = {"sha256": "0" * 64}
    assert client.post(receipt, body, content_type="application/json").status_code == 409
    confirmed = client.post(receipt, {"sha256": row.sha256}, content_type="application/json")
    assert confirmed.status_code == 200
    row.refresh_from_db()
    assert row.downloaded_at and row.receipt_confirmed_by == printing_house


def test_badge_48_print_files_closed_to_others(client, make_user):
    from taxportal.roles import Role

    services.print_file_build(for_date=D(2026, 6, 1))
    url = reverse("parking_badges_api:print_file", args=["2026-06-01"])
    assert client.get(url).status_code in (401, 403)
    client.force_login(make_user(Role.INSPECTOR))
    assert client.get(url).status_code == 403
    client.force_login(make_user(Role.CITIZEN))
    assert (
        client.get(reverse("parking_badges:print_file_download", args=["2026-06-01"])).status_code
        == 403
    )


@given(
    days=st.lists(
        st.lists(st.tuples(st.integers(0, 2), st.booleans()), max_size=4), min_size=1, max_size=4
    )
)
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_badge_48_property_every_current_badge_printed_exactly_once(days, clerk):
    """Any sequence of prints over days, each day ending with its file: every badge is in at
    most one file, and every badge still current at the end is in one."""
    with transaction.atomic():
        people = holders(3)
        day = D(2026, 6, 1)
        for prints in days:
            for who, replace in prints:
                person = people[who]
                has_badge = Badge.objects.filter(person=person, status__in=CURRENT).exists()
                reason = BadgeReason.LOST if replace and has_badge else BadgeReason.NEW
                services.badge_print(
                    actor=clerk, person=person, reason=reason, reason_note="x", today=day
                )
            services.print_file_build(for_date=day)
            day += datetime.timedelta(days=1)
        printed = []
        for row in PrintFile.objects.all():
            rows, count, checksum, actual = parse(ensure_written(row))
            assert checksum == actual and count == len(rows) - 2
            printed.extend(r[0] for r in rows[2:])
        assert len(printed) == len(set(printed))
        current = {b.number for b in Badge.objects.filter(status__in=CURRENT)}
        assert current <= set(printed)
        transaction.set_rollback(True)


TRICKY = [
    'Cohen, "Moshe"',  # a comma and quotes: quoted, quotes doubled
    "line\nbreak\rand\r\nCRLF",
    "back\\slash\ttab\bbs\x0cff\x0bvt",
    "ישראל ישראלי",
    "",
    " spaced ",
]


def test_badge_48_lines_written_by_the_database_equal_the_csv_modules(print_badge):
    """On PostgreSQL the lines come from COPY: byte for byte what the csv module writes, for
    commas, quotes, line breaks, backslashes, control characters, Hebrew and empty cells."""
    from django.db import connection

    from parking_badges.services.print_file import _copy_lines, _python_lines

    if connection.vendor != "postgresql":
        pytest.skip("COPY writes the lines on PostgreSQL only")
    for person in holders(len(TRICKY)):
        print_badge(person, today=D(2026, 6, 1))
    row = services.print_file_build(for_date=D(2026, 6, 1))
    badges = list(Badge.objects.filter(print_claim__print_file=row).order_by("id"))
    for n, badge in enumerate(badges):
        Badge.objects.filter(pk=badge.pk).update(
            holder_name=TRICKY[n], street=TRICKY[-1 - n], city=TRICKY[n], vehicle_number_2=""
        )
    copied, digest = io.BytesIO(), hashlib.sha256()
    count = _copy_lines(row, copied, digest)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    written = b"".join(data for data, _ in _python_lines(row, writer, buffer))
    assert count == len(TRICKY)
    assert copied.getvalue() == written
    assert digest.hexdigest() == hashlib.sha256(written).hexdigest()
    # By hand, the first badge: name and city quoted with their quotes doubled, the street's
    # spaces kept unquoted, no second vehicle.
    first = badges[0]
    assert (
        copied.getvalue()
        .decode()
        .startswith(
            f'{first.pk:08d},{first.holder_national_id},"Cohen, ""Moshe""", spaced ,'
            f'"Cohen, ""Moshe""",{first.postal_code},{first.vehicle_number_1},,'
        )
    )


def test_badge_48_row_ends_become_crlf_line_breaks_in_quoted_values_stay_across_chunks():
    """COPY's rows reach the file writer in chunks cut anywhere (here: every 1, 2, … 7 bytes):
    only a row's closing LF becomes CRLF; the LF inside the quoted value of row 1 stays LF,
    and a doubled quote does not end the value. Two rows, so two row ends are counted."""
    from parking_badges.services.print_file import _CrlfWriter

    copied = b'1,"a ""b""\nc",\n2,d,"e,f"\n'
    expected = b'1,"a ""b""\nc",\r\n2,d,"e,f"\r\n'
    for size in range(1, 8):
        out, digest = io.BytesIO(), hashlib.sha256()
        lines = _CrlfWriter(out, digest)
        for start in range(0, len(copied), size):
            lines.write(copied[start : start + size])
        assert out.getvalue() == expected
        assert digest.hexdigest() == hashlib.sha256(expected).hexdigest()
        assert lines.count == 2


@pytest.mark.django_db(transaction=True)
def test_badge_48_two_days_built_at_once_claim_each_badge_once(print_badge):
    """Two days' files built at the same moment on two connections: the second build's claim
    comes while the first's is claimed and not yet committed; it waits for it and leaves every
    badge the first took (without that wait it would fail on the claims' key, or print a badge
    twice without the key). 3 badges waiting: the first file has 3, the second 0, 3 claims."""
    import threading

    from django.db import connection

    from parking_badges.models import PrintClaim

    if connection.vendor != "postgresql":
        pytest.skip("two connections at once need PostgreSQL")
    for person in holders(3):
        print_badge(person, today=D(2026, 6, 1))
    claimed, release = threading.Event(), threading.Event()
    built: dict[str, int] = {}
    errors: list[BaseException] = []

    def first():
        try:
            with transaction.atomic():
                built["first"] = services.print_file_build(for_date=D(2026, 6, 1)).badge_count
                claimed.set()
                release.wait(60)
        except BaseException as error:  # reported by the test's thread
            errors.append(error)
            claimed.set()
        finally:
            connection.close()

    def second():
        try:
            claimed.wait(60)
            built["second"] = services.print_file_build(for_date=D(2026, 6, 2)).badge_count
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    claimed.wait(60)
    until_a_session_waits_on_a_lock()  # until the second build waits on the first's claims
    release.set()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    assert built == {"first": 3, "second": 0}
    assert PrintClaim.objects.count() == 3
    assert set(PrintClaim.objects.values_list("print_file__for_date", flat=True)) == {D(2026, 6, 1)}


def test_badge_48_holder_page_shows_the_status_derived_from_the_claim(
    client_as, print_badge, django_assert_max_num_queries
):
    """The badge row keeps "ordered"; the clerk's page shows "waiting for the print file"
    before the day's file and "sent to the printing house" (with the file's date) after it,
    read from the claim in the page's own queries (not one more per badge)."""
    from taxportal.roles import Role

    person = holders(1)[0]
    print_badge(person, today=D(2026, 6, 1))
    client = client_as(Role.LICENSING_CLERK)
    url = reverse("parking_badges:holder", args=[person.pk])
    before = client.get(url).content.decode()
    assert "ממתין לקובץ ההדפסה" in before and "נשלח לדפוס" not in before
    assert "03/06/2026" not in before
    services.print_file_build(for_date=D(2026, 6, 3))
    with django_assert_max_num_queries(60) as one_badge:
        after = client.get(url).content.decode()
    assert "נשלח לדפוס" in after and "ממתין לקובץ ההדפסה" not in after
    assert "03/06/2026" in after  # the file's date, D(2026, 6, 3), in the badge's row
    assert Badge.objects.get(person=person).status == BadgeStatus.ORDERED
    print_badge(person, reason=BadgeReason.LOST, reason_note="x", today=D(2026, 6, 4))
    services.print_file_build(for_date=D(2026, 6, 4))
    with django_assert_max_num_queries(len(one_badge.captured_queries)):
        client.get(url)  # two badges, both in files: no query per badge


def test_badge_48_admin_filters_by_the_status_the_pages_show(client, print_badge):
    """The admin's status filter reads the claim as the pages do: of two ordered badges, the
    one claimed by the day's file is "sent to the printing house", the other still "ordered"."""
    claimed, waiting = holders(2)
    print_badge(claimed, today=D(2026, 6, 1))
    services.print_file_build(for_date=D(2026, 6, 2))
    print_badge(waiting, today=D(2026, 6, 3))  # after the file: not claimed
    superuser = User.objects.create_superuser("admin-filter", "admin-filter@example.com", "x")
    client.force_login(superuser)
    url = reverse("admin:parking_badges_badge_changelist")

    def listed(status):
        page = client.get(url, {"status": status})
        assert page.status_code == 200
        return {badge.person_id for badge in page.context["cl"].result_list}

    assert listed("sent_to_print") == {claimed.pk}
    assert listed("ordered") == {waiting.pk}
    assert listed("cancelled") == set()
