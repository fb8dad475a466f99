"""Writes: recognition, reports and their fees, payments, monthly statements.

Every write is atomic and leaves an audit record saying who did it and why.
"""

from .authorities import (
    regulations_publication_record,
    serving_authority_clear_override,
    serving_authority_delete,
    serving_authority_override_commencement,
    serving_authority_save,
)
from .billing import (
    payment_record,
    statements_produce,
    statements_produce_again,
    statements_produce_month_ended,
)
from .recognition import (
    arrangement_record,
    third_party_publish,
    third_party_request_recognition,
    third_party_review_approve,
    third_party_revoke,
    third_party_stop_service,
)
from .reports import (
    ReportRefused,
    report_fail,
    report_process,
    report_process_in_background,
    report_refresh_totals,
    report_remove,
    report_submit,
)
from .retention import reports_purge_personal_data

__all__ = [
    "ReportRefused",
    "arrangement_record",
    "payment_record",
    "regulations_publication_record",
    "report_fail",
    "report_process",
    "report_process_in_background",
    "report_refresh_totals",
    "report_remove",
    "report_submit",
    "reports_purge_personal_data",
    "serving_authority_clear_override",
    "serving_authority_delete",
    "serving_authority_override_commencement",
    "serving_authority_save",
    "statements_produce",
    "statements_produce_again",
    "statements_produce_month_ended",
    "third_party_publish",
    "third_party_request_recognition",
    "third_party_review_approve",
    "third_party_revoke",
    "third_party_stop_service",
]
