"""BADGE-48 and issue 18: the print file's waiting marker. Each file notes the highest badge id
at its claim (`claimed_up_to`); the next day's claim reads the badges after it and the few up
to it issued after that file's date. Exactly-once, identical re-runs and what goes in a file are
as before; these tests cover what the marker could get wrong."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse

from parking_badges import services
from parking_badges.models import Badge, BadgeReason, BadgeStatus, PrintClaim, PrintFile
from parking_badges.services.print_file import ensure_written
from taxportal.roles import Role
from tests.locks import until_a_session_waits_on_a_lock

from .test_print_file import holders, parse, stored

pytestmark = pytest.mark.django_db
D = datetime.date


def numbers(row: PrintFile) -> list[str]:
    rows, count, checksum, actual = parse(ensure_written(row))
    assert count == len(rows) - 2 and checksum == actual
    return [r[0] for r in rows[2:]]


def test_badge_48_the_marker_is_the_highest_badge_at_the_claim(print_badge):
    """Three badges ordered, the file claims all three: its marker is the third badge's id
    (the highest); a day with no new badge keeps the same marker and an empty file."""
    people = holders(3)
    badges = [print_badge(person, today=D(2026, 6, 1)) for person in people]
    first = services.print_file_build(for_date=D(2026, 6, 1))
    assert first.claimed_up_to == badges[2].pk == max(b.pk for b in badges)
    assert PrintFile.objects.get(pk=first.pk).claimed_up_to == badges[2].pk
    empty = services.print_file_build(for_date=D(2026, 6, 2))
    assert empty.badge_count == 0 and empty.claimed_up_to == badges[2].pk
    assert first.claimed_from == 0  # the first file: every badge up to its marker


def test_badge_48_a_badge_issued_after_the_files_date_waits_for_its_day(print_badge):
    """A badge ordered on 3 June, before the 1 June file is built, is under that file's marker
    but after its date: not in the 1 June file, not in the 2 June one, in the 3 June one.
    The 2 June badge (after the marker) goes in the 2 June file. Each badge in one file."""
    early, late, next_day = holders(3)
    dated_later = print_badge(late, today=D(2026, 6, 3))
    on_time = print_badge(early, today=D(2026, 6, 1))
    june_1 = services.print_file_build(for_date=D(2026, 6, 1))
    assert numbers(june_1) == [on_time.number]
    assert june_1.claimed_up_to == on_time.pk  # the later of the two ids
    second = print_badge(next_day, today=D(2026, 6, 2))
    june_2 = services.print_file_build(for_date=D(2026, 6, 2))
    assert numbers(june_2) == [second.number]
    assert june_2.claimed_from == on_time.pk + 1  # above the 1 June marker
    june_3 = services.print_file_build(for_date=D(2026, 6, 3))
    assert numbers(june_3) == [dated_later.number]
    # Under the 2 June marker: the file's range of badge ids reaches down to it.
    assert june_3.claimed_from == dated_later.pk and june_3.claimed_up_to == second.pk
    assert PrintClaim.objects.count() == 3


def test_badge_48_days_built_out_of_order_claim_each_badge_once(print_badge):
    """X (1 June) and Y (3 June) go in the 3 June file. Z is ordered on 4 June, then the
    2 June file is built late: it takes nothing (X and Y are claimed, Z is after its date),
    and its marker, Z, becomes the highest. The 4 June file, found from the 2 June marker,
    must take Z and not Y again (Y is under the marker and after 2 June, but claimed)."""
    a, b, c = holders(3)
    x = print_badge(a, today=D(2026, 6, 1))
    y = print_badge(b, today=D(2026, 6, 3))
    june_3 = services.print_file_build(for_date=D(2026, 6, 3))
    assert numbers(june_3) == [x.number, y.number]
    z = print_badge(c, today=D(2026, 6, 4))
    june_2 = services.print_file_build(for_date=D(2026, 6, 2))
    assert june_2.badge_count == 0 and june_2.claimed_up_to == z.pk
    june_4 = services.print_file_build(for_date=D(2026, 6, 4))
    assert numbers(june_4) == [z.number]
    assert june_4.claimed_from == june_4.claimed_up_to == z.pk
    assert PrintClaim.objects.count() == 3


def test_badge_48_reprinted_or_cancelled_after_the_claim(print_badge, clerk):
    """P's badge and R's badge are in the 1 June file. On 2 June P's badge is reprinted
    (lost: a new badge voids it) and R dies (the badge is cancelled); Q's badge, ordered on
    2 June, is cancelled too before any file. The 2 June file holds only P's new badge; the
    1 June file, written again, is byte for byte what it was (P's old and R's badge)."""
    p, q, r = holders(3)
    old = print_badge(p, today=D(2026, 6, 1))
    r_badge = print_badge(r, today=D(2026, 6, 1))
    june_1 = services.print_file_build(for_date=D(2026, 6, 1))
    content = stored(ensure_written(june_1))
    new = print_badge(p, reason=BadgeReason.LOST, reason_note="x", today=D(2026, 6, 2))
    q_badge = print_badge(q, today=D(2026, 6, 2))
    for person in (r, q):
        services.person_record_death(
            actor=clerk, person=person, died_on=D(2026, 6, 2), reason="registry"
        )
    june_2 = services.print_file_build(for_date=D(2026, 6, 2))
    assert numbers(june_2) == [new.number]
    default_storage.delete(ensure_written(june_1))
    assert stored(ensure_written(june_1)) == content
    assert numbers(june_1) == [old.number, r_badge.number]
    statuses = dict(Badge.objects.values_list("pk", "status"))
    assert statuses[old.pk] == BadgeStatus.SUPERSEDED
    assert statuses[r_badge.pk] == statuses[q_badge.pk] == BadgeStatus.CANCELLED
    assert not PrintClaim.objects.filter(badge=q_badge).exists()
    assert services.print_file_build(for_date=D(2026, 6, 3)).badge_count == 0


def _a_file_without_marker_then_one_more(print_badge):
    """Two badges in the 1 June file, its marker emptied (as a file built before the marker
    existed), then a third badge ordered on 2 June, which is returned."""
    people = holders(3)
    for person in people[:2]:
        print_badge(person, today=D(2026, 6, 1))
    services.print_file_build(for_date=D(2026, 6, 1))
    PrintFile.objects.update(claimed_up_to=None)
    return print_badge(people[2], today=D(2026, 6, 2))


def test_badge_48_files_built_before_the_marker_are_read_in_full(print_badge):
    """Files built before the marker existed have none: the next claim checks every waiting
    badge against every claim, as before, then notes its marker. Two badges in the 1 June
    file (its marker emptied to stand for such a file), one more on 2 June: the 2 June file
    has that one only, and its marker is that badge's id."""
    third = _a_file_without_marker_then_one_more(print_badge)
    june_2 = services.print_file_build(for_date=D(2026, 6, 2))
    assert numbers(june_2) == [third.number]
    assert (june_2.claimed_from, june_2.claimed_up_to) == (0, third.pk)


def test_badge_48_next_day_queries_do_not_depend_on_the_claims_before(
    print_badge, django_assert_max_num_queries, django_assert_num_queries
):
    """A day with one new badge takes the same statements after one claimed badge as after
    five (the claim reads the new badges, not the claimed ones)."""
    people = holders(8)
    print_badge(people[0], today=D(2026, 6, 1))
    services.print_file_build(for_date=D(2026, 6, 1))
    print_badge(people[1], today=D(2026, 6, 2))
    with django_assert_max_num_queries(30) as after_one:
        assert services.print_file_build(for_date=D(2026, 6, 2)).badge_count == 1
    for person in people[2:7]:
        print_badge(person, today=D(2026, 6, 3))
    assert services.print_file_build(for_date=D(2026, 6, 3)).badge_count == 5
    print_badge(people[7], today=D(2026, 6, 4))
    with django_assert_num_queries(len(after_one.captured_queries)):
        assert services.print_file_build(for_date=D(2026, 6, 4)).badge_count == 1


@pytest.mark.django_db(transaction=True)
def test_badge_48_a_badge_ordered_during_the_claim_is_never_lost(print_badge):
    """A's badge is ordered and not yet committed; B's badge, ordered after it (a higher id),
    is committed. The day's claim must wait for A's order: claiming B alone would put the
    marker above A's badge, and no later claim would look below it. So the file, built while
    A's order is open, has both badges (ids by hand: A's, then B's), and the next day none."""
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("two connections at once need PostgreSQL")
    a, b = holders(2)
    ordered, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []
    built: dict[str, PrintFile] = {}

    def order_a():
        try:
            with transaction.atomic():
                print_badge(a, today=D(2026, 6, 1))
                ordered.set()
                release.wait(60)
        except BaseException as error:  # reported by the test's thread
            errors.append(error)
            ordered.set()
        finally:
            connection.close()

    def build():
        try:
            built["file"] = services.print_file_build(for_date=D(2026, 6, 1))
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    first = threading.Thread(target=order_a)
    first.start()
    ordered.wait(60)
    b_badge = print_badge(b, today=D(2026, 6, 1))  # committed: autocommit in this test
    second = threading.Thread(target=build)
    second.start()
    until_a_session_waits_on_a_lock()  # until the build waits on A's order
    release.set()
    for thread in (first, second):
        thread.join(60)
    assert not errors, errors
    a_badge = Badge.objects.get(person=a)
    assert a_badge.pk < b_badge.pk
    assert numbers(built["file"]) == [a_badge.number, b_badge.number]
    assert built["file"].claimed_up_to == b_badge.pk
    assert services.print_file_build(for_date=D(2026, 6, 2)).badge_count == 0


def waiting() -> list[int]:
    from parking_badges.selectors import badges_to_print

    return sorted(badges_to_print().values_list("pk", flat=True))


def test_badge_48_the_waiting_badges_are_read_from_the_marker(print_badge, client_as):
    """The clerks' "waiting for the next print file" is what the next claim would take, read
    from the last file's marker. Badge 1 (1 June) and badge 2 (dated 3 June, ordered before
    the 1 June file is built) are under the 1 June marker: 1 is claimed, 2 waits (after the
    file's date). Badge 3, ordered afterwards, is above the marker and waits. Waiting: 2 and 3;
    the next day's file takes badge 3 (dated 2 June), and only badge 2 still waits."""
    people = holders(3)
    on_time = print_badge(people[0], today=D(2026, 6, 1))
    dated_later = print_badge(people[1], today=D(2026, 6, 3))
    assert waiting() == sorted([on_time.pk, dated_later.pk])  # no file yet: both
    services.print_file_build(for_date=D(2026, 6, 1))
    after = print_badge(people[2], today=D(2026, 6, 2))
    assert waiting() == [dated_later.pk, after.pk]
    client = client_as(Role.LICENSING_CLERK)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("parking_badges:queue")).content.decode()
    assert "2 badges are waiting for the next print file." in page
    services.print_file_build(for_date=D(2026, 6, 2))
    assert waiting() == [dated_later.pk]


def test_badge_48_the_waiting_badges_before_any_marker(print_badge):
    """Files built before the marker have none: every ordered badge is checked against the
    claims. Two badges in the 1 June file (its marker emptied), a third ordered after: one
    waits."""
    third = _a_file_without_marker_then_one_more(print_badge)
    assert waiting() == [third.pk]
