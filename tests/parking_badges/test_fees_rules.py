"""Pure rules of the reduced fee and the fee schedule (BADGE-31 to BADGE-33), no database."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parking_badges.models import VehicleType
from parking_badges.rules import (
    COMMERCIAL_WEIGHT_LIMIT_KG,
    QUALIFYING_VEHICLE_TYPES,
    FeeContext,
    IneligibleReason,
    NoFeeInForce,
    OwnerRelation,
    PaidPeriod,
    ScheduledFee,
    fee_difference,
    fee_in_force,
    importer_print_must_be_redone,
    reduced_fee_eligibility,
    refund_owner_eligible,
)

ELIGIBLE = {
    "vehicle_type": VehicleType.PRIVATE_CAR,
    "total_weight_kg": 1500,
    "owner_relation": OwnerRelation.SELF,
    "business_use": False,
}


def eligibility(**changes):
    return reduced_fee_eligibility(**{**ELIGIBLE, **changes})


@pytest.mark.parametrize(
    "vehicle_type",
    [
        VehicleType.PRIVATE_CAR,
        VehicleType.PRIVATE_DUAL_USE,
        VehicleType.COMMERCIAL,
        VehicleType.PRIVATE_MINIBUS,
        VehicleType.MOTORCYCLE,
    ],
)
def test_badge_31_qualifying_vehicle_types(vehicle_type):
    assert vehicle_type in QUALIFYING_VEHICLE_TYPES
    assert eligibility(vehicle_type=vehicle_type).eligible


def test_badge_31_qualifying_types_are_register_types():
    assert set(VehicleType.values) >= QUALIFYING_VEHICLE_TYPES


@pytest.mark.parametrize(
    "changes, reason",
    [
        ({"vehicle_type": VehicleType.TAXI}, IneligibleReason.TAXI),
        ({"rental_car": True}, IneligibleReason.RENTAL),
        ({"vehicle_type": VehicleType.BUS}, IneligibleReason.VEHICLE_TYPE),
        ({"vehicle_type": VehicleType.OTHER}, IneligibleReason.VEHICLE_TYPE),
    ],
)
def test_badge_27_28_31_taxi_rental_and_other_types_refused(changes, reason):
    result = eligibility(**changes)
    assert not result.eligible
    assert result.reasons == (reason,)


def test_badge_31_commercial_weight_limit_inclusive():
    limit = COMMERCIAL_WEIGHT_LIMIT_KG
    assert eligibility(vehicle_type=VehicleType.COMMERCIAL, total_weight_kg=limit).eligible
    heavy = eligibility(vehicle_type=VehicleType.COMMERCIAL, total_weight_kg=limit + 1)
    assert heavy.reasons == (IneligibleReason.TOO_HEAVY,)
    unknown = eligibility(vehicle_type=VehicleType.COMMERCIAL, total_weight_kg=None)
    assert unknown.reasons == (IneligibleReason.WEIGHT_MISSING,)


def test_badge_31_weight_matters_only_for_commercial_vehicles():
    assert eligibility(vehicle_type=VehicleType.PRIVATE_MINIBUS, total_weight_kg=9000).eligible


@pytest.mark.parametrize(
    "relation, ok",
    [
        (OwnerRelation.SELF, True),
        (OwnerRelation.SPOUSE, True),
        (OwnerRelation.GUARDIAN, True),
        (OwnerRelation.PARENT, False),
        (OwnerRelation.OTHER, False),
    ],
)
def test_badge_31_registered_owner(relation, ok):
    assert eligibility(owner_relation=relation).eligible is ok


def test_badge_31_business_use_refused():
    assert eligibility(business_use=True).reasons == (IneligibleReason.BUSINESS_USE,)


def test_badge_33_second_vehicle_refused_while_first_exempt():
    result = eligibility(other_exempt_vehicle=True)
    assert result.reasons == (IneligibleReason.OTHER_VEHICLE_EXEMPT,)
    assert result.messages == [str(IneligibleReason.OTHER_VEHICLE_EXEMPT.label)]


def test_badge_25_organisation_vehicle_never_tariff_06():
    assert eligibility(organisation_owned=True).reasons == (IneligibleReason.ORGANISATION,)


def test_badge_16_17_expired_badge_and_death_refused():
    assert eligibility(badge_valid=False).reasons == (IneligibleReason.NO_VALID_BADGE,)
    assert eligibility(holder_deceased=True, badge_valid=False).reasons == (
        IneligibleReason.DECEASED,
    )


def test_badge_31_all_reasons_listed_at_once():
    result = eligibility(
        vehicle_type=VehicleType.COMMERCIAL,
        total_weight_kg=8000,
        owner_relation=OwnerRelation.OTHER,
        business_use=True,
        other_exempt_vehicle=True,
    )
    assert set(result.reasons) == {
        IneligibleReason.TOO_HEAVY,
        IneligibleReason.OWNER,
        IneligibleReason.BUSINESS_USE,
        IneligibleReason.OTHER_VEHICLE_EXEMPT,
    }
    assert len(result.messages) == 4


@given(
    vehicle_type=st.sampled_from(list(VehicleType)),
    rental=st.booleans(),
    weight=st.one_of(st.none(), st.integers(0, 20000)),
    relation=st.sampled_from(list(OwnerRelation)),
    business=st.booleans(),
    other=st.booleans(),
)
def test_badge_31_eligible_exactly_when_no_reason(
    vehicle_type, rental, weight, relation, business, other
):
    result = reduced_fee_eligibility(
        vehicle_type=vehicle_type, total_weight_kg=weight, owner_relation=relation,
        business_use=business, rental_car=rental, other_exempt_vehicle=other,
    )  # fmt: skip
    assert result.eligible == (not result.reasons)


def test_badge_37_refund_owner_relations():
    born = date(2010, 5, 1)
    assert refund_owner_eligible(owner_relation="self", person_birth_date=None, on_date=born)
    assert refund_owner_eligible(owner_relation="guardian", person_birth_date=None, on_date=born)
    assert refund_owner_eligible(
        owner_relation="parent", person_birth_date=born, on_date=date(2028, 4, 30)
    )
    assert not refund_owner_eligible(
        owner_relation="parent", person_birth_date=born, on_date=date(2028, 5, 1)
    )
    assert not refund_owner_eligible(owner_relation="other", person_birth_date=born, on_date=born)


# -- Fee schedule (BADGE-32) -----------------------------------------------------------------

SCHEDULE = [
    ScheduledFee(FeeContext.REDUCED_ANNUAL, Decimal("30.00"), date(2020, 1, 1)),
    ScheduledFee(FeeContext.REDUCED_ANNUAL, Decimal("31.50"), date(2024, 1, 1)),
    ScheduledFee(
        FeeContext.FINANCIAL_LEASE, Decimal("40.00"), date(2020, 1, 1), date(2022, 12, 31)
    ),
    ScheduledFee(FeeContext.IMPORTER_REDUCED, Decimal("35.00"), date(2020, 1, 1)),
    ScheduledFee(FeeContext.IMPORTER_FULL, Decimal("150.00"), date(2020, 1, 1)),
]


def test_badge_32_amount_in_force_follows_effective_dates():
    assert fee_in_force(SCHEDULE, FeeContext.REDUCED_ANNUAL, date(2023, 12, 31)) == Decimal("30.00")
    assert fee_in_force(SCHEDULE, FeeContext.REDUCED_ANNUAL, date(2024, 1, 1)) == Decimal("31.50")


def test_badge_32_contexts_are_separate_and_ended_entries_stop():
    assert fee_in_force(SCHEDULE, FeeContext.FINANCIAL_LEASE, date(2022, 12, 31)) == Decimal(
        "40.00"
    )
    with pytest.raises(NoFeeInForce):
        fee_in_force(SCHEDULE, FeeContext.FINANCIAL_LEASE, date(2023, 1, 1))
    with pytest.raises(NoFeeInForce):
        fee_in_force(SCHEDULE, FeeContext.REDUCED_ANNUAL, date(2019, 12, 31))


def test_badge_32_importer_print_of_full_amount_is_redone():
    on = date(2025, 3, 1)
    assert importer_print_must_be_redone(
        printed_amount=Decimal("150.00"), schedule=SCHEDULE, on_date=on
    )
    assert not importer_print_must_be_redone(
        printed_amount=Decimal("35.00"), schedule=SCHEDULE, on_date=on
    )


# -- Fee differences (BADGE-33, BADGE-34) ----------------------------------------------------

YEAR = PaidPeriod("p", date(2025, 1, 1), date(2025, 12, 31), Decimal("30.00"))


def test_badge_34_difference_for_the_rest_of_the_period():
    owed = fee_difference(
        period=YEAR, regular_annual_fee=Decimal("395.00"), from_date=YEAR.valid_from
    )
    assert owed == Decimal("365.00")
    half = fee_difference(
        period=YEAR, regular_annual_fee=Decimal("395.00"), from_date=date(2025, 7, 2)
    )
    assert half == Decimal("183.00")  # 183 of 365 days


def test_badge_34_no_difference_after_the_period_or_when_regular_is_not_more():
    assert fee_difference(
        period=YEAR, regular_annual_fee=Decimal("395.00"), from_date=date(2026, 1, 1)
    ) == Decimal("0.00")
    assert fee_difference(
        period=YEAR, regular_annual_fee=Decimal("20.00"), from_date=YEAR.valid_from
    ) == Decimal("0.00")
