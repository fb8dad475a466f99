"""BADGE-25: an organisation transporting disabled people with more than two vehicles gets
several badges of at most two vehicles each; every print still voids the previous badges and
the print file still carries each badge exactly once."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from parking_badges import rules, selectors, services
from parking_badges.models import Badge, BadgeReason, BadgeStatus, OwnerKind, VehicleGround
from parking_badges.services.print_file import ensure_written

from .factories import ApprovalFactory, DisabledPersonFactory, VehicleFactory
from .test_print_file import parse

pytestmark = pytest.mark.django_db
D = datetime.date
ORGANISATION_ID = "580000000"


def organisation_vehicle():
    return VehicleFactory(
        owner=(ORGANISATION_ID, OwnerKind.ORGANISATION), restrictions=["60"], tariff_code="18"
    )


@pytest.fixture
def organisation_file(clerk):
    person = DisabledPersonFactory()
    ApprovalFactory(person=person)
    vehicles = [organisation_vehicle() for _ in range(5)]
    for vehicle in vehicles:
        services.badge_vehicle_add(
            actor=clerk, person=person, vehicle=vehicle, ground=VehicleGround.ORGANISATION,
            on=D(2026, 5, 1),
        )  # fmt: skip
    return person, [v.number for v in vehicles]


def test_badge_25_vehicles_split_into_badges_of_two_the_last_two_together():
    assert rules.badge_vehicle_sets([]) == []
    assert rules.badge_vehicle_sets(["a"]) == [["a"]]
    assert rules.badge_vehicle_sets(["a", "b"]) == [["a", "b"]]
    assert rules.badge_vehicle_sets(["a", "b", "c"]) == [["a"], ["b", "c"]]
    assert rules.badge_vehicle_sets(list("abcde")) == [["a"], ["b", "c"], ["d", "e"]]


def test_badge_25_only_an_organisation_file_holds_more_than_two_vehicles(clerk):
    person = DisabledPersonFactory()
    for _ in range(2):
        services.badge_vehicle_add(
            actor=clerk, person=person, vehicle=organisation_vehicle(),
            ground=VehicleGround.ORGANISATION, on=D(2026, 5, 1),
        )  # fmt: skip
    owned = VehicleFactory(owner=person.national_id)
    with pytest.raises(ValidationError, match="at most two vehicles"):
        services.badge_vehicle_add(
            actor=clerk, person=person, vehicle=owned, ground=VehicleGround.OWNER, on=D(2026, 5, 1)
        )
    services.badge_vehicle_add(
        actor=clerk, person=person, vehicle=organisation_vehicle(),
        ground=VehicleGround.ORGANISATION, on=D(2026, 5, 1),
    )  # fmt: skip
    assert person.badge_vehicles.filter(removed_on__isnull=True).count() == 3


def test_badge_25_organisation_gets_one_badge_per_pair(organisation_file, print_badge):
    person, numbers = organisation_file
    first = print_badge(person)
    badges = selectors.current_badges(person)
    assert first == badges[0]
    assert [b.vehicle_numbers for b in badges] == [numbers[:1], numbers[1:3], numbers[3:]]
    assert [b.slot for b in badges] == [1, 2, 3]
    assert all(len(b.vehicle_numbers) <= 2 for b in badges)


def test_badge_25_every_print_voids_all_previous_badges(organisation_file, print_badge):
    person, numbers = organisation_file
    print_badge(person)
    old = selectors.current_badges(person)
    print_badge(person, reason=BadgeReason.LOST, reason_note="badge 2 lost")
    new = selectors.current_badges(person)
    assert len(new) == 3 and not {b.pk for b in new} & {b.pk for b in old}
    for before, after in zip(old, new, strict=True):
        before.refresh_from_db()
        assert before.status == BadgeStatus.SUPERSEDED and before.superseded_by == after


def test_badge_25_fewer_vehicles_fewer_badges_the_rest_void(organisation_file, print_badge):
    person, numbers = organisation_file
    print_badge(person)
    old = selectors.current_badges(person)
    for entry in person.badge_vehicles.filter(vehicle__number__in=numbers[:3]):
        services.badge_vehicle_remove(actor=None, entry=entry, on=D(2026, 6, 1), reason="sold")
    print_badge(person, reason=BadgeReason.VEHICLES_CHANGED)
    current = selectors.current_badges(person)
    assert [b.vehicle_numbers for b in current] == [numbers[3:]]
    assert Badge.objects.filter(person=person, status__in=["ordered", "sent_to_print"]).count() == 1
    for badge in old:
        badge.refresh_from_db()
        assert badge.status == BadgeStatus.SUPERSEDED
    assert old[0].superseded_by == current[0]


def test_badge_25_print_file_carries_each_badge_exactly_once(organisation_file, print_badge):
    person, numbers = organisation_file
    print_badge(person, today=D(2026, 6, 1))
    row = services.print_file_build(for_date=D(2026, 6, 1))
    rows, count, _checksum, _actual = parse(ensure_written(row))
    assert count == 3
    printed_numbers = sorted(n for r in rows[2:] for n in r if n in numbers)
    assert printed_numbers == sorted(numbers)
    assert services.print_file_build(for_date=D(2026, 6, 2)).badge_count == 0


def test_badge_25_holder_death_cancels_every_badge(organisation_file, print_badge):
    person, _numbers = organisation_file
    print_badge(person)
    services.person_record_death(actor=None, person=person, died_on=D(2026, 6, 2), reason="x")
    assert selectors.current_badges(person) == []


def test_badge_52_organisation_badges_renewed_together_once(organisation_file, print_badge):
    person, numbers = organisation_file
    print_badge(person)
    old = selectors.current_badges(person)
    assert services.badges_renew_due(today=D(2034, 5, 1)) == 1
    renewed = selectors.current_badges(person)
    assert [b.vehicle_numbers for b in renewed] == [b.vehicle_numbers for b in old]
    assert {b.reason for b in renewed} == {BadgeReason.RENEWAL}
    assert services.badges_renew_due(today=D(2034, 5, 2)) == 0


def test_badge_49_monthly_check_reprints_the_organisation_set(organisation_file, print_badge):
    person, numbers = organisation_file
    print_badge(person)
    sold = person.badge_vehicles.get(vehicle__number=numbers[4]).vehicle
    sold.is_active = False
    sold.save()
    assert services.badge_vehicles_monthly_check(on=D(2026, 7, 1)) == 1
    current = selectors.current_badges(person)
    assert [b.vehicle_numbers for b in current] == [numbers[:2], numbers[2:4]]
    assert Badge.objects.filter(person=person).count() == 5
