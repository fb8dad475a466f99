"""The procedure's pure rules, by rule number. No database."""

import datetime
from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from parking_badges import rules
from parking_badges.models import (
    BadgeStatus,
    EvidenceKind,
    FamilyRelation,
    OwnerKind,
    VehicleGround,
    VehicleType,
)

HOLDER = "100079193"
OTHER = "302466339"
D = datetime.date


def facts(**overrides) -> rules.VehicleFacts:
    values = {
        "vehicle_type": VehicleType.PRIVATE_CAR,
        "tariff_code": "01",
        "owner_ids": frozenset({HOLDER}),
        "owner_kinds": frozenset({OwnerKind.INDIVIDUAL}),
    }
    values.update(overrides)
    return rules.VehicleFacts(**values)


def claim(ground, *evidence, relation="", owner_id="") -> rules.GroundClaim:
    return rules.GroundClaim(
        ground=ground,
        holder_id=HOLDER,
        evidence=frozenset(evidence),
        relation=relation,
        owner_id=owner_id,
    )


dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2060, 12, 31))


# BADGE-8 ---------------------------------------------------------------------------------


def test_badge_8_days_left_of_the_90_and_overdue_flag():
    received = D(2026, 1, 1)
    assert rules.answer_due_on(received) == D(2026, 4, 1)
    assert rules.days_left(received, D(2026, 1, 1)) == 90
    assert not rules.is_overdue(received, D(2026, 4, 1))
    assert rules.is_overdue(received, D(2026, 4, 2))
    assert rules.days_left(received, D(2026, 4, 11)) == -10


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (D(2026, 1, 1), D(2026, 4, 1)),  # 30 (to 31 Jan) + 28 + 31 + 1 = 90 -> 1 April
        (D(2024, 1, 1), D(2024, 3, 31)),  # leap year: 30 (to 31 Jan) + 29 + 31 = 90 -> 31 March
        (D(2025, 11, 15), D(2026, 2, 13)),  # 15 (to 30 Nov) + 31 + 31 + 13 = 90 -> 13 Feb
    ],
)
def test_badge_8_due_on_the_90th_day_then_overdue(received, due):
    assert rules.answer_due_on(received) == due
    assert rules.days_left(received, due) == 0 and not rules.is_overdue(received, due)
    after = due + timedelta(days=1)
    assert rules.days_left(received, after) == -1 and rules.is_overdue(received, after)


@given(received=dates, today=dates)
def test_badge_8_overdue_exactly_after_the_90th_day(received, today):
    assert rules.is_overdue(received, today) == (today > received + timedelta(days=90))


# BADGE-13 --------------------------------------------------------------------------------


def test_badge_13_minor_gets_two_copies_only_with_two_vehicles():
    # Decision: born 1 January 2015, on 1 January 2026 aged 11: one vehicle one copy, two two.
    args = {"born_on": D(2015, 1, 1), "on": D(2026, 1, 1), "has_guardian": False}
    assert rules.copies_to_print(vehicle_count=1, owners_are_guardians=False, **args) == 1
    assert rules.copies_to_print(vehicle_count=2, owners_are_guardians=False, **args) == 2


def test_badge_13_two_copies_when_owners_marked_as_guardians():
    adult = D(1980, 1, 1)
    today = D(2026, 1, 1)
    assert (
        rules.copies_to_print(
            born_on=adult, on=today, vehicle_count=1, has_guardian=True, owners_are_guardians=True
        )
        == 2
    )
    assert (
        rules.copies_to_print(
            born_on=adult, on=today, vehicle_count=1, has_guardian=True, owners_are_guardians=False
        )
        == 1
    )
    assert (
        rules.copies_to_print(
            born_on=adult, on=today, vehicle_count=1, has_guardian=False, owners_are_guardians=True
        )
        == 1
    )


def test_badge_13_one_copy_from_the_eighteenth_birthday():
    born = D(2008, 3, 10)
    args = {"vehicle_count": 2, "has_guardian": False, "owners_are_guardians": False}
    assert rules.copies_to_print(born_on=born, on=D(2026, 3, 9), **args) == 2
    assert rules.copies_to_print(born_on=born, on=D(2026, 3, 10), **args) == 1


# BADGE-15 --------------------------------------------------------------------------------


def test_badge_15_eight_years_even_when_permanent():
    assert rules.badge_valid_until(D(2026, 2, 28), None) == D(2034, 2, 28)


def test_badge_15_capped_by_the_approval_end():
    assert rules.badge_valid_until(D(2026, 1, 1), D(2029, 6, 30)) == D(2029, 6, 30)
    assert rules.badge_valid_until(D(2026, 1, 1), D(2040, 1, 1)) == D(2034, 1, 1)


@given(issued=dates, approval_end=st.one_of(st.none(), dates))
def test_badge_15_never_longer_than_eight_years_nor_the_approval(issued, approval_end):
    until = rules.badge_valid_until(issued, approval_end)
    assert until <= issued + relativedelta(years=8)
    if approval_end is not None:
        assert until <= approval_end


# BADGE-16, BADGE-17, BADGE-5: when a badge may be printed ---------------------------------


def context(**overrides) -> rules.PrintContext:
    values = {
        "today": D(2026, 6, 1),
        "died_on": None,
        "approval_valid_from": D(2026, 1, 1),
        "approval_valid_until": None,
        "approval_approved_on": D(2026, 1, 1),
        "vehicle_count": 1,
    }
    values.update(overrides)
    return rules.PrintContext(**values)


def test_badge_printable_with_approval_and_a_vehicle():
    assert rules.print_refusals(context()) == []


def test_badge_16_no_print_once_the_badge_expired():
    expired = context(
        last_badge_valid_until=D(2026, 5, 1),
        last_badge_status=BadgeStatus.SENT_TO_PRINT,
        approval_valid_until=D(2026, 5, 1),
    )
    assert any("expired" in r or "ended" in r for r in rules.print_refusals(expired))


def test_badge_16_a_new_approval_after_expiry_allows_a_print():
    renewed = context(
        last_badge_valid_until=D(2026, 5, 1),
        last_badge_status=BadgeStatus.SENT_TO_PRINT,
        approval_approved_on=D(2026, 5, 20),
        approval_valid_from=D(2026, 5, 20),
    )
    assert rules.print_refusals(renewed) == []


def test_badge_17_no_print_after_death():
    assert rules.print_refusals(context(died_on=D(2026, 5, 1)))


def test_badge_5_at_most_two_vehicles():
    assert rules.vehicle_count_problem(1) == ""
    assert rules.vehicle_count_problem(2) != ""
    assert rules.print_refusals(context(vehicle_count=3))
    assert rules.print_refusals(context(vehicle_count=0))


# BADGE-19 to BADGE-28: every ground and its evidence -------------------------------------


def test_badge_19_owner_needs_no_documents_but_must_be_an_owner():
    assert rules.ground_problems(claim(VehicleGround.OWNER), facts()) == []
    assert rules.ground_problems(claim(VehicleGround.OWNER), facts(owner_ids=frozenset({OTHER})))


def test_badge_19_also_with_other_owners():
    shared = facts(owner_ids=frozenset({HOLDER, OTHER}))
    assert rules.ground_problems(claim(VehicleGround.OWNER), shared) == []


@pytest.mark.parametrize(
    ("relation", "evidence", "ok"),
    [
        (FamilyRelation.SPOUSE, EvidenceKind.ID_CARD_RELATION, True),
        (FamilyRelation.PARTNER, EvidenceKind.PARTNER_PROOF, True),
        (FamilyRelation.PARENT, EvidenceKind.ID_CARD_RELATION, True),
        (FamilyRelation.CHILD, EvidenceKind.ID_CARD_RELATION, True),
        (FamilyRelation.PARENT, EvidenceKind.PARTNER_PROOF, False),
        (FamilyRelation.CHILD, EvidenceKind.EMPLOYER_LETTER, False),
    ],
)
def test_badge_20_family_member_with_id_card_or_partner_proof(relation, evidence, ok):
    family = facts(owner_ids=frozenset({OTHER}))
    problems = rules.ground_problems(
        claim(VehicleGround.FAMILY, evidence, relation=relation, owner_id=OTHER), family
    )
    assert (problems == []) is ok


def test_badge_20_family_owner_must_be_a_registered_owner():
    problems = rules.ground_problems(
        claim(
            VehicleGround.FAMILY,
            EvidenceKind.ID_CARD_RELATION,
            relation=FamilyRelation.PARENT,
            owner_id=OTHER,
        ),
        facts(),
    )
    assert any("not a registered owner" in str(p) for p in problems)


def test_badge_21_employer_letter_and_relation_proof_for_a_relative():
    company = facts(owner_ids=frozenset({"513456781"}), owner_kinds=frozenset({OwnerKind.COMPANY}))
    base = {"owner_id": "513456781"}
    assert rules.ground_problems(claim(VehicleGround.EMPLOYER, **base), company)
    assert (
        rules.ground_problems(
            claim(VehicleGround.EMPLOYER, EvidenceKind.EMPLOYER_LETTER, **base), company
        )
        == []
    )
    relative = claim(
        VehicleGround.EMPLOYER, EvidenceKind.EMPLOYER_LETTER, relation=FamilyRelation.SPOUSE, **base
    )
    assert rules.ground_problems(relative, company)
    relative_proved = claim(
        VehicleGround.EMPLOYER,
        EvidenceKind.EMPLOYER_LETTER,
        EvidenceKind.ID_CARD_RELATION,
        relation=FamilyRelation.SPOUSE,
        **base,
    )
    assert rules.ground_problems(relative_proved, company) == []


@pytest.mark.parametrize(
    ("ground", "kind", "evidence"),
    [
        (VehicleGround.LEASING, OwnerKind.LEASING_COMPANY, EvidenceKind.LEASING_LETTER),  # 22
        (
            VehicleGround.LONG_TERM_RENTAL,
            OwnerKind.RENTAL_COMPANY,
            EvidenceKind.RENTAL_COMPANY_LETTER,
        ),  # 23
        (VehicleGround.KIBBUTZ, OwnerKind.KIBBUTZ, EvidenceKind.KIBBUTZ_CONFIRMATION),  # 24
        (VehicleGround.RENTAL, OwnerKind.RENTAL_COMPANY, EvidenceKind.RENTAL_CONTRACT),  # 28
    ],
)
def test_badge_22_23_24_28_company_owned_grounds_need_their_letter(ground, kind, evidence):
    vehicle = facts(owner_ids=frozenset({"513456781"}), owner_kinds=frozenset({kind}))
    assert rules.ground_problems(claim(ground), vehicle)
    assert rules.ground_problems(claim(ground, evidence), vehicle) == []
    wrong_owner = facts(owner_ids=frozenset({OTHER}))
    assert rules.ground_problems(claim(ground, evidence), wrong_owner)


def organisation(**overrides):
    values = {
        "owner_ids": frozenset({"580000000"}),
        "owner_kinds": frozenset({OwnerKind.ORGANISATION}),
    }
    values.update(overrides)
    return facts(**values)


@pytest.mark.parametrize("code", ["60", "61", "62"])
def test_badge_25_adapted_organisation_vehicle_needs_no_affidavit(code):
    vehicle = organisation(restriction_codes=frozenset({code}))
    assert rules.ground_problems(claim(VehicleGround.ORGANISATION), vehicle) == []


def test_badge_25_unadapted_vehicle_needs_76_registrar_and_affidavit():
    needs_76 = organisation()
    full = claim(
        VehicleGround.ORGANISATION,
        EvidenceKind.REGISTRAR_CONFIRMATION,
        EvidenceKind.ORGANISATION_AFFIDAVIT,
    )
    assert any("76" in str(p) for p in rules.ground_problems(full, needs_76))
    with_76 = organisation(restriction_codes=frozenset({"76"}))
    assert rules.ground_problems(full, with_76) == []
    missing = claim(VehicleGround.ORGANISATION, EvidenceKind.REGISTRAR_CONFIRMATION)
    assert rules.ground_problems(missing, with_76)


def test_badge_25_raised_box_lorry_239_needs_no_restriction():
    lorry = organisation(vehicle_type=VehicleType.RAISED_BOX_LORRY)
    assert rules.ground_problems(claim(VehicleGround.ORGANISATION), lorry) == []


def test_badge_25_organisation_tariff_06_forbidden_18_allowed():
    adapted = {"restriction_codes": frozenset({"60"})}
    problems = rules.ground_problems(
        claim(VehicleGround.ORGANISATION), organisation(tariff_code="06", **adapted)
    )
    assert any("06" in str(p) for p in problems)
    assert (
        rules.ground_problems(
            claim(VehicleGround.ORGANISATION), organisation(tariff_code="18", **adapted)
        )
        == []
    )


def test_badge_26_other_driver_declaration_before_a_lawyer():
    vehicle = facts(owner_ids=frozenset({OTHER}))
    assert rules.ground_problems(claim(VehicleGround.OTHER_DRIVER, owner_id=OTHER), vehicle)
    ok = claim(VehicleGround.OTHER_DRIVER, EvidenceKind.DRIVER_DECLARATION, owner_id=OTHER)
    assert rules.ground_problems(ok, vehicle) == []


def test_badge_27_taxi_owned_by_the_holder_with_the_right_holders_agreement():
    taxi = facts(vehicle_type=VehicleType.TAXI)
    assert rules.ground_problems(claim(VehicleGround.TAXI), taxi)
    assert (
        rules.ground_problems(claim(VehicleGround.TAXI, EvidenceKind.TAXI_RIGHT_AGREEMENT), taxi)
        == []
    )
    assert rules.ground_problems(
        claim(VehicleGround.TAXI, EvidenceKind.TAXI_RIGHT_AGREEMENT), facts()
    ), "a private car is not a taxi"


def test_badge_27_28_taxis_and_rentals_give_no_reduced_fee():
    assert not rules.gives_reduced_fee(VehicleGround.TAXI)
    assert not rules.gives_reduced_fee(VehicleGround.RENTAL)
    for ground in set(VehicleGround) - {VehicleGround.TAXI, VehicleGround.RENTAL}:
        assert rules.gives_reduced_fee(ground)


def test_inactive_vehicle_never_goes_on_a_badge():
    assert rules.ground_problems(claim(VehicleGround.OWNER), facts(is_active=False))


# BADGE-29, BADGE-30 ------------------------------------------------------------------------


def test_badge_29_new_vehicle_within_18_months_of_manufacture():
    made = D(2025, 1, 15)
    assert rules.within_new_vehicle_window(made, D(2026, 7, 14))
    assert not rules.within_new_vehicle_window(made, D(2026, 7, 15))
    assert not rules.within_new_vehicle_window(None, D(2026, 1, 1))


def test_badge_30_collector_vehicle_with_tariff_06_and_the_free_text_restriction():
    collector = facts(is_collector=True, tariff_code="06")
    assert rules.ground_problems(claim(VehicleGround.OWNER), collector)
    ok = facts(
        is_collector=True,
        tariff_code="06",
        restriction_texts=frozenset({rules.COLLECTOR_RESTRICTION_TEXT}),
    )
    assert rules.ground_problems(claim(VehicleGround.OWNER), ok) == []
    assert rules.collector_count_problem(0) == ""
    assert rules.collector_count_problem(1) != ""


# BADGE-52 ---------------------------------------------------------------------------------


def test_badge_52_renewal_runs_ahead_of_expiry():
    today = D(2026, 6, 1)
    assert rules.renewal_due(valid_until=D(2026, 7, 1), today=today)
    assert not rules.renewal_due(valid_until=D(2027, 1, 1), today=today)
    assert not rules.renewal_due(valid_until=D(2026, 5, 31), today=today)


def test_badge_52_no_renewal_when_the_approval_ends_with_the_badge_or_after_death():
    until = D(2026, 7, 1)
    assert rules.renewal_possible(valid_until=until, approval_valid_until=None, died_on=None)
    assert not rules.renewal_possible(valid_until=until, approval_valid_until=until, died_on=None)
    assert not rules.renewal_possible(
        valid_until=until, approval_valid_until=None, died_on=D(2026, 1, 1)
    )


# BADGE-53 ---------------------------------------------------------------------------------


def snap(issued, until, status=BadgeStatus.SENT_TO_PRINT):
    return rules.BadgeSnapshot(issued_on=issued, valid_until=until, status=status)


def test_badge_53_replaced_badge_may_be_in_the_post_for_14_days():
    badges = [
        snap(D(2026, 1, 10), D(2034, 1, 10), BadgeStatus.SUPERSEDED),
        snap(D(2026, 5, 31), D(2034, 5, 31)),
    ]
    # Replaced on 31 May 2026: 14 June is the 14th day after (1 + 13), 15 June the 15th.
    for printed_on in (D(2026, 1, 10), D(2025, 12, 1)):
        last_day = rules.check_badge(badges, printed_on=printed_on, today=D(2026, 6, 14))
        assert not last_day.valid and "31/05/2026" in last_day.reason
        assert "post" in last_day.reason
        after = rules.check_badge(badges, printed_on=printed_on, today=D(2026, 6, 15))
        assert not after.valid and "post" not in after.reason


def test_badge_53_earlier_printed_date_than_the_latest_is_not_valid():
    badges = [
        snap(D(2025, 1, 1), D(2033, 1, 1), BadgeStatus.SUPERSEDED),
        snap(D(2026, 1, 1), D(2034, 1, 1)),
    ]
    today = D(2026, 6, 1)
    assert rules.check_badge(badges, printed_on=D(2026, 1, 1), today=today).valid
    old = rules.check_badge(badges, printed_on=D(2025, 1, 1), today=today)
    assert not old.valid and "newer" in old.reason
    assert not rules.check_badge(badges, printed_on=D(2024, 1, 1), today=today).valid
    assert rules.check_badge(badges, printed_on=None, today=today).valid


def test_badge_53_expired_cancelled_and_unknown():
    today = D(2026, 6, 1)
    assert not rules.check_badge([], printed_on=None, today=today).valid
    expired = rules.check_badge([snap(D(2018, 1, 1), D(2026, 1, 1))], printed_on=None, today=today)
    assert not expired.valid and "expired" in expired.reason
    cancelled = [snap(D(2025, 1, 1), D(2033, 1, 1), BadgeStatus.CANCELLED)]
    assert not rules.check_badge(cancelled, printed_on=None, today=today).valid


def test_badge_53_same_day_reprint_the_current_one_counts():
    today = D(2026, 6, 1)
    badges = [
        snap(D(2026, 6, 1), D(2034, 6, 1), BadgeStatus.SUPERSEDED),
        snap(D(2026, 6, 1), D(2034, 6, 1), BadgeStatus.ORDERED),
    ]
    assert rules.check_badge(badges, printed_on=D(2026, 6, 1), today=today).valid
