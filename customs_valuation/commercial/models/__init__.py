"""The models of part 2.2, commercial import valuation (app label customs_valuation)."""

from .cases import (
    CaseGround,
    CaseItem,
    CaseTrigger,
    CommercialCase,
    Consultation,
    DamageRequest,
    VerificationCheck,
)
from .documents import CommercialDocument, DocumentRequest, Form145Check, RequestedDocument
from .methods import AcceptedValue, Candidate, MethodRecord, ValueHistory
from .notices import CaseSecurity, CommercialNotice
from .reference import CigarettePrice, CommercialPolicy, FreightNotice, UsualFreight
from .worksheet import Assist, AssistCheckRecord, CreditNote, RelatedExamination, WorksheetLine

__all__ = [
    "AcceptedValue",
    "Assist",
    "AssistCheckRecord",
    "Candidate",
    "CommercialDocument",
    "CaseGround",
    "CaseItem",
    "CaseSecurity",
    "CaseTrigger",
    "CigarettePrice",
    "CommercialCase",
    "CommercialNotice",
    "CommercialPolicy",
    "Consultation",
    "CreditNote",
    "DamageRequest",
    "DocumentRequest",
    "Form145Check",
    "FreightNotice",
    "MethodRecord",
    "RelatedExamination",
    "RequestedDocument",
    "UsualFreight",
    "ValueHistory",
    "VerificationCheck",
    "WorksheetLine",
]
