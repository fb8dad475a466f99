"""Pages of the badge app by area: applications, the holder's file, badges and print files, the
department doctor, the fee desk, refunds, the importer screen and the enforcement file. Thin:
forms in, services called, selectors read."""

from ._helpers import apply_posted_form
from .applications import (
    application_add_documents,
    application_appeal,
    application_close,
    application_detail,
    application_extend_info,
    application_health_approval,
    application_institute_answer,
    application_new,
    application_send_to_doctor,
    document_download,
    evidence_download,
    queue,
)
from .badges import check, print_file_download, print_files, status_search
from .citizen import my_badge, my_documents, my_new_badge, my_refund
from .doctor import doctor_decide, doctor_queue
from .enforcement import enforcement_download, enforcement_files
from .fees import (
    fee_desk,
    fee_difference_pay,
    fee_exemption,
    fee_period_add,
    fee_transfer,
    fee_vehicle,
    transfer_letter,
)
from .holders import (
    holder_add_vehicle,
    holder_badge_returned,
    holder_death,
    holder_detail,
    holder_print,
    holder_remove_vehicle,
    holder_search,
)
from .importer import importer, importer_close, importer_file, importer_print, importer_release
from .online import apply, apply_check
from .refunds import (
    refund_approve,
    refund_detail,
    refund_document,
    refund_new,
    refund_paid,
    refund_reject,
)

__all__ = [
    "refund_document",
    "my_refund",
    "my_new_badge",
    "my_documents",
    "apply",
    "apply_check",
    "apply_posted_form",
    "queue",
    "application_new",
    "application_detail",
    "application_extend_info",
    "application_close",
    "application_send_to_doctor",
    "application_add_documents",
    "application_health_approval",
    "application_institute_answer",
    "application_appeal",
    "document_download",
    "evidence_download",
    "holder_search",
    "holder_detail",
    "holder_add_vehicle",
    "holder_remove_vehicle",
    "holder_print",
    "holder_death",
    "holder_badge_returned",
    "print_files",
    "print_file_download",
    "my_badge",
    "status_search",
    "check",
    "doctor_queue",
    "doctor_decide",
    "fee_desk",
    "fee_vehicle",
    "fee_period_add",
    "fee_exemption",
    "fee_transfer",
    "transfer_letter",
    "fee_difference_pay",
    "refund_new",
    "refund_detail",
    "refund_approve",
    "refund_reject",
    "refund_paid",
    "importer",
    "importer_file",
    "importer_release",
    "importer_print",
    "importer_close",
    "enforcement_files",
    "enforcement_download",
]
