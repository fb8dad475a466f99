"""The pure rules, one group per rule number; no database."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registration import rules
from registration.rules import RecordFacts, VatReport

KEY = b"test-only-answer-key"


def held(facts: RecordFacts) -> rules.HeldRecord:
    """A record as the portal keeps it: keyed hashes of the facts, never the facts."""
    return rules.HeldRecord(digests=rules.fact_digests(facts, KEY), key=KEY)


FACTS = RecordFacts(
    work_grant_claim_number="7731-2045",
    phone_password="ab123",
    last_income_tax_refund_amount=Decimal("3420"),
    last_assessment_number="9041-2233",
    id_issue_date=date(2015, 2, 1),
    driving_licence_number="5512347",
    passport_number="23456781",
    has_valid_passport=True,
    vehicle_numbers=("12-345-67",),
    parent_national_ids=("067891234",),
    income_tax_refund_accounts=("12-600-123456",),
    last_income_tax_advance=Decimal("1250.00"),
    vat_refund_accounts=("10-800-654321",),
    last_vat_turnover=Decimal("48000"),
    last_vat_report=VatReport(period=2, month=4, year=2026, amount=Decimal("8160")),
    real_estate_report_codes=("556677",),
)
RECORD = held(FACTS)
T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


# --- REG-11: normalisation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "normal"),
    [("12-345-67", "1234567"), (" 0012 345 ", "12345"), ("00", "0"), ("", ""), ("abc", "")],
)
def test_reg_11_numbers_are_compared_as_digits(typed, normal):
    assert rules.normalize_number(typed) == normal


@pytest.mark.parametrize(
    "typed", ["01022015", "01/02/2015", "1.2.2015", "01-02-2015", "2015-02-01", " 01022015 "]
)
def test_reg_11_dates_are_compared_as_dates(typed):
    assert rules.parse_date_answer(typed) == date(2015, 2, 1)


@pytest.mark.parametrize("typed", ["31022015", "2015", "", "ab/cd/efgh", "1/2"])
def test_reg_11_impossible_dates_are_not_dates(typed):
    assert rules.parse_date_answer(typed) is None


@pytest.mark.parametrize("typed", ["1250", "1,250", "₪ 1,250.00", "1250.0", "1250.004"])
def test_reg_11_amounts_are_compared_as_amounts(typed):
    assert rules.parse_amount(typed) == Decimal("1250.00")


def test_reg_11_garbage_is_not_an_amount():
    assert rules.parse_amount("") is None
    assert rules.parse_amount("1.2.3") is None


@given(st.integers(min_value=0, max_value=10**12))
def test_reg_11_separators_and_leading_zeros_never_change_a_number(number):
    text = str(number)
    spaced = "-".join(text[i : i + 3] for i in range(0, len(text), 3))
    assert rules.normalize_number("00" + spaced) == rules.normalize_number(text)


@pytest.mark.parametrize(
    ("kind", "answer"),
    [
        ("work_grant_claim_number", "77312045"),
        ("phone_password", "AB 123"),
        ("id_issue_date", "1.2.2015"),
        ("driving_licence_number", "005512347"),
        ("passport_number", "23456781"),
        ("vehicle_number", "1234567"),
        ("valid_passport", "YES"),
        ("parent_national_id", "67891234"),
        ("income_tax_refund_account", "12 600 123456"),
        ("income_tax_advance", "1,250.00"),
        ("vat_refund_account", "10800654321"),
        ("vat_turnover", "48,000"),
        ("real_estate_report_code", "556677"),
    ],
)
def test_reg_11_each_answer_matches_after_normalising(kind, answer):
    assert rules.answer_matches(kind, {kind: answer}, RECORD)
    assert not rules.answer_matches(kind, {kind: ""}, RECORD)


def test_reg_9_vat_report_needs_all_four_parts():
    answers = {
        "vat_report_period": "2",
        "vat_report_month": "4",
        "vat_report_year": "2026",
        "vat_report_amount": "8,160",
    }
    assert rules.answer_matches("vat_report", answers, RECORD)
    assert not rules.answer_matches("vat_report", {**answers, "vat_report_month": "5"}, RECORD)
    assert not rules.answer_matches("vat_report", {**answers, "vat_report_amount": ""}, RECORD)


def test_reg_11_an_unknown_person_matches_nothing():
    for kind in (*rules.HIGH_QUESTIONS, *rules.LOW_ITEMS, *rules.FURTHER_QUESTIONS):
        assert not rules.answer_matches(kind, {kind: "0"}, None)
    assert not rules.answer_matches("valid_passport", {"valid_passport": "no"}, None)


# --- REG-6, REG-7: the high level ----------------------------------------------------------------


def test_reg_6_one_correct_answer_gives_the_high_level():
    assert rules.high_level_passes({"work_grant_claim_number": "7731 2045"}, RECORD)
    assert rules.high_level_passes({"phone_password": "ab123"}, RECORD)


def test_reg_6_a_wrong_answer_beside_a_right_one_fails():
    answers = {"work_grant_claim_number": "77312045", "phone_password": "wrong"}
    assert not rules.high_level_passes(answers, RECORD)


def test_reg_6_no_answer_is_no_high_level():
    assert not rules.high_level_passes({}, RECORD)
    assert not rules.high_level_passes({"phone_password": "ab123"}, held(RecordFacts()))


def test_reg_6_the_other_high_level_facts_match_after_normalising():
    assert rules.high_level_passes({"income_tax_refund_amount": "₪3,420.00"}, RECORD)
    assert rules.high_level_passes({"assessment_number": "90412233"}, RECORD)
    assert not rules.high_level_passes({"income_tax_refund_amount": "3421"}, RECORD)


def test_reg_6_the_high_pool_holds_only_facts_the_record_holds():
    assert rules.high_question_pool(RECORD, "unused") == list(rules.HIGH_QUESTIONS)
    thin = held(RecordFacts(phone_password="1"))
    assert rules.high_question_pool(thin, "unused") == ["phone_password"]
    assert rules.high_question_pool(held(RecordFacts()), "unused") == []


@given(st.text(max_size=20))
def test_reg_7_each_set_is_one_or_two_questions_never_repeated_in_an_attempt(seed):
    sets = rules.high_question_sets(list(rules.HIGH_QUESTIONS), seed)
    asked = [kind for kinds in sets for kind in kinds]
    assert 2 <= len(sets) <= rules.MAX_HIGH_SETS  # four questions: always a second set
    assert all(len(kinds) in rules.HIGH_SET_SIZES for kinds in sets)
    assert len(asked) == len(set(asked))  # every new set is genuinely new
    if len(sets) > 1:
        assert sets[0] != sets[1]


def test_reg_7_the_sets_are_random_but_stable_for_one_attempt():
    pool = list(rules.HIGH_QUESTIONS)
    assert rules.high_question_sets(pool, "attempt-1") == rules.high_question_sets(
        pool, "attempt-1"
    )
    firsts = {tuple(rules.high_question_sets(pool, str(n))[0]) for n in range(40)}
    assert len(firsts) > 4


def test_reg_7_a_held_fact_is_offered_first():
    for seed in map(str, range(30)):
        assert rules.high_question_sets(["assessment_number"], seed)[0][0] == "assessment_number"


@given(st.text(max_size=20), st.sets(st.sampled_from(rules.HIGH_QUESTIONS)))
def test_reg_11_high_sets_have_the_same_shape_whatever_the_record_holds(seed, held):
    """The number and sizes of the sets come from the attempt alone (known, unknown, thin)."""
    shape = [len(kinds) for kinds in rules.high_question_sets(list(held), seed)]
    unknown = rules.high_question_sets(rules.high_question_pool(None, f"key-{seed}"), seed)
    assert shape == [len(kinds) for kinds in rules.high_question_sets([], seed)]
    assert shape == [len(kinds) for kinds in unknown]


# --- REG-8: two of three -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "passes"),
    [
        ({"id_issue_date": "01022015", "driving_licence_number": "5512347"}, True),
        ({"id_issue_date": "01022015", "passport_number": "23456781"}, True),
        ({"driving_licence_number": "5512347", "passport_number": "23456781"}, True),
        (
            {
                "id_issue_date": "01022015",
                "driving_licence_number": "5512347",
                "passport_number": "23456781",
            },
            True,
        ),
        ({"id_issue_date": "01022015"}, True),  # one item: the new set of questions decides
        ({"id_issue_date": "01022015", "driving_licence_number": "999"}, False),
        (
            {
                "id_issue_date": "01022015",
                "driving_licence_number": "5512347",
                "passport_number": "1",
            },
            False,
        ),
        ({}, False),
    ],
)
def test_reg_8_every_item_entered_must_be_right(answers, passes):
    assert rules.low_items_pass(answers, RECORD) is passes


def test_reg_8_one_item_calls_for_a_new_set_with_one_more_question():
    assert rules.further_question_count(3) == rules.further_question_count(2) == 2
    assert rules.further_question_count(1) == 3


def test_reg_8_one_item_passes_only_with_three_further_questions():
    one_item = {"passport_number": "23456781"}
    further = {"vehicle_number": "1234567", "valid_passport": "yes", "vat_turnover": "48000"}
    three = ["vehicle_number", "valid_passport", "vat_turnover"]
    assert rules.low_level_passes(one_item, three, further, RECORD)
    assert not rules.low_level_passes(one_item, three[:2], further, RECORD)
    assert not rules.low_level_passes({}, three, further, RECORD)


def test_reg_8_counts_the_items_entered():
    assert rules.low_items_entered({"id_issue_date": " ", "passport_number": "1"}) == 1


# --- REG-9: the further questions ----------------------------------------------------------------


def test_reg_9_two_questions_drawn_only_from_facts_held():
    facts = held(RecordFacts(vehicle_numbers=("1",), parent_national_ids=("067891234",)))
    pool = rules.question_pool(facts, "unused")
    for seed in map(str, range(30)):
        assert sorted(rules.draw_further_questions(pool, seed)) == [
            "parent_national_id",
            "vehicle_number",
        ]


def test_reg_9_the_draw_is_random_but_stable_for_one_attempt():
    pool = rules.further_questions_held(RECORD)
    draws = {tuple(rules.draw_further_questions(pool, str(seed))) for seed in range(40)}
    assert len(draws) > 5
    assert rules.draw_further_questions(pool, "attempt-1") == rules.draw_further_questions(
        pool, "attempt-1"
    )


@given(st.text(max_size=20))
def test_reg_11_the_draw_has_the_same_shape_for_known_and_unknown_numbers(seed):
    known = rules.draw_further_questions(rules.question_pool(RECORD, seed), seed)
    unknown = rules.draw_further_questions(rules.question_pool(None, seed), seed)
    thin_pool = rules.question_pool(held(RecordFacts(vehicle_numbers=("1",))), seed)
    thin = rules.draw_further_questions(thin_pool, seed)
    for drawn in (known, unknown, thin):
        assert len(drawn) == rules.FURTHER_QUESTION_COUNT == len(set(drawn))
        assert set(drawn) <= set(rules.FURTHER_QUESTIONS)
    assert "vehicle_number" in thin


def test_reg_11_an_unknown_number_gets_a_stable_decoy_pool_like_a_record():
    pool = rules.question_pool(None, "key-of-973669468")
    assert pool == rules.question_pool(None, "key-of-973669468")
    assert len(pool) <= len(rules.FURTHER_QUESTIONS)
    pools = {tuple(rules.question_pool(None, f"key-{n}")) for n in range(30)}
    assert len(pools) > 10  # different unknown numbers "hold" different facts
    # REG-9 with REG-11: some unknown numbers "hold" too few facts, as some real records do, so
    # "not possible online" never tells that a number is known.
    sizes = [len(p) for p in pools]
    assert min(sizes) < rules.FURTHER_QUESTION_COUNT <= max(sizes)


def test_reg_9_low_level_needs_both_pages_right():
    items = {"id_issue_date": "01022015", "passport_number": "23456781"}
    kinds = ["vehicle_number", "valid_passport"]
    further = {"vehicle_number": "12-345-67", "valid_passport": "yes"}
    assert rules.low_level_passes(items, kinds, further, RECORD)
    assert not rules.low_level_passes(items, kinds, {**further, "valid_passport": "no"}, RECORD)
    assert not rules.low_level_passes({"passport_number": "23456781"}, kinds, further, RECORD)
    assert not rules.low_level_passes(items, kinds, further, None)


# --- REG-11: lockout counts ----------------------------------------------------------------------


POLICY = rules.LOCKOUT_PER_IDENTITY


def test_reg_11_four_failures_do_not_lock():
    failures = [T0 + timedelta(minutes=i) for i in range(4)]
    assert rules.lockout_until(failures, POLICY) is None
    assert rules.failures_left(failures, T0 + timedelta(minutes=5), POLICY) == 1


def test_reg_11_five_failures_in_24_hours_lock_for_24_hours():
    failures = [T0 + timedelta(hours=i) for i in range(5)]
    assert rules.lockout_until(failures, POLICY) == T0 + timedelta(hours=4 + 24)
    assert rules.failures_left(failures, T0 + timedelta(hours=5), POLICY) == 0


def test_reg_11_five_failures_spread_over_more_than_24_hours_do_not_lock():
    failures = [T0 + timedelta(hours=7 * i) for i in range(5)]  # 28 hours apart end to end
    assert rules.lockout_until(failures, POLICY) is None


def test_reg_11_an_address_has_a_wider_limit():
    failures = [T0 + timedelta(minutes=i) for i in range(19)]
    assert rules.lockout_until(failures, rules.LOCKOUT_PER_ADDRESS) is None
    failures.append(T0 + timedelta(minutes=30))
    assert rules.lockout_until(failures, rules.LOCKOUT_PER_ADDRESS) == T0 + timedelta(
        minutes=30, hours=24
    )


@given(st.lists(st.integers(min_value=0, max_value=3 * 24 * 60), max_size=30))
def test_reg_11_lockout_never_comes_from_fewer_than_the_limit(minutes):
    failures = [T0 + timedelta(minutes=m) for m in minutes]
    until = rules.lockout_until(failures, POLICY)
    if len(failures) < POLICY.limit:
        assert until is None
    if until is not None:
        assert until - POLICY.duration in failures


# --- REG-17, REG-19: the user code ---------------------------------------------------------------


def test_reg_17_user_codes_use_an_unambiguous_alphabet_and_differ():
    codes = {rules.generate_user_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == rules.USER_CODE_LENGTH
        assert set(code) <= set(rules.USER_CODE_ALPHABET)
        assert not set(code) & set("01OIL")


def test_reg_19_code_typed_loosely_is_the_same_code():
    assert rules.normalize_user_code(" abcd-2345 ") == "ABCD2345"


def test_reg_19_code_expires_exactly_30_minutes_after_creation():
    assert not rules.user_code_expired(T0, T0 + timedelta(minutes=29, seconds=59))
    assert rules.user_code_expired(T0, T0 + timedelta(minutes=30))
