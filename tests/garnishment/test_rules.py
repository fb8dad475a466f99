"""The regulations' arithmetic, against hand-computed series (GAR-5, GAR-7, GAR-12 to GAR-17)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from garnishment.rules import (
    ASSETS_FOUND,
    NO_ASSETS,
    Entitlement,
    FeeReason,
    MissingIndexYears,
    amounts_in_force,
    answers_period_is_allowed,
    entitled_from,
    fee_for_answer,
    index_publication_refusal,
    indexed_amounts,
    recognition_periods,
)

from .helpers import FEE

D = Decimal
# The regulation's amounts, as the fixture loads them (19 and 2 shekels).
BASE = dict(FEE)


def test_gar_13_no_change_under_five_percent():
    assert indexed_amounts(BASE, {2016: D("100"), 2017: D("101"), 2018: D("104.99")}) == []


def test_gar_13_changes_accumulate_until_five_percent():
    # 2% + 2% + 2%: 106.12 against 100 on the third year -> 1 Jan 2020.
    index = {2016: D("100"), 2017: D("102"), 2018: D("104.04"), 2019: D("106.1208")}
    assert indexed_amounts(BASE, index) == [
        (date(2020, 1, 1), {ASSETS_FOUND: D("20"), NO_ASSETS: D("2")})
    ]


def test_gar_13_next_change_measured_from_the_last_one():
    # 2017 +6% changes; 2018 +9% total but only +2.8% since 2017: no change; 2019 +12% total,
    # +5.66% since 2017: changes, from the base amounts (no compounding of rounding).
    index = {2016: D("100"), 2017: D("106"), 2018: D("109"), 2019: D("112")}
    assert indexed_amounts(BASE, index) == [
        (date(2018, 1, 1), {ASSETS_FOUND: D("20"), NO_ASSETS: D("2")}),
        (date(2020, 1, 1), {ASSETS_FOUND: D("21"), NO_ASSETS: D("2")}),
    ]


def test_gar_13_a_fall_of_five_percent_lowers_the_amounts():
    index = {2016: D("100"), 2017: D("94")}
    assert indexed_amounts(BASE, index) == [
        (date(2018, 1, 1), {ASSETS_FOUND: D("18"), NO_ASSETS: D("2")})
    ]


def test_gar_14_exactly_fifty_agorot_round_up():
    # 19 * 1.5 = 28.50 -> 29; 2 * 1.5 = 3.00 -> 3; 19 * 1.25 = 23.75 -> 24; 2 * 1.25 = 2.50 -> 3
    index = {2016: D("100"), 2017: D("125"), 2018: D("150")}
    assert indexed_amounts(BASE, index) == [
        (date(2018, 1, 1), {ASSETS_FOUND: D("24"), NO_ASSETS: D("3")}),
        (date(2019, 1, 1), {ASSETS_FOUND: D("29"), NO_ASSETS: D("3")}),
    ]


def test_gar_14_below_fifty_agorot_are_dropped():
    # 19 * 1.0526 = 19.9994 -> 20; 2 * 1.0526 = 2.1052 -> 2; 19 * 1.07 = 20.33 -> 20
    index = {2016: D("100"), 2017: D("107")}
    assert indexed_amounts(BASE, index)[0][1] == {ASSETS_FOUND: D("20"), NO_ASSETS: D("2")}


def test_gar_12_a_missing_year_between_2016_and_the_last_is_an_error():
    with pytest.raises(MissingIndexYears) as missing:
        indexed_amounts(BASE, {2016: D("100"), 2018: D("110"), 2020: D("120")})
    assert missing.value.years == [2017, 2019]


@pytest.mark.parametrize(
    ("published_on", "refused"),
    [
        (date(2024, 11, 30), True),  # November not over: its index cannot be out
        (date(2024, 12, 1), False),
        (date(2024, 12, 31), False),
        (date(2025, 1, 1), True),  # the change day it feeds
    ],
)
def test_gar_12_published_after_november_and_before_the_change_day(published_on, refused):
    assert bool(index_publication_refusal(2024, 11, published_on)) is refused


def test_gar_12_index_must_start_at_december_2016():
    assert indexed_amounts(BASE, {}) == []
    with pytest.raises(ValueError):
        indexed_amounts(BASE, {2017: D("100")})


def test_gar_15_fee_in_force_on_the_day_the_order_was_received():
    changes = indexed_amounts(BASE, {2016: D("100"), 2017: D("110")})
    assert amounts_in_force(BASE, changes, date(2017, 12, 31)) == BASE
    assert amounts_in_force(BASE, changes, date(2018, 1, 1))[ASSETS_FOUND] == D("21")


def test_gar_5_fee_by_assets_found():
    assert fee_for_answer(assets_found=True, amounts=BASE, already_billed=D(0)).billed == D("19")
    assert fee_for_answer(assets_found=False, amounts=BASE, already_billed=D(0)).billed == D("2")


def test_gar_7_upgrade_bills_the_difference_and_downgrade_nothing():
    upgrade = fee_for_answer(assets_found=True, amounts=BASE, already_billed=D("2"))
    assert (upgrade.billed, upgrade.reason) == (D("17"), FeeReason.UPGRADE)
    again = fee_for_answer(assets_found=False, amounts=BASE, already_billed=D("19"))
    assert (again.billed, again.reason) == (D("0"), FeeReason.ALREADY_BILLED)


@given(st.lists(st.booleans(), min_size=1, max_size=30))
def test_gar_7_any_sequence_of_answers_bills_the_best_answer_once(answers):
    billed = D(0)
    for assets_found in answers:
        billed += fee_for_answer(
            assets_found=assets_found, amounts=BASE, already_billed=billed
        ).billed
    best = BASE[ASSETS_FOUND] if any(answers) else BASE[NO_ASSETS]
    assert billed == best <= max(BASE.values())


@given(st.lists(st.decimals(min_value=D("50"), max_value=D("300"), places=2), max_size=20))
def test_gar_13_every_change_is_at_least_five_percent_from_the_last(values):
    index = {2016: D("100"), **{2017 + i: value for i, value in enumerate(values)}}
    last = D("100")
    for change_day, amounts in indexed_amounts(BASE, index):
        current = index[change_day.year - 1]
        assert abs(current / last - 1) >= D("0.05")
        assert amounts[ASSETS_FOUND] == (BASE[ASSETS_FOUND] * current / 100).quantize(
            D("1"), rounding="ROUND_HALF_UP"
        )
        last = current


ENTITLED = Entitlement(
    commencement=date(2026, 3, 1),
    # Published 1 January 2026 (billable from 31 January); it reported on 1 October 2026.
    recognised=((entitled_from(date(2026, 1, 1)), date(2026, 10, 1)),),
    notice_from=date(2026, 2, 15),
)


def test_gar_1_billable_from_thirty_days_after_publication():
    assert entitled_from(date(2026, 1, 1)) == date(2026, 1, 31)
    late = Entitlement(date(2026, 1, 1), ((date(2026, 4, 1), None),), date(2026, 1, 1))
    assert late.refusal(date(2026, 3, 31)) == FeeReason.NOT_RECOGNISED
    assert late.refusal(date(2026, 4, 1)) is None


def test_gar_17_nothing_before_the_authoritys_commencement():
    assert ENTITLED.refusal(date(2026, 2, 28)) == FeeReason.BEFORE_COMMENCEMENT
    assert ENTITLED.refusal(date(2026, 3, 1)) is None


def test_gar_3_nothing_from_the_day_of_the_third_partys_own_report():
    assert ENTITLED.refusal(date(2026, 9, 30)) is None
    assert ENTITLED.refusal(date(2026, 10, 1)) == FeeReason.NOT_RECOGNISED


def test_gar_1b_nothing_before_the_authoritys_notice():
    no_notice = Entitlement(date(2026, 1, 1), ((date(2026, 1, 1), None),), None)
    assert no_notice.refusal(date(2026, 5, 1)) == FeeReason.NO_NOTICE


def test_gar_3_recognition_periods_from_the_history_as_saved():
    # Published 1 Dec 2025 (from 31 Dec); reported 10 May 2026; published again 20 May
    # (from 19 June); recorded on the days they happened.
    versions = [
        (date(2025, 12, 1), None, date(2025, 12, 1)),
        (date(2025, 12, 1), date(2026, 5, 10), date(2026, 5, 10)),
        (date(2026, 5, 20), None, date(2026, 5, 20)),
    ]
    assert recognition_periods(versions) == (
        (date(2025, 12, 31), date(2026, 5, 10)),
        (date(2026, 6, 19), None),
    )


def test_gar_3_a_republication_dated_back_never_opens_the_gap():
    # Reported 10 May; republished on 1 August with a publication date of 1 April (+30 days =
    # 1 May, before the report): billable again only from the day it was recorded, 1 August.
    versions = [
        (date(2025, 12, 1), None, date(2025, 12, 1)),
        (date(2025, 12, 1), date(2026, 5, 10), date(2026, 5, 10)),
        (date(2026, 4, 1), None, date(2026, 8, 1)),
    ]
    assert recognition_periods(versions)[1] == (date(2026, 8, 1), None)


def test_gar_3_a_stop_before_the_thirty_days_leaves_no_period():
    versions = [(date(2026, 1, 1), None, date(2026, 1, 1)), (date(2026, 1, 1), date(2026, 1, 20),
                date(2026, 1, 20))]  # fmt: skip
    assert recognition_periods(versions) == ()


def test_gar_10_answers_period_at_most_three_years():
    start = date(2023, 1, 1)
    assert answers_period_is_allowed(start, date(2026, 1, 1))
    assert not answers_period_is_allowed(start, date(2026, 1, 1) + timedelta(days=1))
    assert not answers_period_is_allowed(start, date(2022, 12, 31))
