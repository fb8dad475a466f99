"""Rules without a test of their own elsewhere: the procedure's purpose (BADGE-1, BADGE-2),
its definitions (BADGE-3, BADGE-4), the expected times (BADGE-18), the long-term rental and
kibbutz grounds (BADGE-23, BADGE-24) and who a refund is decided on (BADGE-38)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from parking_badges import rules, services
from parking_badges.models import (
    ApprovalSource,
    BadgeReason,
    EligibilityGround,
    EvidenceKind,
    OwnerKind,
    VehicleGround,
)
from parking_badges.personal_area import badge_section
from taxportal.roles import Role

from .factories import (
    TODAY,
    ApplicationFactory,
    ApprovalFactory,
    BadgeVehicleFactory,
    Holder,
    VehicleFactory,
    pdf,
    valid_id,
)
from .test_applications import details
from .test_rules import claim, facts

pytestmark = pytest.mark.django_db
D = datetime.date
CHECK_URL = "/api/badges/check/"


def receive(clerk, **changes):
    fields = {
        "actor": clerk,
        "details": details(),
        "source": ApprovalSource.DEPARTMENT_DOCTOR,
        "ground": EligibilityGround.LEGS,
        "material_received_on": TODAY,
        "documents": [pdf()],
        **changes,
    }
    return services.application_receive(**fields)


# --- BADGE-1: the Licensing Division decides eligibility, reduced fees and refunds ---------


@pytest.mark.parametrize(
    "role", [Role.CITIZEN, Role.CALL_CENTRE_AGENT, Role.INSPECTOR, Role.IMPORTER_CLERK]
)
def test_badge_1_only_the_licensing_division_decides(client_as, role):
    holder = Holder()
    refund = services.refund_request_record(
        person=holder.person, vehicle=holder.vehicle, kind="owner", owner_relation="self",
        requested_on=D(2026, 2, 1), approving_body=ApprovalSource.DEPARTMENT_DOCTOR,
        approval_date=D(2025, 7, 2), ownership_date=D(2022, 1, 1), actor=None,
    )  # fmt: skip
    application = ApplicationFactory(person=holder.person, status="with_doctor")
    client = client_as(role)
    decisions = [
        reverse("parking_badges:doctor_decide", args=[application.pk]),
        reverse("parking_badges:refund_approve", args=[refund.pk]),
        reverse("parking_badges:fee_exemption", args=[holder.vehicle.number]),
    ]
    for url in decisions:
        assert client.post(url, {}).status_code == 403, url
    refund.refresh_from_db()
    application.refresh_from_db()
    assert (refund.status, application.status) == ("open", "with_doctor")


# --- BADGE-2: forged badges: a badge no print matches is not valid --------------------------


def test_badge_2_a_forged_badge_is_told_apart(client_as, print_badge):
    entry = BadgeVehicleFactory()
    ApprovalFactory(person=entry.person)
    print_badge(entry.person, today=datetime.date.today())
    inspector = client_as(Role.INSPECTOR)
    forged_date = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    forged = inspector.get(CHECK_URL, {"vehicle": entry.vehicle.number, "printed_on": forged_date})
    assert forged.json()["valid"] is False
    genuine = inspector.get(CHECK_URL, {"vehicle": entry.vehicle.number}).json()
    assert genuine["valid"] is True and forged.json()["reason"] != genuine["reason"]
    never = inspector.get(CHECK_URL, {"vehicle": "9999999"}).json()
    assert never["valid"] is False


# --- BADGE-3: who is disabled for a badge ------------------------------------------------


def test_badge_3_the_four_eligibility_grounds():
    assert set(EligibilityGround.values) == {"blind", "disability_60", "wheelchair", "legs"}
    for ground in EligibilityGround.values:
        assert rules.application_problems(ground=ground, source="department_doctor") == []
    assert rules.application_problems(ground="tired", source="department_doctor")


def test_badge_3_the_60_percent_ground_needs_sixty_percent():
    sixty = EligibilityGround.DISABILITY_60
    assert (
        rules.application_problems(ground=sixty, source="ministry_of_health", disability_percent=60)
        == []
    )
    assert rules.application_problems(
        ground=sixty, source="ministry_of_health", disability_percent=59
    )
    assert (
        rules.application_problems(
            ground=EligibilityGround.BLIND, source="ministry_of_health", disability_percent=10
        )
        == []
    )


def test_badge_3_application_outside_the_grounds_refused_with_a_message(clerk):
    with pytest.raises(ValidationError, match="Choose an eligibility ground"):
        receive(clerk, ground="tired")


def test_badge_3_health_ministry_approval_below_sixty_percent_refused(clerk):
    application = receive(
        clerk, source=ApprovalSource.MINISTRY_OF_HEALTH, ground=EligibilityGround.DISABILITY_60
    )
    with pytest.raises(ValidationError, match="at least 60%"):
        services.application_record_health_ministry_approval(
            actor=clerk, application=application, approved_on=TODAY, valid_until=None,
            reference="MOH-1", disability_percent=40,
        )  # fmt: skip
    approval = services.application_record_health_ministry_approval(
        actor=clerk, application=application, approved_on=TODAY, valid_until=None,
        reference="MOH-1", disability_percent=75,
    )  # fmt: skip
    assert approval.ground == EligibilityGround.DISABILITY_60


def test_badge_6_approval_sources_are_the_listed_bodies(clerk):
    assert {
        "department_doctor", "ministry_of_health", "national_insurance",
        "ministry_of_defence", "ministry_of_finance",
    } <= set(ApprovalSource.values)  # fmt: skip
    with pytest.raises(ValidationError, match="Choose who approved"):
        receive(clerk, source="a_friend")


# --- BADGE-4: a qualifying vehicle is permanently at the holder's personal use --------------


def test_badge_4_a_stranger_vehicle_qualifies_only_on_a_proved_ground(clerk):
    person = BadgeVehicleFactory().person
    stranger = valid_id(900)
    vehicle = VehicleFactory(owner=stranger)
    with pytest.raises(ValidationError, match="not registered to the holder"):
        services.badge_vehicle_add(
            actor=clerk, person=person, vehicle=vehicle, ground=VehicleGround.OWNER, on=TODAY
        )
    with pytest.raises(ValidationError, match="Missing evidence"):
        services.badge_vehicle_add(
            actor=clerk, person=person, vehicle=vehicle, ground=VehicleGround.OTHER_DRIVER,
            owner_national_id=stranger, on=TODAY,
        )  # fmt: skip
    entry = services.badge_vehicle_add(
        actor=clerk, person=person, vehicle=vehicle, ground=VehicleGround.OTHER_DRIVER,
        owner_national_id=stranger, on=TODAY,
        evidence=[services.EvidenceItem(kind=EvidenceKind.DRIVER_DECLARATION)],
    )  # fmt: skip
    assert entry.ground == VehicleGround.OTHER_DRIVER


# --- BADGE-18: expected times shown to the citizen -----------------------------------------


def test_badge_18_expected_arrival_dates():
    approved, ordered = D(2026, 6, 1), D(2026, 6, 3)
    new = rules.expected_badge_arrival(
        reason=BadgeReason.NEW, requested_on=ordered, approved_on=approved
    )
    assert new == D(2026, 6, 15), "about two weeks from the doctor's approval"
    late = rules.expected_badge_arrival(
        reason=BadgeReason.NEW, requested_on=D(2026, 7, 1), approved_on=approved
    )
    assert late == D(2026, 7, 15)
    for reason in (BadgeReason.LOST, BadgeReason.VEHICLE_REPLACED, BadgeReason.STOLEN):
        assert rules.expected_badge_arrival(
            reason=reason, requested_on=ordered, approved_on=approved
        ) == D(2026, 6, 10)


def test_badge_18_citizen_sees_when_the_badge_should_arrive(
    make_user, print_badge, holder_with_vehicle
):
    from django.template.loader import render_to_string

    print_badge(holder_with_vehicle, reason=BadgeReason.NEW, today=D(2026, 1, 5))
    citizen = make_user(Role.CITIZEN, national_id=holder_with_vehicle.national_id)
    section = badge_section(citizen, "low")
    # approved on 1 January (the factory): about two weeks later
    assert section.context["status"].badge_expected_on == D(2026, 1, 15)
    assert "15/01/2026" in render_to_string(section.template, section.context)


# --- BADGE-23, BADGE-24: long-term rental and kibbutz vehicles -------------------------------


def test_badge_23_long_term_rental_needs_the_rental_company_letter():
    rented = facts(
        owner_ids=frozenset({"513456781"}), owner_kinds=frozenset({OwnerKind.RENTAL_COMPANY})
    )
    assert rules.ground_problems(claim(VehicleGround.LONG_TERM_RENTAL), rented)
    assert (
        rules.ground_problems(
            claim(VehicleGround.LONG_TERM_RENTAL, EvidenceKind.RENTAL_COMPANY_LETTER), rented
        )
        == []
    )
    leased = facts(
        owner_ids=frozenset({"513456781"}), owner_kinds=frozenset({OwnerKind.LEASING_COMPANY})
    )
    assert rules.ground_problems(
        claim(VehicleGround.LONG_TERM_RENTAL, EvidenceKind.RENTAL_COMPANY_LETTER), leased
    ), "the register must show a rental company"


def test_badge_24_kibbutz_vehicle_needs_the_secretariat_confirmation():
    kibbutz = facts(owner_ids=frozenset({"570000018"}), owner_kinds=frozenset({OwnerKind.KIBBUTZ}))
    assert rules.ground_problems(claim(VehicleGround.KIBBUTZ), kibbutz)
    assert (
        rules.ground_problems(
            claim(VehicleGround.KIBBUTZ, EvidenceKind.KIBBUTZ_CONFIRMATION), kibbutz
        )
        == []
    )
    private = facts()
    assert rules.ground_problems(
        claim(VehicleGround.KIBBUTZ, EvidenceKind.KIBBUTZ_CONFIRMATION), private
    )


# --- BADGE-38: whose determination a refund is decided on ----------------------------------


def test_badge_38_refund_decided_on_the_listed_bodies_only():
    assert set(rules.REFUND_DETERMINING_BODIES) == {
        "department_doctor", "ministry_of_health", "ministry_of_labour",
        "ministry_of_defence", "ministry_of_finance",
    }  # fmt: skip
    assert rules.refund_body_problem("ministry_of_labour") == ""
    assert "Ministry of Labour" in rules.refund_body_problem("national_insurance")


def test_badge_38_refund_on_another_body_refused_with_a_message():
    holder = Holder()
    with pytest.raises(ValidationError, match="A refund is decided on the determination of"):
        services.refund_request_record(
            person=holder.person, vehicle=holder.vehicle, kind="owner", owner_relation="self",
            requested_on=D(2026, 2, 1), approving_body=ApprovalSource.NATIONAL_INSURANCE,
            approval_date=D(2025, 7, 2), ownership_date=D(2022, 1, 1), actor=None,
        )  # fmt: skip
    assert not holder.person.refunds.exists()
