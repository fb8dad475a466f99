"""Disabled-parking badges by area: the holder's file, applications and the doctor's decisions,
the vehicle register and the vehicles on a file, badges and print files, fees and exemptions,
transfers, refunds, importers' files and the enforcement file.

Statuses change only through `parking_badges.services`. The choices live in
`parking_badges.choices` and are re-exported here, so `parking_badges.models.X` keeps working."""

from ..choices import (
    CURRENT_BADGE_STATUSES,
    OPEN_APPLICATION_STATUSES,
    REPLACEMENT_REASONS,
    ApplicationKind,
    ApplicationStatus,
    ApprovalSource,
    BadgeReason,
    BadgeStatus,
    DecisionOutcome,
    DifferenceCause,
    DifferenceStatus,
    EligibilityGround,
    EntitlementSource,
    EvidenceKind,
    ExemptionStatus,
    FamilyRelation,
    FeeContext,
    ImporterFileStatus,
    IneligibleReason,
    OwnerKind,
    OwnerRelation,
    RefundKind,
    RefundStatus,
    TariffOutcome,
    TransferCause,
    TransferFeePayer,
    VehicleGround,
    VehicleSource,
    VehicleType,
)
from .applications import (
    BadgeApplication,
    MedicalDecision,
    MedicalDocument,
    medical_document_path,
)
from .badges import (
    Badge,
    PrintClaim,
    PrintFile,
    print_file_path,
)
from .enforcement import (
    EnforcementAuthority,
    EnforcementDownload,
    EnforcementFile,
)
from .fees import (
    FeeDifference,
    FeeScheduleEntry,
    LicenceDispatch,
    LicencePeriod,
    ReducedFeeExemption,
)
from .holders import (
    DisabledPerson,
    EligibilityApproval,
)
from .importers import (
    ImporterVehicleFile,
)
from .refunds import (
    RefundLine,
    RefundRequest,
)
from .transfers import (
    OwnershipTransfer,
)
from .vehicles import (
    BadgeVehicle,
    GroundEvidence,
    Vehicle,
    VehicleOwner,
    VehicleRestriction,
    evidence_document_path,
)

__all__ = [
    "ApprovalSource",
    "EligibilityGround",
    "ApplicationKind",
    "ApplicationStatus",
    "OPEN_APPLICATION_STATUSES",
    "DecisionOutcome",
    "VehicleType",
    "OwnerKind",
    "VehicleGround",
    "FamilyRelation",
    "EvidenceKind",
    "VehicleSource",
    "BadgeStatus",
    "CURRENT_BADGE_STATUSES",
    "BadgeReason",
    "REPLACEMENT_REASONS",
    "ExemptionStatus",
    "DifferenceCause",
    "DifferenceStatus",
    "TransferCause",
    "TransferFeePayer",
    "RefundKind",
    "RefundStatus",
    "EntitlementSource",
    "ImporterFileStatus",
    "TariffOutcome",
    "FeeContext",
    "OwnerRelation",
    "IneligibleReason",
    "DisabledPerson",
    "EligibilityApproval",
    "BadgeApplication",
    "medical_document_path",
    "MedicalDocument",
    "MedicalDecision",
    "Vehicle",
    "VehicleOwner",
    "VehicleRestriction",
    "evidence_document_path",
    "BadgeVehicle",
    "GroundEvidence",
    "print_file_path",
    "PrintClaim",
    "PrintFile",
    "Badge",
    "FeeScheduleEntry",
    "LicencePeriod",
    "LicenceDispatch",
    "ReducedFeeExemption",
    "FeeDifference",
    "OwnershipTransfer",
    "RefundRequest",
    "RefundLine",
    "ImporterVehicleFile",
    "EnforcementAuthority",
    "EnforcementFile",
    "EnforcementDownload",
]
