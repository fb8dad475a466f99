"""The pure rules of part 2.3, expected values worked out by hand from the spec."""

from datetime import date
from decimal import Decimal

import pytest

from customs_valuation.declarations import rules
from customs_valuation.declarations.choices import ActorKind as A
from customs_valuation.declarations.choices import BlockKind, EntryKind
from customs_valuation.declarations.choices import DeclarationStatus as D
from customs_valuation.declarations.choices import SupplierStatus as S

# CUS-26: "Codes 1, 3 and 11 are set only by the system; 2, 9, 10 and 12 only by a valuer or
# valuation-unit staff."
SUPPLIER_WHO = {
    1: {A.SYSTEM},
    2: {A.VALUER, A.UNIT},
    3: {A.SYSTEM},
    9: {A.VALUER, A.UNIT},
    10: {A.VALUER, A.UNIT},
    11: {A.SYSTEM},
    12: {A.VALUER, A.UNIT},
}


def test_cus_26_supplier_codes_are_exactly_1_2_3_9_10_11_12():
    assert sorted(S.values) == [1, 2, 3, 9, 10, 11, 12]


@pytest.mark.parametrize("code", sorted(SUPPLIER_WHO))
@pytest.mark.parametrize("actor", list(A))
def test_cus_26_who_sets_each_supplier_code(code, actor):
    # From a code each may come from: 1 from creation, 3 from 2, 11 from 10, the rest from 1.
    source = {1: None, 3: S.CORRECT, 11: S.MISCELLANEOUS}.get(code, S.NOT_HANDLED)
    expected = actor in SUPPLIER_WHO[code]
    assert rules.may_set_supplier_status(actor, source, code) is expected


def test_cus_26_agents_never_set_a_supplier_code():
    assert not any(rules.may_set_supplier_status(A.AGENT, s, n) for s in S for n in S)


# CUS-27: "Codes 1, 3, 11 and 12 are set only by the system; 9 only by valuation-unit staff;
# the others by a valuer or valuation-unit staff."
DECLARATION_WHO = {
    1: ({A.SYSTEM}, None),
    2: ({A.VALUER, A.UNIT}, D.NOT_HANDLED),
    3: ({A.SYSTEM}, D.TYPING_ERROR),
    4: ({A.VALUER, A.UNIT}, D.NOT_HANDLED),
    5: ({A.VALUER, A.UNIT}, D.NOT_HANDLED),
    6: ({A.VALUER, A.UNIT}, D.NOT_HANDLED),
    7: ({A.VALUER, A.UNIT}, D.NOT_HANDLED),
    8: ({A.VALUER, A.UNIT}, D.NOT_HANDLED),
    9: ({A.UNIT}, D.APPROVED),
    10: ({A.VALUER, A.UNIT}, D.NOT_HANDLED),
    11: ({A.SYSTEM}, D.MISCELLANEOUS),
    12: ({A.SYSTEM}, D.NOT_HANDLED),
}


@pytest.mark.parametrize("code", sorted(DECLARATION_WHO))
@pytest.mark.parametrize("actor", list(A))
def test_cus_27_who_sets_each_declaration_code(code, actor):
    who, source = DECLARATION_WHO[code]
    assert rules.may_set_declaration_status(actor, source, code) is (actor in who)


@pytest.mark.parametrize("final", [D.CANCELLED, D.EXPIRED])
def test_cus_27_9_and_12_are_final(final):
    assert not any(rules.may_set_declaration_status(a, final, n) for a in A for n in D)


def test_cus_27_12_never_follows_2_or_9():
    assert not rules.may_set_declaration_status(A.SYSTEM, D.APPROVED, D.EXPIRED)
    assert rules.may_set_declaration_status(A.SYSTEM, D.PRICE_SUSPECTED, D.EXPIRED)


@pytest.mark.parametrize(
    ("found", "sent"),
    [
        ({10, 4, 5, 6, 7, 8}, 8),
        ({10, 4, 5, 6, 7}, 7),
        ({10, 4, 5, 6}, 6),
        ({10, 4, 5}, 5),
        ({10, 4}, 4),
        ({10}, 10),
        (set(), None),
    ],
)
def test_cus_28_one_problem_at_a_time_in_the_order_8_7_6_5_4_10(found, sent):
    assert rules.first_problem(found) == sent


# CUS-28(b): day 0 = 1 March; "approval by 22 March avoids the block; from 23 March it is
# blocked": 1 March + 22 days = 23 March.
DAY_0 = date(2026, 3, 1)


@pytest.mark.parametrize(
    ("today", "blocked"),
    [(date(2026, 3, 1), False), (date(2026, 3, 22), False), (date(2026, 3, 23), True)],
    ids=["day_0", "day_21", "day_22"],
)
def test_cus_28_twenty_one_calendar_days_then_blocked(today, blocked):
    assert rules.blocked_from(DAY_0, 21) == date(2026, 3, 23)
    assert rules.is_overdue(D.TYPING_ERROR, DAY_0, 21, today) is blocked


@pytest.mark.parametrize("code", [4, 10, 11])
def test_cus_28_4_10_and_11_do_not_hold_the_count(code):
    assert not rules.is_overdue(code, DAY_0, 21, date(2026, 4, 30))


def test_cus_28_later_codes_do_not_restart_the_count():
    assert rules.count_starts(DAY_0, D.NOT_SIGNED, date(2026, 3, 10)) == DAY_0
    assert rules.count_starts(None, D.PRICE_SUSPECTED, date(2026, 3, 10)) is None
    assert rules.count_starts(None, D.CORRECTION_AWAITING, date(2026, 3, 10)) == date(2026, 3, 10)


@pytest.mark.parametrize(
    ("entered", "until"),
    [(date(2026, 1, 31), date(2027, 1, 31)), (date(2028, 2, 29), date(2029, 2, 28))],
)
def test_cus_49_twelve_months_end_on_the_same_day_of_month(entered, until):
    assert rules.valid_until(entered, 12) == until
    assert rules.is_valid(D.NOT_HANDLED, until, until) is False  # the day itself: no longer


@pytest.mark.parametrize(
    ("kind", "usd", "first_done", "required"),
    [
        (EntryKind.REGULAR, "1000.01", False, True),
        (EntryKind.SHAHAM, "5000", False, True),
        (EntryKind.REGULAR, "1000.00", False, False),  # "strictly over 1,000.00"
        (EntryKind.REGULAR, "2000", True, False),  # only the first
        (EntryKind.DETENTION_49, "9000", False, False),
    ],
)
def test_cus_33_original_with_the_first_entry_over_1000_dollars(kind, usd, first_done, required):
    assert rules.original_required(kind, Decimal(usd), Decimal("1000.00"), first_done) is required


@pytest.mark.parametrize(
    "kind",
    [EntryKind.DETENTION_49, EntryKind.OWNERSHIP_TRANSFER, EntryKind.RETURNED_EXPORT_810],
)
def test_cus_34_exempt_entries_need_no_declaration_but_not_a_wrong_supplier(kind):
    assert (
        rules.block_causes(
            kind=kind, supplier_status=S.CORRECT, declarations=[], today=DAY_0, correction_days=21
        )
        == []
    )
    wrong = rules.block_causes(
        kind=kind, supplier_status=S.WRONG, declarations=[], today=DAY_0, correction_days=21
    )
    assert [c.kind for c in wrong] == [BlockKind.WRONG_SUPPLIER]


def test_cus_45_status_4_is_shown_to_the_agent_as_2():
    assert rules.status_shown_to_agent(D.PRICE_SUSPECTED) == D.APPROVED
    assert rules.status_shown_to_agent(D.TYPING_ERROR) == D.TYPING_ERROR


@pytest.mark.parametrize(
    ("current", "after"),
    [(2, 3), (9, 3), (12, 3), (10, 11), (1, 1), (3, 3)],
)
def test_cus_50_supplier_code_after_the_agents_change(current, after):
    assert rules.supplier_status_after_agent_change(current) == after


@pytest.mark.parametrize(("current", "after"), [(2, 3), (4, 3), (5, 3), (10, 11), (1, 1), (3, 3)])
def test_cus_50_declaration_code_after_the_agents_correction(current, after):
    assert rules.declaration_status_after_agent_correction(current) == after


@pytest.mark.parametrize(
    ("current", "refusal"),
    [(6, "enter_new_declaration"), (7, "deliver_original"), (8, "deliver_original"),
     (9, "final"), (12, "final")],
)  # fmt: skip
def test_cus_50_corrections_refused_in_place(current, refusal):
    with pytest.raises(rules.Refused) as refused:
        rules.declaration_status_after_agent_correction(current)
    assert refused.value.message == refusal


@pytest.mark.parametrize(
    ("supplier", "code", "refusal"),
    [
        (S.NOT_HANDLED, D.APPROVED, "supplier_unchecked"),
        (S.CORRECTION_AWAITING, D.TYPING_ERROR, "supplier_unchecked"),
        (S.MISC_CORRECTION_AWAITING, D.MISCELLANEOUS, "supplier_unchecked"),
        (S.NOT_HANDLED, D.ORIGINAL_MISSING, None),
        (S.WRONG, D.APPROVED, "supplier_wrong"),
        (S.WRONG, D.PRICE_SUSPECTED, "supplier_wrong"),
        (S.WRONG, D.TYPING_ERROR, None),
        (S.CORRECT, D.APPROVED, None),
    ],
)
def test_cus_41_the_supplier_is_checked_first(supplier, code, refusal):
    assert rules.supplier_first_refusal(code, supplier) == refusal


def test_cus_36_names_compare_without_case_spaces_or_punctuation():
    assert rules.normalise_name("Shenzhen Bright-Lamps Co., Ltd.") == rules.normalise_name(
        "SHENZHEN bright lamps co ltd"
    )


def test_cus_37_postcodes_and_dealer_numbers():
    assert rules.clean_postcode("999077", country_has_postcodes=False) == "NONE"
    with pytest.raises(rules.Refused):
        rules.clean_postcode("none", country_has_postcodes=True)
    assert rules.clean_dealer_number(" ab-12c ") == "AB-12C"
