"""Properties of part 2.2's pure rules that no example list covers: the method order can never be
skipped (CUS-30), the worksheet's total is the sum of its lines and each division adds up
(CUS-79), an assist is used up exactly (CUS-77), and the value history's median lies within its
range. Hypothesis draws the inputs; the expected facts follow from the rules' definitions."""

from datetime import date, timedelta
from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from customs_valuation.commercial import rules
from customs_valuation.commercial.choices import Method

MONEY = st.decimals(min_value=D("0.00"), max_value=D("9999999.99"), places=2)
RATE = st.decimals(min_value=D("0.0001"), max_value=D("99.9999"), places=4)
REASON = st.sampled_from(["", " ", "No identical goods in 90 days.", "Not sold in Israel."])


@given(st.lists(st.tuples(st.sampled_from(list(Method)), REASON), max_size=12))
def test_cus_30_the_method_order_can_never_be_skipped(attempts):
    """Refuse methods in any order the valuer tries; whatever the rules let through, every method
    before one allowed is refused with a reason."""
    refused: dict[str, str] = {}
    for method, reason in attempts:
        try:
            rules.check_method_refusal(method, refused, reason)
        except rules.Refused:
            pass
        else:
            refused[method] = reason
        for candidate in Method:
            try:
                rules.check_method_allowed(candidate, refused)
            except rules.Refused:
                continue
            position = rules.METHOD_ORDER.index(candidate)
            assert all(refused.get(m, "").strip() for m in rules.METHOD_ORDER[:position])
    # And the recorded refusals are themselves a prefix of the order.
    assert list(refused) == list(rules.METHOD_ORDER[: len(refused)])


LINE = st.builds(
    rules.SheetLine,
    st.sampled_from(["price", "royalty", "freight", "discount", "assist", "commission"]),
    st.sampled_from([D(1), D(-1)]),
    MONEY,
    MONEY,
    st.booleans(),
)


@given(st.lists(LINE, max_size=20))
def test_the_worksheets_total_equals_the_sum_of_its_lines(lines):
    currency, shekels = rules.sheet_totals(lines)
    assert currency == sum((ln.sign * ln.amount for ln in lines if ln.included), D(0))
    assert shekels == sum((ln.sign * ln.shekels for ln in lines if ln.included), D(0))


@given(MONEY, RATE)
def test_a_lines_shekels_are_its_amount_at_the_rate_to_the_agora(amount, rate):
    shekels = rules.line_shekels(amount, rate)
    assert abs(shekels - amount * rate) <= D("0.005")
    assert shekels == shekels.quantize(D("0.01"))


@given(
    MONEY,
    st.lists(st.decimals(min_value=D(0), max_value=D(10**7), places=2), min_size=1, max_size=15),
)
def test_cus_79_a_division_adds_up_exactly_to_the_amount(amount, weights):
    shares = rules.allocate(amount, weights)
    assert len(shares) == len(weights)
    assert sum(shares, D(0)) == amount
    assert all(s == s.quantize(D("0.01")) for s in shares)


@given(
    st.lists(MONEY, min_size=1, max_size=8),
    st.lists(
        st.tuples(
            st.none() | st.integers(0, 7),
            st.decimals(min_value=D("-99999.99"), max_value=D("99999.99"), places=2),
        ),
        max_size=6,
    ),
)
def test_cus_79_the_items_conversion_values_add_up_to_the_invoice_with_its_adjustments(
    values, adjustments
):
    items = [rules.ItemValue(str(n), v) for n, v in enumerate(values)]
    adjust = [(None if k is None else str(k % len(values)), a) for k, a in adjustments]
    data = rules.entry_data(items, adjust)
    assert sum((d.conversion_value for d in data), D(0)) == sum(values, D(0)) + sum(
        (a for _, a in adjust), D(0)
    )


@given(
    st.decimals(min_value=D("0.01"), max_value=D("999999.99"), places=2),
    st.integers(1, 5000),
    st.lists(st.integers(1, 3000), min_size=1, max_size=10),
)
def test_cus_77_an_assist_is_used_up_exactly_never_beyond(value, divisor, shipments):
    per_unit = rules.per_unit_share(value, divisor)
    used_units, used = 0, D(0)
    for units in shipments:
        charge = rules.assist_charge(
            value=value,
            divisor=divisor,
            per_unit=per_unit,
            used_units=used_units,
            used_amount=used,
            units=units,
        )
        assert charge >= 0
        used_units, used = used_units + units, used + charge
        assert used <= value
    if used_units >= divisor:
        assert used == value


@given(st.lists(MONEY, max_size=40))
def test_value_history_median_lies_within_the_range(values):
    found = rules.distribution(values)
    assert found.count == len(values)
    if values:
        assert found.minimum <= found.median <= found.maximum
        assert found.minimum == min(values) and found.maximum == max(values)


@given(st.lists(st.tuples(st.integers(-200, 200), MONEY), max_size=10), st.integers(1, 180))
def test_cus_84_the_chosen_candidate_is_within_the_period_and_the_lowest_kept(offsets, days):
    on = date(2026, 3, 20)
    candidates = [
        rules.Candidate(n, "8516.40", "CN", on + timedelta(days=o), "Acme", v)
        for n, (o, v) in enumerate(offsets)
    ]
    choice = rules.choose_candidate(
        candidates, tariff_item="8516.40", country="CN", on=on, days=days, manufacturer="Acme"
    )
    kept = [c for c in candidates if abs((c.imported_on - on).days) <= days]
    if not kept:
        assert choice.chosen is None
    else:
        chosen = next(c for c in candidates if c.key == choice.chosen)
        assert chosen.unit_value == min(c.unit_value for c in kept)
