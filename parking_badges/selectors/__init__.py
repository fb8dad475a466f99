"""Reads of the badge app by area, each in a fixed number of queries whatever the list size:
the holder's file, the clerks' queues, the citizen's view, badges and the daily and monthly
jobs, fees, refunds and importers' files."""

from .badges import (
    badge_check,
    badge_vehicles_to_remove,
    badges_due_for_renewal,
    badges_waiting_for_print,
    last_badge_issue_by_vehicle,
    new_vehicles_of_holders,
    print_files,
)
from .citizen import CaseStatus, CitizenMoneyCases, HolderStatus, citizen_money_cases, holder_status
from .fees import fee_schedule, open_differences, paid_periods, recent_transfers, vehicle_fee_file
from .holders import (
    active_exemption,
    current_approval,
    current_badge,
    current_badges,
    person_file,
    person_holds_valid_approval,
    vehicle_facts,
)
from .importers import holder_has_two_vehicles, importer_files
from .queues import (
    QueueRow,
    application_detail,
    approved_waiting_for_badge,
    doctor_queue,
    institute_referrals,
    open_cases,
    overdue_count,
    queue_rows,
)
from .refunds import (
    RefundPreview,
    refund_context,
    refund_preview,
    refund_queue,
    refund_window,
    refunded_spans,
)

__all__ = [
    "current_badges",
    "current_badge",
    "current_approval",
    "vehicle_facts",
    "person_file",
    "active_exemption",
    "person_holds_valid_approval",
    "QueueRow",
    "open_cases",
    "overdue_count",
    "queue_rows",
    "approved_waiting_for_badge",
    "institute_referrals",
    "doctor_queue",
    "application_detail",
    "CaseStatus",
    "HolderStatus",
    "holder_status",
    "CitizenMoneyCases",
    "citizen_money_cases",
    "badges_due_for_renewal",
    "new_vehicles_of_holders",
    "badge_check",
    "print_files",
    "badges_waiting_for_print",
    "badge_vehicles_to_remove",
    "last_badge_issue_by_vehicle",
    "fee_schedule",
    "paid_periods",
    "open_differences",
    "recent_transfers",
    "vehicle_fee_file",
    "refunded_spans",
    "refund_window",
    "refund_context",
    "RefundPreview",
    "refund_preview",
    "refund_queue",
    "importer_files",
    "holder_has_two_vehicles",
]
