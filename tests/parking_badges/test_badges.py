"""Vehicles on the file and badges: BADGE-5, BADGE-12 to BADGE-17, BADGE-25, BADGE-30,
BADGE-47 and BADGE-52."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from parking_badges import rules, services
from parking_badges.models import (
    Badge,
    BadgeReason,
    BadgeStatus,
    BadgeVehicle,
    EvidenceKind,
    FamilyRelation,
    OwnerKind,
    VehicleGround,
    VehicleRestriction,
    VehicleSource,
    VehicleType,
)
from taxportal.models import AuditEvent
from taxportal.roles import Role

from .factories import (
    TODAY,
    ApprovalFactory,
    BadgeVehicleFactory,
    DisabledPersonFactory,
    VehicleFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def add(clerk, person, vehicle, ground=VehicleGround.OWNER, **kwargs):
    return services.badge_vehicle_add(
        actor=clerk, person=person, vehicle=vehicle, ground=ground, on=TODAY, **kwargs
    )


def test_badge_12_one_badge_with_both_vehicles_after_a_second_approval(
    clerk, holder_with_vehicle, print_badge
):
    first = print_badge(holder_with_vehicle)
    assert len(first.vehicle_numbers) == 1
    add(clerk, holder_with_vehicle, VehicleFactory(owner=holder_with_vehicle.national_id))
    second = print_badge(
        holder_with_vehicle, reason=BadgeReason.VEHICLES_CHANGED, today=D(2026, 6, 2)
    )
    assert len(second.vehicle_numbers) == 2
    assert (
        Badge.objects.filter(
            person=holder_with_vehicle, status__in=["ordered", "sent_to_print"]
        ).count()
        == 1
    )


def test_badge_5_a_third_vehicle_is_refused(clerk, holder_with_vehicle):
    add(clerk, holder_with_vehicle, VehicleFactory(owner=holder_with_vehicle.national_id))
    with pytest.raises(ValidationError, match="at most two"):
        add(clerk, holder_with_vehicle, VehicleFactory(owner=holder_with_vehicle.national_id))


def test_badge_25_removed_vehicle_stays_in_history_and_frees_a_place(clerk, holder_with_vehicle):
    second = add(clerk, holder_with_vehicle, VehicleFactory(owner=holder_with_vehicle.national_id))
    services.badge_vehicle_remove(actor=clerk, entry=second, on=TODAY, reason="נמכר")
    add(clerk, holder_with_vehicle, VehicleFactory(owner=holder_with_vehicle.national_id))
    assert BadgeVehicle.objects.filter(person=holder_with_vehicle).count() == 3
    assert BadgeVehicle.objects.filter(person=holder_with_vehicle, removed_on=None).count() == 2


def test_badge_20_family_vehicle_recorded_with_its_evidence(clerk):
    person = DisabledPersonFactory()
    parent = "302466339"
    vehicle = VehicleFactory(owner=parent)
    parent_ground = {"relation": FamilyRelation.PARENT, "owner_national_id": parent}
    with pytest.raises(ValidationError, match="Missing evidence"):
        add(clerk, person, vehicle, VehicleGround.FAMILY, **parent_ground)
    evidence = [services.EvidenceItem(kind=EvidenceKind.ID_CARD_RELATION)]
    entry = add(clerk, person, vehicle, VehicleGround.FAMILY, evidence=evidence, **parent_ground)
    assert [e.kind for e in entry.evidence.all()] == [EvidenceKind.ID_CARD_RELATION]


def test_badge_25_organisation_vehicle_with_tariff_06_refused(clerk):
    person = DisabledPersonFactory()
    vehicle = VehicleFactory(
        owner=("580000000", OwnerKind.ORGANISATION), restrictions=["60"], tariff_code="06"
    )
    with pytest.raises(ValidationError, match="06"):
        add(clerk, person, vehicle, VehicleGround.ORGANISATION)
    vehicle.tariff_code = "18"
    vehicle.save()
    assert (
        add(clerk, person, vehicle, VehicleGround.ORGANISATION).ground == VehicleGround.ORGANISATION
    )


def test_badge_30_one_collector_vehicle_with_06_and_the_restriction(clerk):
    person = DisabledPersonFactory()

    def collector():
        vehicle = VehicleFactory(owner=person.national_id, is_collector=True, tariff_code="06")
        VehicleRestriction.objects.create(
            vehicle=vehicle, free_text=rules.COLLECTOR_RESTRICTION_TEXT, recorded_on=TODAY
        )
        return vehicle

    bare = VehicleFactory(owner=person.national_id, is_collector=True, tariff_code="06")
    with pytest.raises(ValidationError, match="free-text"):
        add(clerk, person, bare)
    add(clerk, person, collector())
    with pytest.raises(ValidationError, match="collector"):
        add(clerk, person, collector())


def test_badge_27_taxi_goes_on_the_badge_with_the_agreement(clerk):
    person = DisabledPersonFactory()
    taxi = VehicleFactory(owner=person.national_id, vehicle_type=VehicleType.TAXI)
    entry = add(
        clerk,
        person,
        taxi,
        VehicleGround.TAXI,
        evidence=[services.EvidenceItem(kind=EvidenceKind.TAXI_RIGHT_AGREEMENT)],
    )
    assert not rules.gives_reduced_fee(entry.ground)


def test_badge_14_every_print_voids_the_previous_badge(holder_with_vehicle, print_badge):
    first = print_badge(holder_with_vehicle)
    second = print_badge(
        holder_with_vehicle, reason=BadgeReason.LOST, reason_note="אבד ברחוב", today=D(2026, 6, 3)
    )
    first.refresh_from_db()
    assert first.status == BadgeStatus.SUPERSEDED
    assert first.superseded_by == second
    assert second.status == BadgeStatus.ORDERED
    assert AuditEvent.objects.filter(action="badge voided by a new print").count() == 1


@pytest.mark.parametrize(
    "reason",
    [
        r.value
        for r in BadgeReason
        if r.value in ("lost", "stolen", "damaged", "vehicle_replaced", "ownership_changed")
    ],
)
def test_badge_14_replacement_needs_a_current_badge_and_a_reason(
    holder_with_vehicle, print_badge, reason
):
    with pytest.raises(ValidationError, match="no current badge"):
        print_badge(holder_with_vehicle, reason=reason, reason_note="x")
    print_badge(holder_with_vehicle)
    with pytest.raises(ValidationError, match="Describe"):
        print_badge(holder_with_vehicle, reason=reason)
    replaced = print_badge(holder_with_vehicle, reason=reason, reason_note="פרטים")
    assert replaced.reason == reason


def test_badge_14_only_one_current_badge_per_holder_in_the_database(
    holder_with_vehicle, print_badge
):
    from django.db import IntegrityError, transaction

    badge = print_badge(holder_with_vehicle)
    duplicate = Badge(
        person=holder_with_vehicle,
        approval=badge.approval,
        reason=BadgeReason.NEW,
        issued_on=TODAY,
        valid_until=badge.valid_until,
        holder_name="x",
        holder_national_id=holder_with_vehicle.national_id,
        vehicle_number_1="1234567",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_badge_15_new_badge_valid_8_years_capped_by_approval(clerk, print_badge):
    entry = BadgeVehicleFactory()
    ApprovalFactory(person=entry.person, valid_until=D(2029, 12, 31))
    assert print_badge(entry.person).valid_until == D(2029, 12, 31)
    other = BadgeVehicleFactory()
    ApprovalFactory(person=other.person)
    assert print_badge(other.person).valid_until == D(2034, 6, 1)


def test_badge_13_minor_with_two_vehicles_gets_two_copies(print_badge):
    entry = BadgeVehicleFactory(person=DisabledPersonFactory(born_on=D(2015, 1, 1)))
    BadgeVehicleFactory(person=entry.person)
    ApprovalFactory(person=entry.person)
    assert print_badge(entry.person).copies == 2  # Decision: two vehicles, a copy for each


def test_badge_13_guardians_marked_when_printing_gives_two_copies(print_badge):
    entry = BadgeVehicleFactory(person=DisabledPersonFactory(has_guardian_of_person=True))
    ApprovalFactory(person=entry.person)
    assert print_badge(entry.person).copies == 1
    assert (
        print_badge(
            entry.person, reason=BadgeReason.VEHICLES_CHANGED, owners_are_guardians=True
        ).copies
        == 2
    )


def test_badge_16_no_print_after_the_badge_expired(print_badge):
    entry = BadgeVehicleFactory()
    ApprovalFactory(person=entry.person, valid_until=D(2026, 12, 31))
    badge = print_badge(entry.person)
    assert badge.valid_until == D(2026, 12, 31)
    with pytest.raises(ValidationError):
        print_badge(entry.person, reason=BadgeReason.LOST, reason_note="x", today=D(2027, 1, 5))


def test_badge_16_a_new_approval_allows_a_new_badge(print_badge):
    entry = BadgeVehicleFactory()
    ApprovalFactory(person=entry.person, valid_until=D(2026, 12, 31))
    print_badge(entry.person)
    ApprovalFactory(person=entry.person, approved_on=D(2027, 2, 1), valid_from=D(2027, 2, 1))
    assert print_badge(entry.person, today=D(2027, 2, 2)).valid_until == D(2035, 2, 2)


def test_badge_17_death_cancels_the_badge_and_stops_prints(clerk, holder_with_vehicle, print_badge):
    badge = print_badge(holder_with_vehicle)
    services.person_record_death(
        actor=clerk, person=holder_with_vehicle, died_on=D(2026, 7, 1), reason="מרשם האוכלוסין"
    )
    badge.refresh_from_db()
    assert badge.status == BadgeStatus.CANCELLED
    with pytest.raises(ValidationError, match="died"):
        print_badge(holder_with_vehicle, today=D(2026, 7, 2))
    assert services.badges_renew_due(today=D(2034, 5, 1)) == 0


def test_badge_52_automatic_renewal_ahead_of_expiry(holder_with_vehicle, print_badge):
    old = print_badge(holder_with_vehicle)
    assert services.badges_renew_due(today=D(2034, 1, 1)) == 0, "not yet in the lead time"
    assert services.badges_renew_due(today=D(2034, 5, 1)) == 1
    old.refresh_from_db()
    assert old.status == BadgeStatus.SUPERSEDED
    new = old.superseded_by
    assert new.reason == BadgeReason.RENEWAL and new.ordered_by is None
    assert new.valid_until == D(2042, 5, 1)
    assert services.badges_renew_due(today=D(2034, 5, 2)) == 0, "renewed once"


def test_badge_52_no_renewal_when_the_approval_ends_with_the_badge(print_badge):
    entry = BadgeVehicleFactory()
    ApprovalFactory(person=entry.person, valid_until=D(2027, 1, 1))
    print_badge(entry.person)
    assert services.badges_renew_due(today=D(2026, 12, 1)) == 0


def test_badge_47_new_vehicle_reported_by_an_importer_joins_the_badge(
    holder_with_vehicle, print_badge
):
    print_badge(holder_with_vehicle)
    day = D(2026, 6, 10)
    vehicle = VehicleFactory(
        owner=holder_with_vehicle.national_id,
        registered_on=day,
        manufactured_on=D(2026, 5, 1),
        reported_disabled_national_id=holder_with_vehicle.national_id,
    )
    VehicleFactory(registered_on=day)  # not a disabled buyer's
    assert services.new_vehicles_add_to_badges(day=day) == 1
    entry = BadgeVehicle.objects.get(vehicle=vehicle)
    assert entry.source == VehicleSource.DAILY_NEW_VEHICLES
    badge = Badge.objects.get(person=holder_with_vehicle, status=BadgeStatus.ORDERED)
    assert vehicle.number in badge.vehicle_numbers and badge.reason == BadgeReason.NEW_VEHICLE
    assert services.new_vehicles_add_to_badges(day=day) == 0, "added once"


def test_badge_29_47_an_old_vehicle_is_left_for_a_clerk(holder_with_vehicle, print_badge):
    print_badge(holder_with_vehicle)
    day = D(2026, 6, 10)
    VehicleFactory(
        owner=holder_with_vehicle.national_id,
        registered_on=day,
        manufactured_on=D(2024, 12, 1),
        reported_disabled_national_id=holder_with_vehicle.national_id,
    )
    assert services.new_vehicles_add_to_badges(day=day) == 0
    assert AuditEvent.objects.filter(action="new vehicle not added to the badge").exists()


def test_badge_47_full_badge_is_left_for_the_holder_to_report(
    clerk, holder_with_vehicle, print_badge
):
    add(clerk, holder_with_vehicle, VehicleFactory(owner=holder_with_vehicle.national_id))
    print_badge(holder_with_vehicle)
    day = D(2026, 6, 10)
    VehicleFactory(
        owner=holder_with_vehicle.national_id,
        registered_on=day,
        manufactured_on=D(2026, 5, 1),
        reported_disabled_national_id=holder_with_vehicle.national_id,
    )
    assert services.new_vehicles_add_to_badges(day=day) == 0
    assert AuditEvent.objects.filter(action="new vehicle not added to the badge").exists()


def test_clerk_adds_a_vehicle_and_prints_through_the_holder_page(client_as, holder_with_vehicle):
    client = client_as(Role.LICENSING_CLERK)
    vehicle = VehicleFactory(owner=holder_with_vehicle.national_id)
    url = reverse("parking_badges:holder", args=[holder_with_vehicle.pk])
    client.post(
        reverse("parking_badges:holder_add_vehicle", args=[holder_with_vehicle.pk]),
        {"vehicle_number": vehicle.number, "ground": "owner"},
    )
    client.post(
        reverse("parking_badges:holder_print", args=[holder_with_vehicle.pk]),
        {"reason": "new", "confirmed": "yes"},
    )
    badge = Badge.objects.get(person=holder_with_vehicle)
    assert vehicle.number in badge.vehicle_numbers
    page = client.get(url).content.decode()
    assert badge.number in page


def test_unknown_vehicle_number_gets_a_clear_message(client_as, holder_with_vehicle):
    client = client_as(Role.LICENSING_CLERK)
    response = client.post(
        reverse("parking_badges:holder_add_vehicle", args=[holder_with_vehicle.pk]),
        {"vehicle_number": "99999999", "ground": "owner"},
        follow=True,
    )
    assert (
        "There is no vehicle with this number" in response.content.decode()
        or "אין רכב" in response.content.decode()
    )


def test_daily_job_commands_for_new_vehicles_and_renewals(holder_with_vehicle, print_badge):
    from io import StringIO

    from django.core.management import call_command

    print_badge(holder_with_vehicle)
    out = StringIO()
    call_command("badge_renewals", "--date", "2034-05-01", stdout=out)
    assert out.getvalue().startswith("1 ")
    call_command("badge_new_vehicles", "--date", "2034-05-01", stdout=out)
    assert "0 vehicles" in out.getvalue()


def test_daily_jobs_are_scheduled():
    from django.conf import settings

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "parking_badges.tasks.add_new_vehicles_to_badges",
        "parking_badges.tasks.renew_expiring_badges",
        "parking_badges.tasks.build_print_file",
    } <= tasks


def test_badge_17_returned_badge_recorded_from_the_holder_page(
    client_as, holder_with_vehicle, print_badge
):
    badge = print_badge(holder_with_vehicle)
    client = client_as(Role.LICENSING_CLERK)
    services.person_record_death(
        actor=client.user, person=holder_with_vehicle, died_on=D(2026, 7, 1), reason="x"
    )
    assert (
        "holder_badge_returned"
        not in client.get(
            reverse("parking_badges:holder", args=[holder_with_vehicle.pk])
        ).content.decode()
    )
    client.post(
        reverse("parking_badges:holder_badge_returned", args=[holder_with_vehicle.pk, badge.pk]),
        {"returned_on": "2026-07-10"},
    )
    badge.refresh_from_db()
    assert badge.returned_on == D(2026, 7, 10)


def test_badge_21_scanned_evidence_kept_and_shown_to_clerks_only(client, make_user):
    from .factories import pdf

    person = DisabledPersonFactory()
    employer = "513456781"
    vehicle = VehicleFactory(owner=(employer, OwnerKind.COMPANY))
    entry = add(
        make_user(Role.MOBILITY_CLERK),
        person,
        vehicle,
        VehicleGround.EMPLOYER,
        owner_national_id=employer,
        evidence=[
            services.EvidenceItem(kind=EvidenceKind.EMPLOYER_LETTER, document=pdf("letter.pdf"))
        ],
    )
    url = reverse("parking_badges:evidence", args=[entry.evidence.get().pk])
    client.force_login(make_user(Role.LICENSING_CLERK))
    assert client.get(url).status_code == 200
    client.force_login(make_user(Role.INSPECTOR))
    assert client.get(url).status_code == 403
