"""The refund computation (BADGE-37 to BADGE-42) as a pure function, with properties."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from parking_badges.rules import (
    FeeContext,
    PaidPeriod,
    RefundedSpan,
    ScheduledFee,
    lease_refund_window,
    refund_due_date,
    refund_lines,
    refund_window,
)

SCHEDULE = [
    ScheduledFee(FeeContext.REDUCED_ANNUAL, Decimal("30.00"), date(2015, 1, 1)),
    ScheduledFee(FeeContext.REDUCED_ANNUAL, Decimal("32.00"), date(2024, 1, 1)),
    ScheduledFee(FeeContext.FINANCIAL_LEASE, Decimal("36.00"), date(2015, 1, 1)),
]


def year(y: int, paid: str = "395.00") -> PaidPeriod:
    return PaidPeriod(str(y), date(y, 1, 1), date(y, 12, 31), Decimal(paid))


def spans(lines) -> list[RefundedSpan]:
    return [RefundedSpan(ln.period_key, ln.start, ln.end, ln.amount) for ln in lines]


def test_badge_39_determining_date_is_the_approval():
    window = refund_window(approval_date=date(2025, 3, 10), ownership_date=date(2020, 1, 1))
    assert window.determining_date == date(2025, 3, 10)


def test_badge_39_earlier_recognition_goes_back_at_most_12_months():
    approval = date(2025, 3, 10)
    recent = refund_window(
        approval_date=approval, ownership_date=date(2020, 1, 1),
        earlier_recognition_date=date(2024, 9, 1),
    )  # fmt: skip
    assert recent.determining_date == date(2024, 9, 1)
    old = refund_window(
        approval_date=approval, ownership_date=date(2020, 1, 1),
        earlier_recognition_date=date(2019, 1, 1),
    )  # fmt: skip
    assert old.determining_date == date(2024, 3, 10)


def test_badge_40_later_of_ownership_and_disability_start():
    window = refund_window(
        approval_date=date(2025, 3, 10), ownership_date=date(2024, 11, 5),
        earlier_recognition_date=date(2023, 1, 1),
    )  # fmt: skip
    assert window.determining_date == date(2024, 11, 5)
    window = refund_window(
        approval_date=date(2025, 3, 10), ownership_date=date(2020, 1, 1),
        disability_start=date(2024, 6, 1), earlier_recognition_date=date(2023, 1, 1),
    )  # fmt: skip
    assert window.determining_date == date(2024, 6, 1)


def test_badge_37_whole_period_refunds_paid_less_reduced():
    window = refund_window(approval_date=date(2025, 1, 1), ownership_date=date(2020, 1, 1))
    [line] = refund_lines(periods=[year(2025)], schedule=SCHEDULE, window=window)
    assert line.amount == Decimal("363.00")  # 395 paid less 32 reduced
    assert (line.start, line.end, line.days) == (date(2025, 1, 1), date(2025, 12, 31), 365)


def test_badge_40_part_months_by_days_on_the_period_length():
    window = refund_window(approval_date=date(2025, 12, 22), ownership_date=date(2020, 1, 1))
    [line] = refund_lines(periods=[year(2025, "395.00")], schedule=SCHEDULE, window=window)
    assert line.days == 10
    assert line.amount == Decimal("9.95")  # 363 * 10 / 365
    leap = PaidPeriod("2024", date(2024, 1, 1), date(2024, 12, 31), Decimal("398.00"))
    window = refund_window(approval_date=date(2024, 12, 22), ownership_date=date(2020, 1, 1))
    [line] = refund_lines(periods=[leap], schedule=SCHEDULE, window=window)
    assert line.amount == Decimal("10.00")  # 366 * 10 / 366


def test_badge_41_accumulated_from_earliest_validity_and_never_twice():
    window = refund_window(approval_date=date(2023, 7, 1), ownership_date=date(2020, 1, 1))
    periods = [year(2025), year(2023), year(2024)]
    first = refund_lines(periods=periods, schedule=SCHEDULE, window=window)
    assert [ln.period_key for ln in first] == ["2023", "2024", "2025"]
    again = refund_lines(
        periods=periods, schedule=SCHEDULE, window=window, already_refunded=spans(first)
    )
    assert again == []


def test_badge_41_a_later_request_with_earlier_recognition_adds_only_new_days():
    periods = [year(2024), year(2025)]
    late = refund_window(approval_date=date(2025, 3, 1), ownership_date=date(2020, 1, 1))
    first = refund_lines(periods=periods, schedule=SCHEDULE, window=late)
    early = refund_window(
        approval_date=date(2025, 3, 1), ownership_date=date(2020, 1, 1),
        earlier_recognition_date=date(2024, 1, 1),
    )  # fmt: skip
    second = refund_lines(
        periods=periods, schedule=SCHEDULE, window=early, already_refunded=spans(first)
    )
    assert [(ln.start, ln.end) for ln in second] == [
        (date(2024, 3, 1), date(2024, 12, 31)),
        (date(2025, 1, 1), date(2025, 2, 28)),
    ]
    total_2025 = sum(ln.amount for ln in first + second if ln.period_key == "2025")
    assert total_2025 == Decimal("363.00")


def test_badge_37_nothing_when_the_reduced_fee_was_paid():
    window = refund_window(approval_date=date(2025, 1, 1), ownership_date=date(2020, 1, 1))
    assert refund_lines(periods=[year(2025, "32.00")], schedule=SCHEDULE, window=window) == []


def test_badge_42_financial_lease_uses_lease_period_and_its_fee():
    window = lease_refund_window(lease_from=date(2025, 4, 1), lease_until=date(2025, 6, 30))
    [line] = refund_lines(
        periods=[year(2025)], schedule=SCHEDULE, window=window, context=FeeContext.FINANCIAL_LEASE
    )
    assert (line.start, line.end, line.days) == (date(2025, 4, 1), date(2025, 6, 30), 91)
    assert line.reduced_fee == Decimal("36.00")
    assert line.amount == Decimal("89.50")  # 359 * 91 / 365 = 89.504


def test_badge_41_due_three_months_after_the_request():
    assert refund_due_date(date(2025, 11, 30)) == date(2026, 2, 28)


# -- Properties -------------------------------------------------------------------------------

dates = st.dates(min_value=date(2019, 1, 1), max_value=date(2027, 12, 31))
paid = st.decimals(min_value=Decimal("0"), max_value=Decimal("3000"), places=2)


@st.composite
def paid_periods(draw):
    """Consecutive licence periods of varied lengths from a random start."""
    start = draw(st.dates(min_value=date(2019, 1, 1), max_value=date(2022, 12, 31)))
    periods = []
    for index in range(draw(st.integers(1, 5))):
        length = draw(st.integers(1, 400))
        end = start + timedelta(days=length - 1)
        periods.append(PaidPeriod(f"p{index}", start, end, draw(paid)))
        start = end + timedelta(days=1)
    return periods


@st.composite
def windows(draw):
    approval = draw(dates)
    return refund_window(
        approval_date=approval,
        ownership_date=draw(dates),
        disability_start=draw(st.one_of(st.none(), dates)),
        earlier_recognition_date=draw(st.one_of(st.none(), dates)),
        eligible_until=draw(st.one_of(st.none(), dates)),
    )


@settings(max_examples=300, deadline=None)
@given(periods=paid_periods(), requests=st.lists(windows(), min_size=1, max_size=5))
def test_refund_properties_over_any_sequence_of_requests(periods, requests):
    """No day refunded twice; never more than the difference paid; nothing before the
    determining date (nor after the eligibility end)."""
    refunded: list[RefundedSpan] = []
    reduced_fees: dict[str, Decimal] = {}
    for window in requests:
        lines = refund_lines(
            periods=periods, schedule=SCHEDULE, window=window, already_refunded=refunded
        )
        for line in lines:
            assert line.start >= window.determining_date
            if window.eligible_until is not None:
                assert line.end <= window.eligible_until
            assert line.amount >= 0
            reduced_fees[line.period_key] = line.reduced_fee
        refunded += spans(lines)

    by_period = {p.key: p for p in periods}
    seen: set[tuple[str, date]] = set()
    for span in refunded:
        period = by_period[span.period_key]
        assert period.valid_from <= span.start <= span.end <= period.valid_until
        day = span.start
        while day <= span.end:
            assert (span.period_key, day) not in seen
            seen.add((span.period_key, day))
            day += timedelta(days=1)
    for key, reduced in reduced_fees.items():
        total = sum(s.amount for s in refunded if s.period_key == key)
        assert total <= by_period[key].amount_paid - reduced


@settings(max_examples=200, deadline=None)
@given(periods=paid_periods(), window=windows(), split=dates)
def test_refund_split_requests_never_exceed_one_request(periods, window, split):
    """Refunding in two steps (a narrower window first) never pays more than at once."""
    from dataclasses import replace

    narrow = replace(window, determining_date=max(window.determining_date, split))
    first = refund_lines(periods=periods, schedule=SCHEDULE, window=narrow)
    second = refund_lines(
        periods=periods, schedule=SCHEDULE, window=window, already_refunded=spans(first)
    )
    at_once = refund_lines(periods=periods, schedule=SCHEDULE, window=window)
    assert sum(ln.amount for ln in first + second) <= sum(ln.amount for ln in at_once) + Decimal(
        "0.01"
    ) * len(periods)
    assert sum(ln.days for ln in first + second) == sum(ln.days for ln in at_once)
