"""Pages for officers, the supervisor, the appeal committee and the importer. Thin: forms
validate, services decide, selectors read."""

from .actions import ACTIONS, Action, case_action
from .importer import (
    my_case,
    my_case_answer,
    my_case_appeal,
    my_case_upload,
    my_cases,
    personal_area_section,
)
from .notices import notice, notice_pdf
from .staff import appeals, case_detail, case_edit, case_open, queue

__all__ = [
    "ACTIONS",
    "Action",
    "appeals",
    "case_action",
    "case_detail",
    "case_edit",
    "case_open",
    "my_case",
    "my_case_answer",
    "my_case_appeal",
    "my_case_upload",
    "my_cases",
    "notice",
    "notice_pdf",
    "personal_area_section",
    "queue",
]
