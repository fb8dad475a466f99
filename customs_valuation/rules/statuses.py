"""Which statuses allow which work on a case (the transition table's sources)."""

from ..choices import CaseStatus

EDITABLE_STATUSES = frozenset({CaseStatus.OPEN, CaseStatus.AT_APPRAISER})
DECIDABLE_STATUSES = frozenset({CaseStatus.OPEN})
RELEASABLE_STATUSES = frozenset(
    {CaseStatus.NOTICE_OF_INTENT, CaseStatus.ANSWERED, CaseStatus.VALUE_SET, CaseStatus.APPEALED}
)
