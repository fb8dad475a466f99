"""Pure rules of part 2.3 (CUS-26 to CUS-57): who may set which code, the agent's automatic
codes, the priority of problems, the 21-day count, validity, the first entry over the threshold,
exemptions and the block causes at filing. No models, no database: plain values in and out."""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from .choices import ActorKind, BlockKind, DeclarationForm, EntryKind
from .choices import DeclarationStatus as D
from .choices import SupplierStatus as S

SYSTEM, AGENT, VALUER, UNIT = ActorKind.SYSTEM, ActorKind.AGENT, ActorKind.VALUER, ActorKind.UNIT
STAFF = frozenset({VALUER, UNIT})

# --- CUS-26: supplier codes -----------------------------------------------------------------

SUPPLIER_SET_BY: dict[int, frozenset[str]] = {
    S.NOT_HANDLED: frozenset({SYSTEM}),
    S.CORRECT: STAFF,
    S.CORRECTION_AWAITING: frozenset({SYSTEM}),
    S.WRONG: STAFF,
    S.MISCELLANEOUS: STAFF,
    S.MISC_CORRECTION_AWAITING: frozenset({SYSTEM}),
    S.APPROVED_AFTER_CORRECTION: STAFF,
}
# Codes a person sets from any other code (and 10 again, a new message); the system's codes
# follow the agent's actions (CUS-50) from the codes listed here.
SUPPLIER_TRANSITIONS: dict[int, frozenset[int]] = {
    S.CORRECT: frozenset(S) - {S.CORRECT},
    S.WRONG: frozenset(S) - {S.WRONG},
    S.MISCELLANEOUS: frozenset(S),
    S.APPROVED_AFTER_CORRECTION: frozenset(S) - {S.APPROVED_AFTER_CORRECTION},
    S.CORRECTION_AWAITING: frozenset({S.CORRECT, S.WRONG, S.APPROVED_AFTER_CORRECTION}),
    S.MISC_CORRECTION_AWAITING: frozenset({S.MISCELLANEOUS}),
}
SUPPLIER_REASON_REQUIRED = frozenset({S.WRONG, S.MISCELLANEOUS, S.APPROVED_AFTER_CORRECTION})
SUPPLIER_UNUSABLE = frozenset({S.WRONG})
SUPPLIER_UNCHECKED = frozenset({S.NOT_HANDLED, S.CORRECTION_AWAITING, S.MISC_CORRECTION_AWAITING})

# --- CUS-27: declaration codes --------------------------------------------------------------

FINAL = frozenset({D.CANCELLED, D.EXPIRED})
OPEN = frozenset(D) - FINAL
VALUER_CODES = frozenset(
    {D.APPROVED, D.PRICE_SUSPECTED, D.TYPING_ERROR, D.INVOICE_MISMATCH, D.NOT_SIGNED}
    | {D.ORIGINAL_MISSING, D.MISCELLANEOUS}
)
CHECKABLE = frozenset({D.NOT_HANDLED, D.APPROVED, D.CORRECTION_AWAITING, D.PRICE_SUSPECTED})
CHECKABLE |= {D.MISCELLANEOUS, D.MISC_CORRECTION_AWAITING}
DECLARATION_SET_BY: dict[int, frozenset[str]] = {
    D.NOT_HANDLED: frozenset({SYSTEM}),
    D.CORRECTION_AWAITING: frozenset({SYSTEM}),
    D.MISC_CORRECTION_AWAITING: frozenset({SYSTEM}),
    D.EXPIRED: frozenset({SYSTEM}),
    D.CANCELLED: frozenset({UNIT}),
    **dict.fromkeys(VALUER_CODES, STAFF),
}
DECLARATION_TRANSITIONS: dict[int, frozenset[int]] = {
    # A person's check: from a code awaiting the valuer (or 2/4/10, checked again).
    D.APPROVED: CHECKABLE - {D.APPROVED},
    D.PRICE_SUSPECTED: CHECKABLE,
    D.TYPING_ERROR: CHECKABLE,
    D.INVOICE_MISMATCH: CHECKABLE,
    D.NOT_SIGNED: CHECKABLE,
    D.MISCELLANEOUS: CHECKABLE,
    D.ORIGINAL_MISSING: OPEN - {D.ORIGINAL_MISSING},  # CUS-41: at any time
    D.CANCELLED: frozenset(D) - FINAL,
    # The system, following the agent (CUS-50) and the calendar (CUS-49).
    D.CORRECTION_AWAITING: frozenset(
        {D.APPROVED, D.PRICE_SUSPECTED, D.TYPING_ERROR, D.NOT_SIGNED, D.ORIGINAL_MISSING}
    ),
    D.MISC_CORRECTION_AWAITING: frozenset({D.MISCELLANEOUS}),
    D.EXPIRED: frozenset(D) - {D.APPROVED, D.CANCELLED, D.EXPIRED},
}
DECLARATION_REASON_REQUIRED = frozenset(range(4, 11))
# CUS-28(a): the one problem sent, first present in this order.
PROBLEM_PRIORITY = (
    D.ORIGINAL_MISSING,
    D.NOT_SIGNED,
    D.INVOICE_MISMATCH,
    D.TYPING_ERROR,
    D.PRICE_SUSPECTED,
    D.MISCELLANEOUS,
)
PROBLEMS = frozenset(PROBLEM_PRIORITY)
COUNTING = frozenset(
    {D.CORRECTION_AWAITING, D.TYPING_ERROR, D.INVOICE_MISMATCH, D.NOT_SIGNED, D.ORIGINAL_MISSING}
)
AWAITING_VALUER = frozenset({D.NOT_HANDLED, D.CORRECTION_AWAITING, D.MISC_CORRECTION_AWAITING})
DAILY_CHECK = frozenset({D.CORRECTION_AWAITING, D.MISC_CORRECTION_AWAITING})


class Refused(ValueError):
    """A rule refuses the change; `field` names the input it concerns (or None)."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field


def may_set_supplier_status(actor: str, current: int | None, new: int) -> bool:
    """CUS-26: who sets each supplier code, and from which code."""
    if actor not in SUPPLIER_SET_BY.get(new, ()):
        return False
    if current is None:
        return new == S.NOT_HANDLED
    return current in SUPPLIER_TRANSITIONS.get(new, ())


def may_set_declaration_status(actor: str, current: int | None, new: int) -> bool:
    """CUS-27: who sets each declaration code, and from which code."""
    if actor not in DECLARATION_SET_BY.get(new, ()):
        return False
    if current is None:
        return new in {D.NOT_HANDLED, D.CORRECTION_AWAITING}  # entered; or replacing a 6
    return current in DECLARATION_TRANSITIONS.get(new, ())


def supplier_first_refusal(new: int, supplier_status: int) -> str | None:
    """CUS-41: the supplier is checked first; the declaration follows a wrong supplier."""
    if new == D.ORIGINAL_MISSING:
        return None
    if supplier_status in SUPPLIER_UNCHECKED and new in VALUER_CODES:
        return "supplier_unchecked"
    if supplier_status == S.WRONG and new in {D.APPROVED, D.PRICE_SUSPECTED, D.MISCELLANEOUS}:
        return "supplier_wrong"
    return None


def first_problem(codes: Iterable[int]) -> int | None:
    """CUS-28(a): of the problems found, the one sent to the agent."""
    found = set(codes)
    return next((code for code in PROBLEM_PRIORITY if code in found), None)


def supplier_status_after_agent_change(current: int) -> int:
    """CUS-50: a change of supplier data by the agent."""
    if current in {S.CORRECT, S.WRONG, S.APPROVED_AFTER_CORRECTION}:
        return S.CORRECTION_AWAITING
    if current == S.MISCELLANEOUS:
        return S.MISC_CORRECTION_AWAITING
    return current  # 1, 3, 11: still awaiting the valuer


def declaration_status_after_agent_correction(current: int) -> int:
    """CUS-50: a correction of declaration data by the agent; `Refused` says what to do."""
    if current in {D.APPROVED, D.PRICE_SUSPECTED, D.TYPING_ERROR}:
        return D.CORRECTION_AWAITING
    if current == D.MISCELLANEOUS:
        return D.MISC_CORRECTION_AWAITING
    if current in {D.NOT_HANDLED, D.CORRECTION_AWAITING, D.MISC_CORRECTION_AWAITING}:
        return current
    if current == D.INVOICE_MISMATCH:
        raise Refused("enter_new_declaration")
    if current in {D.NOT_SIGNED, D.ORIGINAL_MISSING}:
        raise Refused("deliver_original")
    raise Refused("final")


def status_shown_to_agent(status: int) -> int:
    """CUS-45: code 4 is internal; the agent is shown 2, approved."""
    return D.APPROVED if status == D.PRICE_SUSPECTED else status


# --- Dates: validity (CUS-31, CUS-49) and the 21-day count (CUS-28) ---------------------------


def valid_until(entered_on: date, months: int) -> date:
    """The first day the declaration is no longer valid: the same day-of-month `months` later
    (29 February -> 28 February)."""
    return entered_on + relativedelta(months=months)


def is_valid(status: int, until: date, today: date) -> bool:
    return status not in FINAL and today < until


def count_starts(previous_start: date | None, new_status: int, today: date) -> date | None:
    """Day 0: the date the declaration first entered 3, 5, 6, 7 or 8 in this handling."""
    if previous_start is None and new_status in COUNTING:
        return today
    return previous_start


def blocked_from(day_zero: date, days: int) -> date:
    """The date from whose 00:00 the pair is blocked: day `days + 1` after day 0 (day 0 = 1 March,
    21 days: blocked from 23 March)."""
    return day_zero + timedelta(days=days + 1)


def is_overdue(status: int, day_zero: date | None, days: int, today: date) -> bool:
    return day_zero is not None and status in COUNTING and today >= blocked_from(day_zero, days)


def day_in_count(day_zero: date, today: date) -> int:
    return (today - day_zero).days


# --- Entries: exemption (CUS-34), the physical original (CUS-33), block causes (CUS-51) -------

EXEMPT_KINDS = frozenset(
    {EntryKind.DETENTION_49, EntryKind.OWNERSHIP_TRANSFER, EntryKind.RETURNED_EXPORT_810}
)
ORIGINAL_KINDS = frozenset({EntryKind.REGULAR, EntryKind.SHAHAM})


def is_exempt(kind: str) -> bool:
    return kind in EXEMPT_KINDS


def original_required(kind: str, usd_value: Decimal, threshold: Decimal, has_first: bool) -> bool:
    """CUS-33: the first regular or שח"מ entry over the threshold in the declaration's validity."""
    return kind in ORIGINAL_KINDS and usd_value > threshold and not has_first


@dataclass(frozen=True)
class PairDeclaration:
    """What the block check needs of one open declaration of the pair."""

    number: int
    form: str
    status: int
    valid_until: date
    count_started_on: date | None


@dataclass(frozen=True)
class BlockCause:
    kind: str
    declaration: int | None = None
    since: date | None = None


def block_causes(
    *,
    kind: str,
    supplier_status: int,
    declarations: Iterable[PairDeclaration],
    today: date,
    correction_days: int,
) -> list[BlockCause]:
    """CUS-51: the blocks that refuse an entry of this kind for the pair today."""
    causes = []
    if supplier_status in SUPPLIER_UNUSABLE:
        causes.append(BlockCause(BlockKind.WRONG_SUPPLIER))
    if is_exempt(kind):
        return causes
    declarations = list(declarations)
    for declaration in declarations:
        if is_valid(declaration.status, declaration.valid_until, today) and is_overdue(
            declaration.status, declaration.count_started_on, correction_days, today
        ):
            assert declaration.count_started_on is not None  # is_overdue needs day zero
            since = blocked_from(declaration.count_started_on, correction_days)
            causes.append(BlockCause(BlockKind.CORRECTION_OVERDUE, declaration.number, since))
    if not any(
        d.form == DeclarationForm.ANNUAL and is_valid(d.status, d.valid_until, today)
        for d in declarations
    ):
        causes.append(BlockCause(BlockKind.NO_DECLARATION))
    return causes


# --- Supplier fields (CUS-36, CUS-37) -------------------------------------------------------

NO_POSTCODE = "NONE"
DEALER_NUMBER = re.compile(r"^[A-Z0-9-]{1,20}$")


def normalise_name(name: str) -> str:
    """CUS-36: case, spaces and punctuation ignored."""
    folded = unicodedata.normalize("NFKC", name or "").casefold()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in {"L", "N"})


def clean_postcode(postcode: str | None, country_has_postcodes: bool) -> str:
    """CUS-37: NONE for countries without postcodes whatever is typed; elsewhere mandatory."""
    if not country_has_postcodes:
        return NO_POSTCODE
    value = (postcode or "").strip()
    if not value or value.upper() == NO_POSTCODE:
        raise Refused("postcode_required", "postcode")
    return value


def clean_dealer_number(value: str | None) -> str:
    """CUS-37: Latin letters, digits and hyphens, up to 20, upper case; never a number."""
    value = (value or "").strip().upper()
    if value and not DEALER_NUMBER.match(value):
        raise Refused("dealer_number_format", "dealer_number")
    return value
