"""The registration rules as pure functions: no database, no clock, no request.

Answers arrive as the strings a citizen typed; facts come from the Authority's record as a
`RecordFacts`. Every comparison normalises first (REG-11): digits only for numbers, dates as
dates, amounts as amounts. An unknown identity number has no facts (`None`) and goes through the
same steps, so it fails at the same point with the same outcome as a wrong answer.
"""

import random
import re
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from taxportal.money import round_agorot
from taxportal.validators import normalize_national_id

# REG-17, REG-19: a user code is entered within 30 minutes of its creation, with few mistakes.
USER_CODE_VALIDITY = timedelta(minutes=30)
MAX_WRONG_CODE_ENTRIES = 5
# Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L).
USER_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
USER_CODE_LENGTH = 8
# A wizard left alone this long is over; the citizen starts again.
WIZARD_IDLE_TIMEOUT = timedelta(minutes=30)
# REG-21: verification links sent to a contact channel expire.
VERIFICATION_LINK_MAX_AGE = timedelta(days=3)
# REG-23: a change of contact details through the identity questions alone takes effect after
# this long; the "this wasn't me" link sent to the channel on record works a while longer.
CONTACT_CHANGE_DELAY = timedelta(hours=72)
CONTACT_CHANGE_CANCEL_LINK_MAX_AGE = timedelta(days=7)

# REG-6, REG-7: the high-level questions, facts only the person and the Authority know, asked
# in sets of one or two; an attempt may draw at most MAX_HIGH_SETS sets.
HIGH_QUESTIONS = (
    "work_grant_claim_number",
    "phone_password",
    "income_tax_refund_amount",
    "assessment_number",
)
HIGH_SET_SIZES = (1, 2)
MAX_HIGH_SETS = 3
# REG-8: the three low-level items, two of them needed; with only one, a new set of questions.
LOW_ITEMS = ("id_issue_date", "driving_licence_number", "passport_number")
LOW_ITEMS_NEEDED = 2
FURTHER_QUESTIONS = (
    "vehicle_number",
    "valid_passport",
    "parent_national_id",
    "income_tax_refund_account",
    "income_tax_advance",
    "vat_refund_account",
    "vat_turnover",
    "vat_report",
    "real_estate_report_code",
)
FURTHER_QUESTION_COUNT = 2
VAT_REPORT_PARTS = ("period", "month", "year", "amount")


@dataclass(frozen=True)
class LockoutPolicy:
    """`limit` failures within `window` lock the key out for `duration` (REG-11)."""

    limit: int
    window: timedelta
    duration: timedelta


# Per identity number: 5 failures in 24 hours lock it for 24 hours. A client address is shared
# by many people (offices, mobile carriers), so it gets a wider limit.
LOCKOUT_PER_IDENTITY = LockoutPolicy(
    limit=5, window=timedelta(hours=24), duration=timedelta(hours=24)
)
LOCKOUT_PER_ADDRESS = LockoutPolicy(
    limit=20, window=timedelta(hours=24), duration=timedelta(hours=24)
)


@dataclass(frozen=True)
class GrowingDelay:
    """After `free` failures within `window`, each failure waits `first` and every further one
    twice as long as the one before, up to `longest` (REG-11: the citizen login)."""

    free: int
    first: timedelta
    longest: timedelta
    window: timedelta


# The login (identity number + user code + password) of one identity number from one address
# waits longer after each failure past the fifth: 1, 2, 4, 8 ... minutes, at most a day. The
# identity number as a whole is locked only after 100 failures in 24 hours from anywhere (NIST
# SP 800-63B section 5.2.2), so nobody can lock a citizen out of their own login by guessing.
LOGIN_PER_PAIR = GrowingDelay(
    free=5, first=timedelta(minutes=1), longest=timedelta(hours=24), window=timedelta(hours=24)
)
LOGIN_PER_IDENTITY = LockoutPolicy(
    limit=100, window=timedelta(hours=24), duration=timedelta(hours=24)
)


@dataclass(frozen=True)
class VatReport:
    period: int  # months the report covers: 1 (monthly) or 2 (bi-monthly)
    month: int
    year: int
    amount: Decimal


@dataclass(frozen=True)
class RecordFacts:
    """What the Authority's record of one person holds; empty values mean "not held"."""

    work_grant_claim_number: str = ""
    phone_password: str = ""
    last_income_tax_refund_amount: Decimal | None = None
    last_assessment_number: str = ""
    id_issue_date: date | None = None
    driving_licence_number: str = ""
    passport_number: str = ""
    has_valid_passport: bool | None = None
    vehicle_numbers: tuple[str, ...] = ()
    parent_national_ids: tuple[str, ...] = ()
    income_tax_refund_accounts: tuple[str, ...] = ()
    last_income_tax_advance: Decimal | None = None
    vat_refund_accounts: tuple[str, ...] = ()
    last_vat_turnover: Decimal | None = None
    last_vat_report: VatReport | None = None
    real_estate_report_codes: tuple[str, ...] = ()


# --- normalisation ----------------------------------------------------------------------------


def normalize_number(value: str | None) -> str:
    """Digits only, without leading zeros: "12-345 / 007" and "12345007" are the same number."""
    digits = re.sub(r"\D", "", str(value or ""))
    return digits.lstrip("0") or ("0" if digits else "")


def normalize_token(value: str | None) -> str:
    """Letters and digits only, upper case: for passwords and codes that may hold letters."""
    return re.sub(r"[\W_]", "", str(value or "")).upper()


def parse_date_answer(value: str | None) -> date | None:
    """A date typed as ddmmyyyy, or with separators (dd/mm/yyyy, d.m.yyyy), or ISO yyyy-mm-dd."""
    text = str(value or "").strip()
    parts = re.split(r"[^\d]+", text)
    try:
        if len(parts) == 1 and len(text) == 8 and text.isdigit():
            return date(int(text[4:]), int(text[2:4]), int(text[:2]))
        if len(parts) == 3 and all(parts):
            if len(parts[0]) == 4:
                return date(int(parts[0]), int(parts[1]), int(parts[2]))
            return date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        return None
    return None


def parse_amount(value: str | Decimal | None) -> Decimal | None:
    """An amount in shekels: "₪ 1,234.50", "1234.5" and "1234.50" are the same amount."""
    if isinstance(value, Decimal):
        return round_agorot(value)
    text = re.sub(r"[^\d.\-]", "", str(value or ""))
    if not text:
        return None
    try:
        return round_agorot(Decimal(text))
    except InvalidOperation:
        return None


def parse_yes_no(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(str(value or "").strip().lower())


def is_answered(answers: Mapping[str, str], kind: str) -> bool:
    """Whether the citizen typed anything for a question (all parts of a VAT report)."""
    if kind == "vat_report":
        return all(
            str(answers.get(f"vat_report_{part}") or "").strip() for part in VAT_REPORT_PARTS
        )
    return bool(str(answers.get(kind) or "").strip())


# --- comparing one answer ---------------------------------------------------------------------


def _number_in(answer: str, held: Iterable[str]) -> bool:
    wanted = normalize_number(answer)
    return bool(wanted) and any(wanted == normalize_number(h) for h in held)


def _vat_report_matches(answers: Mapping[str, str], report: VatReport | None) -> bool:
    if report is None:
        return False
    try:
        period = int(answers.get("vat_report_period") or 0)
        month = int(answers.get("vat_report_month") or 0)
        year = int(answers.get("vat_report_year") or 0)
    except ValueError:
        return False
    amount = parse_amount(answers.get("vat_report_amount"))
    return (period, month, year, amount) == (
        report.period,
        report.month,
        report.year,
        round_agorot(report.amount),
    )


def _amount_equals(answer: str, held: Decimal | None) -> bool:
    given = parse_amount(answer)
    return held is not None and given is not None and given == round_agorot(held)


_MATCHERS: dict[str, Callable[[Mapping[str, str], RecordFacts], bool]] = {
    "work_grant_claim_number": lambda a, f: _number_in(
        a.get("work_grant_claim_number", ""), [f.work_grant_claim_number]
    ),
    "phone_password": lambda a, f: (
        bool(f.phone_password)
        and normalize_token(a.get("phone_password")) == normalize_token(f.phone_password)
    ),
    "income_tax_refund_amount": lambda a, f: _amount_equals(
        a.get("income_tax_refund_amount", ""), f.last_income_tax_refund_amount
    ),
    "assessment_number": lambda a, f: _number_in(
        a.get("assessment_number", ""), [f.last_assessment_number]
    ),
    "id_issue_date": lambda a, f: (
        f.id_issue_date is not None and parse_date_answer(a.get("id_issue_date")) == f.id_issue_date
    ),
    "driving_licence_number": lambda a, f: _number_in(
        a.get("driving_licence_number", ""), [f.driving_licence_number]
    ),
    "passport_number": lambda a, f: (
        bool(f.passport_number)
        and normalize_token(a.get("passport_number")).lstrip("0")
        == normalize_token(f.passport_number).lstrip("0")
    ),
    "vehicle_number": lambda a, f: _number_in(a.get("vehicle_number", ""), f.vehicle_numbers),
    "valid_passport": lambda a, f: (
        f.has_valid_passport is not None
        and parse_yes_no(a.get("valid_passport")) is f.has_valid_passport
    ),
    "parent_national_id": lambda a, f: (
        normalize_national_id(a.get("parent_national_id", ""))
        in {normalize_national_id(p) for p in f.parent_national_ids}
    ),
    "income_tax_refund_account": lambda a, f: _number_in(
        a.get("income_tax_refund_account", ""), f.income_tax_refund_accounts
    ),
    "income_tax_advance": lambda a, f: _amount_equals(
        a.get("income_tax_advance", ""), f.last_income_tax_advance
    ),
    "vat_refund_account": lambda a, f: _number_in(
        a.get("vat_refund_account", ""), f.vat_refund_accounts
    ),
    "vat_turnover": lambda a, f: _amount_equals(a.get("vat_turnover", ""), f.last_vat_turnover),
    "vat_report": lambda a, f: _vat_report_matches(a, f.last_vat_report),
    "real_estate_report_code": lambda a, f: _number_in(
        a.get("real_estate_report_code", ""), f.real_estate_report_codes
    ),
}

_HELD: dict[str, Callable[[RecordFacts], bool]] = {
    "work_grant_claim_number": lambda f: bool(f.work_grant_claim_number),
    "phone_password": lambda f: bool(f.phone_password),
    "income_tax_refund_amount": lambda f: f.last_income_tax_refund_amount is not None,
    "assessment_number": lambda f: bool(f.last_assessment_number),
    "vehicle_number": lambda f: bool(f.vehicle_numbers),
    "valid_passport": lambda f: f.has_valid_passport is not None,
    "parent_national_id": lambda f: bool(f.parent_national_ids),
    "income_tax_refund_account": lambda f: bool(f.income_tax_refund_accounts),
    "income_tax_advance": lambda f: f.last_income_tax_advance is not None,
    "vat_refund_account": lambda f: bool(f.vat_refund_accounts),
    "vat_turnover": lambda f: f.last_vat_turnover is not None,
    "vat_report": lambda f: f.last_vat_report is not None,
    "real_estate_report_code": lambda f: bool(f.real_estate_report_codes),
}

_EMPTY_RECORD = RecordFacts()


def answer_matches(kind: str, answers: Mapping[str, str], facts: RecordFacts | None) -> bool:
    """One answer against the record; an unknown person is compared with an empty record, so the
    work done is the same and the answer never matches."""
    return is_answered(answers, kind) and _MATCHERS[kind](answers, facts or _EMPTY_RECORD)


# --- the verdicts -----------------------------------------------------------------------------


def high_level_passes(answers: Mapping[str, str], facts: RecordFacts | None) -> bool:
    """REG-6: one correct answer gives the high level; every answer given must be correct."""
    given = [kind for kind in HIGH_QUESTIONS if is_answered(answers, kind)]
    results = [answer_matches(kind, answers, facts) for kind in given]
    return bool(results) and all(results)


def low_items_entered(answers: Mapping[str, str]) -> int:
    """REG-8: how many of the three low-level items were typed (two are needed)."""
    return sum(is_answered(answers, kind) for kind in LOW_ITEMS)


def further_question_count(items_entered: int) -> int:
    """REG-8, REG-9: two further questions after two or three items. With only one item the
    citizen gets a new set of questions: one more further question stands in for the missing
    item, so the evidence asked for is the same."""
    return FURTHER_QUESTION_COUNT + max(LOW_ITEMS_NEEDED - items_entered, 0)


def low_items_pass(answers: Mapping[str, str], facts: RecordFacts | None) -> bool:
    """REG-8: at least one item entered, and every item entered is correct."""
    results = [
        answer_matches(kind, answers, facts) for kind in LOW_ITEMS if is_answered(answers, kind)
    ]
    return bool(results) and all(results)


def further_questions_pass(
    kinds: Iterable[str], answers: Mapping[str, str], facts: RecordFacts | None
) -> bool:
    """REG-9: every drawn further question answered correctly."""
    results = [answer_matches(kind, answers, facts) for kind in kinds]
    return bool(results) and all(results)


def low_level_passes(
    items: Mapping[str, str],
    further_kinds: list[str],
    further: Mapping[str, str],
    facts: RecordFacts | None,
) -> bool:
    """REG-8 and REG-9 together: the items entered and as many further questions as they call
    for, all correct. Decided only after both pages, so a wrong item and an unknown number both
    fail at the same point."""
    enough = len(further_kinds) >= further_question_count(low_items_entered(items))
    items_ok = low_items_pass(items, facts)
    further_ok = further_questions_pass(further_kinds, further, facts)
    return enough and items_ok and further_ok


def _held(facts: RecordFacts | None, bank: tuple[str, ...]) -> list[str]:
    return [] if facts is None else [kind for kind in bank if _HELD[kind](facts)]


def further_questions_held(facts: RecordFacts | None) -> list[str]:
    """The further questions the record can answer."""
    return _held(facts, FURTHER_QUESTIONS)


def decoy_pool(key: str, bank: tuple[str, ...], minimum: int) -> list[str]:
    """REG-11: the facts an unknown number "holds": a subset of the bank fixed by a secret key
    of that number, so repeated attempts see the stable kind of draw a real record gives."""
    rng = random.Random(f"{key}:{bank[0]}")
    size = rng.randint(minimum, len(bank))
    return sorted(rng.sample(bank, size), key=bank.index)


def question_pool(facts: RecordFacts | None, decoy_key: str) -> list[str]:
    """The further questions to draw from: what the record holds, or a decoy for no record."""
    if facts is None:
        return decoy_pool(decoy_key, FURTHER_QUESTIONS, FURTHER_QUESTION_COUNT)
    return further_questions_held(facts)


def draw_further_questions(
    pool: list[str], seed: str, count: int = FURTHER_QUESTION_COUNT
) -> list[str]:
    """REG-9: `count` questions drawn from the pool, random but stable for one seed (one
    attempt). The shape never depends on the record: with fewer facts than `count` the rest is
    drawn from the whole bank, and cannot be answered."""
    rng = random.Random(seed)
    drawn = rng.sample(pool, min(count, len(pool)))
    rest = [kind for kind in FURTHER_QUESTIONS if kind not in drawn]
    drawn += rng.sample(rest, count - len(drawn))
    return drawn


def high_question_pool(facts: RecordFacts | None, decoy_key: str) -> list[str]:
    """REG-6: the high-level questions the record can answer, or a decoy for no record."""
    if facts is None:
        return decoy_pool(decoy_key, HIGH_QUESTIONS, 0)
    return _held(facts, HIGH_QUESTIONS)


def high_question_sets(pool: list[str], seed: str) -> list[list[str]]:
    """REG-6, REG-7: the sets of one or two high-level questions one attempt may draw, each
    different from the others. Questions the record holds come first (in a random order), so a
    citizen with an answer meets it early; the rest of the bank follows and cannot be answered.

    The number and sizes of the sets come from the seed alone, never from the record, so a
    known and an unknown number are offered the same shapes (REG-11).
    """
    order = random.Random(f"order:{seed}")
    held = [kind for kind in HIGH_QUESTIONS if kind in pool]
    rest = [kind for kind in HIGH_QUESTIONS if kind not in pool]
    order.shuffle(held)
    order.shuffle(rest)
    queue = held + rest
    sizes = random.Random(f"sizes:{seed}")
    sets = []
    while queue and len(sets) < MAX_HIGH_SETS:
        size = sizes.choice(HIGH_SET_SIZES)
        sets.append(queue[:size])
        queue = queue[size:]
    return sets


# --- lockout ----------------------------------------------------------------------------------


def lockout_until(failures: Iterable[datetime], policy: LockoutPolicy) -> datetime | None:
    """REG-11: the moment the lockout ends, or None. `failures` are the failure times of one key
    (identity number or client address) since its last success, in any order.

    A key is locked for `policy.duration` after any failure that completes `policy.limit`
    failures within `policy.window`.
    """
    times = sorted(failures)
    until = None
    start = 0
    for end, moment in enumerate(times):
        while moment - times[start] >= policy.window:
            start += 1
        if end - start + 1 >= policy.limit:
            until = moment + policy.duration
    return until


def growing_delay_until(failures: Iterable[datetime], policy: GrowingDelay) -> datetime | None:
    """REG-11: when the next login of one (identity number, address) may be tried, or None.
    `failures` are that pair's failure times since its last success, in any order; those within
    `policy.window` of the last one count."""
    times = sorted(failures)
    if not times:
        return None
    last = times[-1]
    counted = sum(1 for moment in times if last - moment < policy.window)
    if counted < policy.free:
        return None
    delay = policy.first * 2 ** min(counted - policy.free, 30)
    return last + min(delay, policy.longest)


def failures_left(failures: Iterable[datetime], now: datetime, policy: LockoutPolicy) -> int:
    """How many more failures the key may have before it is locked out."""
    recent = [moment for moment in failures if now - moment < policy.window]
    return max(policy.limit - len(recent), 0)


# --- the user code ----------------------------------------------------------------------------


def generate_user_code(choice: Callable[[str], str] = secrets.choice) -> str:
    """REG-17: a new user code from a cryptographic random source."""
    return "".join(choice(USER_CODE_ALPHABET) for _ in range(USER_CODE_LENGTH))


def normalize_user_code(value: str | None) -> str:
    """What the citizen typed, as the code is stored: upper case, no spaces or dashes."""
    return normalize_token(value)


def user_code_expires_at(created_at: datetime) -> datetime:
    return created_at + USER_CODE_VALIDITY


def user_code_expired(created_at: datetime, now: datetime) -> bool:
    """REG-19: a code entered 30 minutes or more after its creation is refused."""
    return now >= user_code_expires_at(created_at)


def wizard_expired(touched_at: datetime, now: datetime) -> bool:
    return now - touched_at >= WIZARD_IDLE_TIMEOUT
