"""Writes: every change of a case goes through here, locked, dated, reasoned and audited.

Each decision is a `Decision` row (what the importer reads as a notice when it concerns them)
plus an audit event naming who decided, when and why.
"""

from ..rules import DECIDABLE_STATUSES, EDITABLE_STATUSES, RELEASABLE_STATUSES
from .appeals import appeal_decide, appeal_file, appeal_forward
from .base import InvalidTransition
from .cases import case_open, case_update, document_add, extra_add, extra_remove
from .citizen_events import guarantees_warn_lapsing
from .decisions import (
    case_accept_declared_value,
    case_answer_notice,
    case_decide_value,
    case_notice_of_intent,
    case_record_appraisal,
    case_send_to_appraiser,
    case_supervisor_decide,
    depreciation_decide,
)
from .finalise import case_finalise, cases_finalise_due
from .notices import decision_record_delivery
from .releases import (
    release_amount,
    release_extend,
    release_record,
    releases_settle,
)

__all__ = [
    "DECIDABLE_STATUSES",
    "EDITABLE_STATUSES",
    "RELEASABLE_STATUSES",
    "InvalidTransition",
    "appeal_decide",
    "guarantees_warn_lapsing",
    "appeal_file",
    "appeal_forward",
    "case_accept_declared_value",
    "case_answer_notice",
    "case_decide_value",
    "case_finalise",
    "case_notice_of_intent",
    "case_open",
    "case_record_appraisal",
    "case_send_to_appraiser",
    "case_supervisor_decide",
    "case_update",
    "cases_finalise_due",
    "decision_record_delivery",
    "depreciation_decide",
    "document_add",
    "extra_add",
    "extra_remove",
    "release_amount",
    "release_extend",
    "release_record",
    "releases_settle",
]
