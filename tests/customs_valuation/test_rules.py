"""The pure rules: months of use, the depreciation table, the worksheet, taxes and deadlines."""

import csv
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from customs_valuation import rules

CSV = (
    Path(__file__).resolve().parents[2]
    / "fixtures"
    / "customs_valuation"
    / "depreciation_table.csv"
)
TABLE = {
    int(row["month"]): Decimal(row["cumulative_depreciation_percent"])
    for row in csv.DictReader(CSV.open(encoding="utf-8"))
}
RATES = rules.TaxRates(Decimal("7"), Decimal("83"), Decimal("18"))


def worksheet(**overrides):
    args = {
        "price_list_price": Decimal("150000"),
        "optional_extras": Decimal("10000"),
        "valuation_date": date(2024, 6, 15),
        "first_road_date": date(2021, 3, 10),
        "manufacture_year": None,
        "import_costs": Decimal("20000"),
        "invoice_value": Decimal("60000"),
        "depreciation_table": TABLE,
        "tolerance_percent": Decimal("85"),
    }
    return rules.vehicle_worksheet(**{**args, **overrides})


# --- CUS-2: months -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("valuation", "road", "months"),
    [
        (date(2024, 1, 10), date(2024, 1, 10), 0),  # same day
        (date(2024, 2, 9), date(2024, 1, 10), 0),  # a day short of a month
        (date(2024, 2, 10), date(2024, 1, 10), 1),  # same day of the next month
        (date(2024, 2, 29), date(2024, 1, 31), 1),  # month end: February's last day completes it
        (date(2023, 2, 28), date(2023, 1, 31), 1),  # non-leap February
        (date(2024, 3, 30), date(2024, 1, 31), 1),  # 30 March is not yet two months from 31 Jan
        (date(2024, 3, 31), date(2024, 1, 31), 2),
        (date(2021, 2, 28), date(2020, 2, 29), 12),  # from a leap day: 28 Feb completes a year
        (date(2024, 2, 29), date(2020, 2, 29), 48),
        (date(2024, 2, 28), date(2020, 2, 29), 47),
        (date(2020, 1, 1), date(2020, 6, 1), 0),  # valued before it went on the road
    ],
)
def test_cus_2_whole_months_completed(valuation, road, months):
    assert rules.usage_months(valuation, road) == months


def test_cus_2_unknown_road_date_counts_from_1_april_of_the_manufacture_year():
    assert rules.usage_months(date(2022, 3, 31), None, 2021) == 11
    assert rules.usage_months(date(2022, 4, 1), None, 2021) == 12
    assert rules.usage_months(date(2022, 4, 1), manufacture_year=2021) == 12


def test_cus_2_road_date_wins_over_manufacture_year():
    assert rules.usage_months(date(2022, 4, 1), date(2022, 1, 1), 2019) == 3


def test_cus_2_needs_a_road_date_or_a_year():
    with pytest.raises(ValueError):
        rules.usage_months(date(2022, 4, 1))


@settings(deadline=None)
@given(
    start=st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 1, 1)),
    months=st.integers(min_value=0, max_value=400),
)
def test_cus_2_adding_n_months_counts_n(start, months):
    from dateutil.relativedelta import relativedelta

    assert rules.usage_months(start + relativedelta(months=months), start) == months


@settings(deadline=None)
@given(
    start=st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 1, 1)),
    a=st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 1, 1)),
    b=st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 1, 1)),
)
def test_cus_2_months_never_decrease_with_time(start, a, b):
    early, late = sorted([a, b])
    assert 0 <= rules.usage_months(early, start) <= rules.usage_months(late, start)


# --- CUS-2: the depreciation table -------------------------------------------------------------


def test_cus_2_the_table_has_240_rows_ending_at_95_37():
    assert sorted(TABLE) == list(range(1, 241))
    assert TABLE[240] == Decimal("95.37")


def appendix_f(month: int) -> Decimal:
    """Appendix F as the spec states it: the first 24 months add 1.25% each; from month 25 each
    month takes 1.25% of what remains, 100 - 70 x 0.9875^(m - 24), rounded half up to 0.01."""
    if month <= 24:
        return Decimal("1.25") * month
    return (100 - 70 * Decimal("0.9875") ** (month - 24)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def test_cus_2_formula_anchors():
    # 1 -> 1.25; 24 -> 30.00; 25 -> 100 - 70 x 0.9875 = 30.875 -> 30.88;
    # 26 -> 100 - 70 x 0.97515625 = 31.7390625 -> 31.74; 240 -> 95.37 (CUS-2 Decision).
    assert [appendix_f(m) for m in (1, 24, 25, 26, 240)] == [
        Decimal("1.25"),
        Decimal("30.00"),
        Decimal("30.88"),
        Decimal("31.74"),
        Decimal("95.37"),
    ]


@pytest.mark.parametrize("month", range(1, 241))
def test_cus_2_every_depreciation_row_follows_appendix_f(month):
    result = rules.depreciation_for(month, TABLE)
    assert (result.percent, result.beyond_table) == (appendix_f(month), False)


@pytest.mark.parametrize(("month", "percent"), sorted(TABLE.items()))
def test_cus_8_worksheet_applies_each_row_to_price_with_extras(month, percent):
    from dateutil.relativedelta import relativedelta

    road = date(2000, 1, 15)
    sheet = worksheet(
        price_list_price=Decimal("100000"),
        optional_extras=Decimal("0"),
        first_road_date=road,
        valuation_date=road + relativedelta(months=month),
        import_costs=Decimal("0"),
    )
    assert sheet.months == month
    assert sheet.depreciation_percent == percent
    assert sheet.price_list_value == Decimal("100000") - percent * 1000


def test_cus_2_the_table_rises_monotonically():
    values = [TABLE[m] for m in sorted(TABLE)]
    assert values == sorted(values)


def test_cus_2_under_one_month_is_no_depreciation():
    assert rules.depreciation_for(0, TABLE).percent == 0


@pytest.mark.parametrize("months", [241, 300, 600])
def test_cus_2_beyond_month_240_the_last_rate_applies_and_is_flagged(months):
    result = rules.depreciation_for(months, TABLE)
    assert result.percent == Decimal("95.37")
    assert result.beyond_table


def test_cus_2_beyond_the_table_shows_on_the_worksheet():
    with translation.override("en"):
        sheet = worksheet(first_road_date=date(1990, 1, 1))
    assert sheet.beyond_table
    assert sheet.depreciation_percent == Decimal("95.37")
    assert "beyond the table" in next(
        line.note for line in sheet.lines if line.key == "depreciation"
    )


# --- CUS-8 / CUS-9: the worksheet --------------------------------------------------------------


def test_cus_8_typical_worksheet_line_by_line():
    sheet = worksheet()
    # 10/03/2021 -> 15/06/2024: 39 whole months.
    assert sheet.months == 39
    assert sheet.depreciation_percent == TABLE[39]
    assert sheet.price_with_extras == Decimal("160000.00")
    expected_depreciation = (Decimal("160000") * TABLE[39] / 100).quantize(Decimal("0.01"))
    assert sheet.depreciation_amount == expected_depreciation
    assert sheet.price_list_value == Decimal("160000.00") - expected_depreciation
    assert sheet.comparison_value == sheet.price_list_value - Decimal("20000")
    assert [line.key for line in sheet.lines] == [
        "price_list_price",
        "optional_extras",
        "price_with_extras",
        "depreciation",
        "price_list_value",
        "import_costs",
        "comparison_value",
        "invoice_value",
        "comparison",
    ]


def test_cus_8_depreciation_applies_to_extras_and_costs_come_after():
    # Extras depreciate with the car; import costs are not depreciated.
    with_extras = worksheet(optional_extras=Decimal("10000"), import_costs=Decimal("0"))
    without = worksheet(optional_extras=Decimal("0"), import_costs=Decimal("0"))
    extras_share = with_extras.price_list_value - without.price_list_value
    assert extras_share < Decimal("10000")
    costly = worksheet(import_costs=Decimal("5000"))
    assert worksheet(import_costs=0).comparison_value - costly.comparison_value == Decimal("5000")


def test_cus_8_each_line_is_rounded_half_up_to_agorot():
    # 100000.05 x 1.25% = 1250.000625 -> 1250.00; 0.005 rounds up.
    sheet = worksheet(
        price_list_price=Decimal("100000.05"),
        optional_extras=Decimal("0"),
        first_road_date=date(2024, 1, 1),
        valuation_date=date(2024, 2, 1),
        import_costs=Decimal("0.005"),
    )
    assert sheet.depreciation_amount == Decimal("1250.00")
    assert sheet.import_costs == Decimal("0.01")
    assert all(line.amount is None or line.amount.as_tuple().exponent == -2 for line in sheet.lines)


def test_cus_9_reasonableness_at_the_tolerance_boundary():
    base = worksheet(invoice_value=None)
    at_tolerance = (base.comparison_value * Decimal("0.85")).quantize(Decimal("0.01"))
    assert worksheet(invoice_value=at_tolerance + Decimal("0.01")).reasonable is True
    assert worksheet(invoice_value=at_tolerance - Decimal("0.01")).reasonable is False
    assert base.reasonable is None  # no invoice (CUS-14): nothing to compare


def test_cus_8_costs_above_the_value_leave_a_zero_comparison_value():
    sheet = worksheet(import_costs=Decimal("10000000"))
    assert sheet.comparison_value == 0
    assert sheet.reasonable is True


def test_cus_8_json_has_decimal_strings():
    data = worksheet().as_json()
    assert set(data) == {
        "months",
        "depreciation_percent",
        "price_list_value",
        "comparison_value",
        "reasonable",
        "beyond_table",
        "lines",
    }
    assert isinstance(data["price_list_value"], str)


@settings(deadline=None)
@given(
    price=st.decimals(min_value=1000, max_value=2_000_000, places=2),
    extras=st.decimals(min_value=0, max_value=100_000, places=2),
    months=st.integers(min_value=0, max_value=300),
)
def test_cus_8_price_list_value_stays_within_price_and_its_remainder(price, extras, months):
    from dateutil.relativedelta import relativedelta

    road = date(2000, 1, 1)
    sheet = worksheet(
        price_list_price=price,
        optional_extras=extras,
        first_road_date=road,
        valuation_date=road + relativedelta(months=months),
        import_costs=0,
    )
    assert 0 < sheet.price_list_value <= price + extras
    assert sheet.price_list_value + sheet.depreciation_amount == price + extras


# --- CUS-3 / 7 / 17: costs and taxes ---


def test_cus_7_freight_table_only_without_proof():
    assert rules.freight_cost(Decimal("4000"), Decimal("9500")) == (Decimal("4000.00"), False)
    assert rules.freight_cost(None, Decimal("9500")) == (Decimal("9500.00"), True)
    with pytest.raises(ValueError):
        rules.freight_cost(None, None)


def test_cus_17_taxes_cascade_and_extraction_inverts_them():
    taxes = rules.import_taxes(Decimal("100000"), RATES)
    assert taxes.customs_duty == Decimal("7000.00")
    assert taxes.purchase_tax == Decimal("88810.00")
    assert taxes.vat == Decimal("35245.80")
    gross = Decimal("100000") + taxes.total
    assert rules.taxes_included_in(gross, RATES) == taxes.total


def test_cus_3_import_costs_add_costs_and_taxes_less_note_4():
    costs = rules.vehicle_import_costs(
        freight=Decimal("9500"),
        freight_from_table=True,
        insurance=Decimal("500"),
        licence_fee=Decimal("1200"),
        other_costs=Decimal("300"),
        price_list_value=Decimal("231055.80"),
        rates=RATES,
        note4_reductions=Decimal("1000"),
    )
    assert costs.total == Decimal("9500") + 500 + 1200 + 300 + Decimal("131055.80") - 1000


# --- CUS-20 to 25: goods --------------------------------------------------------------------------


def goods(**overrides):
    args = {
        "invoice_value": Decimal("1000"),
        "freight": Decimal("100"),
        "freight_excluded": False,
        "insurance": Decimal("20"),
        "other_costs": Decimal("5"),
        "export_taxes": Decimal("50"),
        "export_taxes_refunded": False,
        "used_depreciation_percent": Decimal("0"),
    }
    return rules.goods_value(**{**args, **overrides})


def test_cus_20_value_is_invoice_plus_costs_and_export_taxes():
    assert goods().value == Decimal("1175.00")
    assert goods(export_taxes_refunded=True).value == Decimal("1125.00")


def test_cus_24_freight_excluded_by_the_tariff_item():
    assert goods(freight_excluded=True).value == Decimal("1075.00")


def test_cus_25_used_goods_depreciation_and_the_supervisor_threshold():
    assert goods(used_depreciation_percent=Decimal("20")).value == Decimal("940.00")
    assert not rules.depreciation_needs_supervisor(Decimal("30"), Decimal("30"))
    assert rules.depreciation_needs_supervisor(Decimal("30.01"), Decimal("30"))


@pytest.mark.parametrize(
    ("kwargs", "step", "accepted"),
    [
        ({"price_abroad": Decimal("1100")}, "price_abroad", True),
        (
            {"price_abroad": Decimal("2000"), "israeli_price": Decimal("1300")},
            "israeli_price",
            True,
        ),
        ({"price_abroad": Decimal("2000"), "israeli_price": Decimal("5000")}, "fallback", False),
        ({"price_abroad": None, "israeli_price": None}, "fallback", False),
        ({"price_abroad": Decimal("1000"), "data_doubtful": True}, "doubtful", False),
        ({"invoice_value": None}, "no_invoice", False),
    ],
)
def test_cus_22_reasonableness_checks_in_order(kwargs, step, accepted):
    args = {
        "invoice_value": Decimal("1000"),
        "price_abroad": None,
        "invoice_with_costs_and_taxes": Decimal("1200"),
        "israeli_price": None,
        "data_doubtful": False,
        "tolerance_percent": Decimal("85"),
    }
    check = rules.goods_reasonableness(**{**args, **kwargs})
    assert (check.step, check.invoice_accepted) == (step, accepted)


# --- Deadlines and the guarantee ----------------------------------------------------------------


def test_deadlines_days_and_months():
    assert rules.days_after(date(2026, 1, 31), 30) == date(2026, 3, 2)
    assert rules.months_after(date(2026, 11, 30), 3) == date(2027, 2, 28)


def test_cus_17_guarantee_forfeits_only_without_an_appeal_after_the_period():
    due = date(2026, 3, 1)
    assert not rules.guarantee_forfeits(appeal_due=due, appeal_filed=False, today=due)
    assert rules.guarantee_forfeits(appeal_due=due, appeal_filed=False, today=date(2026, 3, 2))
    assert not rules.guarantee_forfeits(appeal_due=due, appeal_filed=True, today=date(2026, 9, 1))


def test_cus_17_queue_warns_before_a_guarantee_lapses():
    expires = date(2026, 5, 31)
    assert not rules.guarantee_needs_warning(
        expires_on=expires, today=date(2026, 5, 1), warning_days=14
    )
    assert rules.guarantee_needs_warning(
        expires_on=expires, today=date(2026, 5, 17), warning_days=14
    )
