"""Reads of part 2.2, by area: cases and queues, the worksheet, the value history."""

from .cases import (
    case_for_agent,
    case_for_staff,
    cases_for_agent,
    cases_for_staff,
    consultations_open,
    credit_notes_waiting,
    guarantees_expiring,
    next_method,
    queue,
    refused_methods,
    requests_of,
)
from .history import distributions
from .worksheet import Worksheet, worksheet


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
    "Worksheet",
    "case_for_agent",
    "case_for_staff",
    "cases_for_agent",
    "cases_for_staff",
    "consultations_open",
    "credit_notes_waiting",
    "distributions",
    "guarantees_expiring",
    "next_method",
    "queue",
    "refused_methods",
    "requests_of",
    "value_history",
    "worksheet",
]
