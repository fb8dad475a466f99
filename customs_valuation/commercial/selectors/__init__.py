"""Reads of part 2.2, by area: cases and queues, the worksheet, the value history."""

from .assists import AssistChecklist, assist_checklists, charged_assists
from .cases import (
    case_for_agent,
    case_for_staff,
    cases_for_agent,
    cases_for_staff,
    consultations_open,
    credit_notes_waiting,
    entries_to_value,
    guarantees_expiring,
    next_method,
    queue,
    refused_methods,
    requests_of,
)
from .history import distributions
from .worksheet import Worksheet, worksheet


def cigarette_prices(case) -> list[tuple[str, object]]:
    """CUS-90: for a case of cigarettes, each product's wholesale price in force on the entry's
    date (reference data; the portal does not compute them)."""
    from .. import rules
    from ..choices import Special
    from ..models import CigarettePrice
    from ..services.common import entry_day

    if case.special != Special.CIGARETTES:
        return []
    prices: dict[str, list] = {}
    for row in CigarettePrice.objects.order_by("product", "effective_from"):
        prices.setdefault(row.product, []).append((row.effective_from, row.price))
    day = entry_day(case)
    return [(product, rules.price_in_force(rows, day)) for product, rows in prices.items()]


def value_history(case):
    """The distribution per tariff item of the case over the policy's months before its entry."""
    from ..services.common import entry_day, policy_on

    day = entry_day(case)
    return distributions(
        [i.tariff_item for i in case.items.all()],
        case.country_of_export_id,
        day,
        policy_on(day).history_months,
        exclude_entry=case.entry.number,
    )


__all__ = [
    "AssistChecklist",
    "Worksheet",
    "assist_checklists",
    "charged_assists",
    "cigarette_prices",
    "case_for_agent",
    "case_for_staff",
    "cases_for_agent",
    "cases_for_staff",
    "consultations_open",
    "credit_notes_waiting",
    "entries_to_value",
    "distributions",
    "guarantees_expiring",
    "next_method",
    "queue",
    "refused_methods",
    "requests_of",
    "value_history",
    "worksheet",
]
