"""Every change to a badge case, by area: keyword-only, atomic, audited with who, when and why.

Rows two clerks could collide on are locked (`taxportal.locks.locked`) before they are read and
changed, and statuses move only as the tables of `rules.transitions` allow. Printing locks the
holder so that two clerks printing the same badge at once produce one valid badge, the other
voided (BADGE-14)."""

from .applications import (
    DECISION_ACTIONS,
    DETAILS_DIFFER,
    appeal_receive,
    application_add_documents,
    application_decide,
    application_receive,
    application_send_to_doctor,
)
from .approvals import (
    application_record_health_ministry_approval,
    application_record_institute_answer,
)
from .asked_vehicles import VehicleAsked
from .badges import badge_print, badge_record_return, badges_renew_due, new_vehicles_add_to_badges
from .enforcement import ENFORCEMENT_HEADER, enforcement_file_build, enforcement_file_download
from .exemptions import exemption_grant, exemption_move, vehicle_eligibility
from .fees import (
    amount_ceiling,
    amounts_check,
    fee_difference_pay,
    fee_difference_raise,
    licence_period_record,
)
from .holders import PersonDetails, person_record, person_record_death
from .importers import (
    importer_file_close,
    importer_file_open,
    importer_file_release,
    importer_licence_printed,
)
from .info_requests import (
    application_close,
    application_documents_from_citizen,
    application_extend_info_deadline,
)
from .monthly import (
    badge_vehicles_monthly_check,
    disabled_tariff_monthly_reset,
    replacement_badge_order,
)
from .print_file import print_file_build, print_file_confirm_receipt, print_file_mark_downloaded
from .refunds import refund_approve, refund_mark_paid, refund_reject, refund_request_record
from .requests import (
    REFUND_REQUESTED,
    REPLACEMENT_REQUESTED,
    refund_request_from_citizen,
    replacement_request_receive,
    replacement_requests_close,
)
from .transfers import transfer_notify_parties, transfer_record
from .vehicles import EvidenceItem, badge_vehicle_add, badge_vehicle_remove

__all__ = [
    "REFUND_REQUESTED",
    "refund_request_from_citizen",
    "REPLACEMENT_REQUESTED",
    "replacement_request_receive",
    "replacement_requests_close",
    "application_documents_from_citizen",
    "PersonDetails",
    "VehicleAsked",
    "person_record",
    "person_record_death",
    "DECISION_ACTIONS",
    "DETAILS_DIFFER",
    "application_receive",
    "application_add_documents",
    "application_send_to_doctor",
    "application_decide",
    "application_record_health_ministry_approval",
    "application_record_institute_answer",
    "appeal_receive",
    "application_extend_info_deadline",
    "application_close",
    "EvidenceItem",
    "badge_vehicle_add",
    "badge_vehicle_remove",
    "badge_print",
    "badge_record_return",
    "badges_renew_due",
    "new_vehicles_add_to_badges",
    "print_file_build",
    "print_file_mark_downloaded",
    "print_file_confirm_receipt",
    "vehicle_eligibility",
    "exemption_grant",
    "exemption_move",
    "fee_difference_raise",
    "fee_difference_pay",
    "licence_period_record",
    "amount_ceiling",
    "amounts_check",
    "transfer_record",
    "transfer_notify_parties",
    "refund_request_record",
    "refund_approve",
    "refund_reject",
    "refund_mark_paid",
    "importer_file_open",
    "importer_file_release",
    "importer_licence_printed",
    "importer_file_close",
    "badge_vehicles_monthly_check",
    "replacement_badge_order",
    "disabled_tariff_monthly_reset",
    "ENFORCEMENT_HEADER",
    "enforcement_file_build",
    "enforcement_file_download",
]
