"""The status transitions of the badge app as explicit tables, `{from: {action: to}}`, read by
the services (which refuse an action the table does not allow from the row's status) and by the
pages (which offer only the actions the table allows)."""

from ..choices import (
    ApplicationStatus,
    ApprovalSource,
    BadgeStatus,
    DecisionOutcome,
    DifferenceStatus,
    ExemptionStatus,
    ImporterFileStatus,
    RefundStatus,
)

# Actions on an application (BADGE-6 to BADGE-10); the doctor's decisions are the outcomes.
SEND_TO_DOCTOR = "send_to_doctor"
RECORD_HEALTH_APPROVAL = "record_health_approval"
APPEAL = "appeal"
# BADGE-10: a case waiting for information past its date is extended or closed by the clerk.
EXTEND_INFO = "extend_info"
CLOSE_UNANSWERED = "close_unanswered"
DOCTOR_DECISIONS = frozenset(DecisionOutcome.values)

APPLICATION_TRANSITIONS: dict[str, dict[str, str]] = {
    ApplicationStatus.RECEIVED: {
        SEND_TO_DOCTOR: ApplicationStatus.WITH_DOCTOR,
        RECORD_HEALTH_APPROVAL: ApplicationStatus.APPROVED,
    },
    ApplicationStatus.WITH_DOCTOR: {
        DecisionOutcome.APPROVED: ApplicationStatus.APPROVED,
        DecisionOutcome.REJECTED: ApplicationStatus.REJECTED,
        DecisionOutcome.INFO_REQUESTED: ApplicationStatus.INFO_REQUESTED,
    },
    ApplicationStatus.INFO_REQUESTED: {
        SEND_TO_DOCTOR: ApplicationStatus.WITH_DOCTOR,
        EXTEND_INFO: ApplicationStatus.INFO_REQUESTED,
        CLOSE_UNANSWERED: ApplicationStatus.CLOSED,
    },
    # BADGE-9: an appeal is a new application; the rejected one stays rejected.
    ApplicationStatus.REJECTED: {APPEAL: ApplicationStatus.REJECTED},
    ApplicationStatus.APPROVED: {},
    ApplicationStatus.CLOSED: {},
}

# A badge (BADGE-14, BADGE-17, BADGE-48).
SEND_TO_PRINT = "send_to_print"
SUPERSEDE = "supersede"
CANCEL = "cancel"

BADGE_TRANSITIONS: dict[str, dict[str, str]] = {
    BadgeStatus.ORDERED: {
        SEND_TO_PRINT: BadgeStatus.SENT_TO_PRINT,
        SUPERSEDE: BadgeStatus.SUPERSEDED,
        CANCEL: BadgeStatus.CANCELLED,
    },
    BadgeStatus.SENT_TO_PRINT: {SUPERSEDE: BadgeStatus.SUPERSEDED, CANCEL: BadgeStatus.CANCELLED},
    BadgeStatus.SUPERSEDED: {},
    BadgeStatus.CANCELLED: {},
}

# A reduced-fee exemption (BADGE-31, BADGE-33) and a fee difference (BADGE-34).
ACTIVATE = "activate"
END = "end"
PAY = "pay"

EXEMPTION_TRANSITIONS: dict[str, dict[str, str]] = {
    ExemptionStatus.PENDING: {ACTIVATE: ExemptionStatus.ACTIVE, END: ExemptionStatus.ENDED},
    ExemptionStatus.ACTIVE: {END: ExemptionStatus.ENDED},
    ExemptionStatus.ENDED: {},
}

DIFFERENCE_TRANSITIONS: dict[str, dict[str, str]] = {
    DifferenceStatus.OPEN: {PAY: DifferenceStatus.PAID},
    DifferenceStatus.PAID: {},
}

# A refund request (BADGE-37 to BADGE-42).
APPROVE = "approve"
REJECT = "reject"

REFUND_TRANSITIONS: dict[str, dict[str, str]] = {
    RefundStatus.OPEN: {APPROVE: RefundStatus.APPROVED, REJECT: RefundStatus.REJECTED},
    RefundStatus.APPROVED: {PAY: RefundStatus.PAID},
    RefundStatus.PAID: {},
    RefundStatus.REJECTED: {},
}

# An importer's vehicle file (BADGE-43 to BADGE-46): the licence is printed while released.
RELEASE = "release"
PRINT_LICENCE = "print_licence"
CLOSE = "close"

IMPORTER_FILE_TRANSITIONS: dict[str, dict[str, str]] = {
    ImporterFileStatus.WITH_CUSTOMS: {RELEASE: ImporterFileStatus.RELEASED},
    ImporterFileStatus.RELEASED: {
        PRINT_LICENCE: ImporterFileStatus.RELEASED,
        CLOSE: ImporterFileStatus.CLOSED,
    },
    ImporterFileStatus.CLOSED: {},
}


def next_status(table: dict[str, dict[str, str]], status: str, action: str) -> str | None:
    """The status `action` leads to from `status`, or None when the table does not allow it."""
    return table.get(status, {}).get(action)


def allowed_actions(table: dict[str, dict[str, str]], status: str) -> frozenset[str]:
    return frozenset(table.get(status, {}))


def application_actions(*, status: str, source: str) -> frozenset[str]:
    """What may be done with an application now: its status's transitions, where a Ministry of
    Health approval is recorded without the doctor and any other goes to the doctor (BADGE-6)."""
    actions = set(allowed_actions(APPLICATION_TRANSITIONS, status))
    if source == ApprovalSource.MINISTRY_OF_HEALTH:
        actions.discard(SEND_TO_DOCTOR)
    else:
        actions.discard(RECORD_HEALTH_APPROVAL)
    return frozenset(actions)
