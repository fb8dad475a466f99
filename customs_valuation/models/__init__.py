"""Customs valuation of personal imports: the reference tables (data with effective dates) and
the vehicle and goods cases with their documents, decisions, answers, appeals and guarantees.

Statuses change only through `services`. The closed lists live in `choices` and are re-exported
here so `customs_valuation.models.CaseStatus` keeps working.
"""

from ..choices import (
    DECISION_ACTION_PREFIX,
    NOTICE_KINDS,
    REQUIRED_DOCUMENTS,
    AppealOutcome,
    AuditAction,
    CaseKind,
    CaseStatus,
    DecisionKind,
    DocumentKind,
    ExtraSource,
    FreightOrigin,
    NoticeDelivery,
    ReleaseForm,
    ReleaseStatus,
    TaxCategory,
    UsedAbroadBasis,
    audit_action_label,
)
from ..commercial import models as commercial_models  # noqa: F401 - part 2.2
from ..declarations import models as declarations_models  # noqa: F401 - part 2.3
from .cases import CaseDocument, CaseExtra, ValuationCase, document_path
from .decisions import Appeal, Decision, ImporterAnswer, ProtestRelease
from .fields import AMOUNT_RANGE, MONEY, PERCENT, PERCENT_RANGE, SaneDate
from .reference import (
    DepreciationRate,
    FreightRate,
    OptionalExtra,
    TaxRate,
    ValuationPolicy,
    VehiclePrice,
)

__all__ = [
    "AMOUNT_RANGE",
    "DECISION_ACTION_PREFIX",
    "MONEY",
    "NOTICE_KINDS",
    "PERCENT",
    "PERCENT_RANGE",
    "REQUIRED_DOCUMENTS",
    "Appeal",
    "AppealOutcome",
    "AuditAction",
    "CaseDocument",
    "CaseExtra",
    "CaseKind",
    "CaseStatus",
    "Decision",
    "DecisionKind",
    "DepreciationRate",
    "DocumentKind",
    "ExtraSource",
    "FreightOrigin",
    "FreightRate",
    "ImporterAnswer",
    "NoticeDelivery",
    "OptionalExtra",
    "ProtestRelease",
    "ReleaseForm",
    "ReleaseStatus",
    "SaneDate",
    "TaxCategory",
    "TaxRate",
    "UsedAbroadBasis",
    "ValuationCase",
    "ValuationPolicy",
    "VehiclePrice",
    "audit_action_label",
    "document_path",
]
