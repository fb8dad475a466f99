"""Which identity questions are asked (REG-6 to REG-9): the banks, the sets of high-level
questions, the further questions drawn from the facts a record holds, and an unknown number's
decoy, so that it is asked the same shapes as a known one (REG-11)."""

import random
from typing import Protocol

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


class Record(Protocol):
    def holds(self, kind: str) -> bool: ...


def _held(record: Record | None, bank: tuple[str, ...]) -> list[str]:
    return [] if record is None else [kind for kind in bank if record.holds(kind)]


def further_questions_held(record: Record | None) -> list[str]:
    """The further questions the record can answer."""
    return _held(record, FURTHER_QUESTIONS)


def decoy_pool(key: str, bank: tuple[str, ...], minimum: int) -> list[str]:
    """REG-11: the facts an unknown number "holds": a subset of the bank fixed by a secret key
    of that number, so repeated attempts see the stable kind of draw a real record gives."""
    rng = random.Random(f"{key}:{bank[0]}")
    size = rng.randint(minimum, len(bank))
    return sorted(rng.sample(bank, size), key=bank.index)


def question_pool(record: Record | None, decoy_key: str) -> list[str]:
    """The further questions to draw from: what the record holds, or a decoy for no record. A
    decoy may hold too few facts, as a real record may (REG-9), so that "not possible online"
    says nothing about whether the number is known (REG-11)."""
    if record is None:
        return decoy_pool(decoy_key, FURTHER_QUESTIONS, 0)
    return further_questions_held(record)


def online_identification_possible(pool: list[str], count: int) -> bool:
    """REG-9: the low level needs `count` further questions the record can answer."""
    return len(pool) >= count


def draw_further_questions(
    pool: list[str], seed: str, count: int = FURTHER_QUESTION_COUNT
) -> list[str]:
    """REG-9: `count` questions drawn from the pool, random but stable for one seed (one
    attempt). The shape never depends on the record: with fewer facts than `count` the rest is
    drawn from the whole bank, and the answers are not judged (the citizen is told online
    identification is not possible for them where a wrong answer would fail)."""
    rng = random.Random(seed)
    drawn = rng.sample(pool, min(count, len(pool)))
    rest = [kind for kind in FURTHER_QUESTIONS if kind not in drawn]
    drawn += rng.sample(rest, count - len(drawn))
    return drawn


def high_question_pool(record: Record | None, decoy_key: str) -> list[str]:
    """REG-6: the high-level questions the record can answer, or a decoy for no record."""
    if record is None:
        return decoy_pool(decoy_key, HIGH_QUESTIONS, 0)
    return _held(record, HIGH_QUESTIONS)


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
    sets: list[list[str]] = []
    while queue and len(sets) < MAX_HIGH_SETS:
        size = sizes.choice(HIGH_SET_SIZES)
        sets.append(queue[:size])
        queue = queue[size:]
    return sets
