"""CUS-30 and CUS-84 to CUS-88: the alternative methods strictly in order; identical and similar
goods (same item, same country, within the period, the same maker first, the lowest); the
deductive and computed values; the fallback and its forbidden bases."""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from ..choices import CandidateVerdict as V
from ..choices import FallbackBasis, Method
from .base import ZERO, Refused, blank, round_agorot, to_decimal

METHOD_ORDER = (
    Method.IDENTICAL,
    Method.SIMILAR,
    Method.DEDUCTIVE,
    Method.COMPUTED,
    Method.FALLBACK,
)
FORBIDDEN_BASES = frozenset(
    {
        FallbackBasis.ISRAELI_CONSUMER_PRICE,
        FallbackBasis.HIGHER_OF_TWO,
        FallbackBasis.EXPORT_COUNTRY_DOMESTIC_PRICE,
        FallbackBasis.PRODUCTION_COST,
        FallbackBasis.EXPORT_TO_OTHER_COUNTRY,
        FallbackBasis.MINIMUM_VALUES,
        FallbackBasis.ARBITRARY,
        FallbackBasis.WEBSITE_PRICES,
        FallbackBasis.EX_FACTORY_PRICES,
        FallbackBasis.COMMODITY_EXCHANGE,
    }
)


def next_method(refused: dict[str, str]) -> str | None:
    """The one method the portal offers: the first not yet recorded as inapplicable with a
    reason (None: every method was refused)."""
    for method in METHOD_ORDER:
        if blank(refused.get(method)):
            return method
    return None


def check_method_allowed(method: str, refused: dict[str, str]) -> None:
    if method not in METHOD_ORDER:
        raise Refused(_("Choose one of the five alternative methods."), "method")
    if method != next_method(refused):
        if not blank(refused.get(method)):
            raise Refused(_("This method was recorded as inapplicable."), "method")
        first = next_method(refused)
        assert first is not None  # `method` itself is not refused, so one remains
        raise Refused(
            _("The methods go strictly in order: first record why %(method)s cannot set the value.")
            % {"method": Method(first).label},
            "method",
        )


def check_method_refusal(method: str, refused: dict[str, str], reason: str) -> None:
    """A method is recorded as inapplicable in its turn, with the reason."""
    check_method_allowed(method, refused)
    if blank(reason):
        raise Refused(_("Give the reason the method cannot set the value."), "reason")


def normalised(name: str) -> str:
    return re.sub(r"[\W_]+", "", str(name or "")).casefold()


@dataclass(frozen=True)
class Candidate:
    key: object
    tariff_item: str
    country: str
    imported_on: date
    manufacturer: str
    unit_value: Decimal  # adjusted to the goods' quantity and commercial level
    identical: bool = True  # the valuer's finding that the goods can count as identical/similar


@dataclass(frozen=True)
class Choice:
    chosen: object | None
    verdicts: dict = field(default_factory=dict)


def choose_candidate(
    candidates: list[Candidate],
    *,
    tariff_item: str,
    country: str,
    on: date,
    days: int,
    manufacturer: str,
) -> Choice:
    """CUS-84: same full tariff item, same country of export, imported within `days` either side
    of `on` (both ends included), found identical by the valuer; of those kept, the same maker's
    when any, and the lowest value among them."""
    verdicts: dict[object, str]
    verdicts, kept = {}, []
    for c in candidates:
        if c.tariff_item != tariff_item:
            verdicts[c.key] = V.TARIFF_ITEM
        elif c.country != country:
            verdicts[c.key] = V.COUNTRY
        elif abs((c.imported_on - on).days) > days:
            verdicts[c.key] = V.PERIOD
        elif not c.identical:
            verdicts[c.key] = V.NOT_IDENTICAL
        else:
            kept.append(c)
    maker = normalised(manufacturer)
    pool = [c for c in kept if maker and normalised(c.manufacturer) == maker] or kept
    chosen = min(pool, key=lambda c: c.unit_value) if pool else None
    for c in kept:
        if c is chosen:
            verdicts[c.key] = V.CHOSEN
        elif c in pool:
            verdicts[c.key] = V.HIGHER
        else:
            verdicts[c.key] = V.OTHER_MANUFACTURER
    verdicts = {c.key: str(verdicts[c.key]) for c in candidates}
    return Choice(chosen.key if chosen else None, verdicts)


def deductive_value(price, deductions: list[tuple[Decimal, str]]) -> Decimal:
    """CUS-86: the Israeli sale price less each deduction the valuer recorded with its basis
    (the system does not compute the deductions)."""
    if price is None or to_decimal(price) <= 0:
        raise Refused(_("Give the Israeli sale price used."), "price")
    total = ZERO
    for amount, basis in deductions:
        if amount is None or to_decimal(amount) < 0:
            raise Refused(_("A deduction is an amount of zero or more."), "deductions")
        if blank(basis):
            raise Refused(_("Each deduction has its basis."), "deductions")
        total += to_decimal(amount)
    value = to_decimal(price) - total
    if value <= 0:
        raise Refused(_("The deductions exceed the sale price."), "deductions")
    return round_agorot(value)


def check_computed(*, documents: int) -> None:
    """CUS-87: only with documents showing the production costs."""
    if documents < 1:
        raise Refused(
            _("The computed value needs at least one production-cost document attached."),
            "documents",
        )


def check_fallback(basis: str, description: str) -> None:
    """CUS-88: never one of the ten forbidden bases (refused by name); the method applied
    flexibly, or the other reasonable method, is described."""
    if basis not in FallbackBasis.values:
        raise Refused(_("Choose the basis of the fallback value."), "basis")
    if basis in FORBIDDEN_BASES:
        raise Refused(
            _("“%(basis)s” is never a basis of the fallback method (CUS-30, CUS-88).")
            % {"basis": FallbackBasis(basis).label},
            "basis",
        )
    if blank(description):
        raise Refused(_("Describe how the method was applied."), "description")
