"""The models of part 2.3, importer declarations (app label customs_valuation)."""

from .blocks import Block
from .declarations import (
    DeclarationDocument,
    DeclarationFinding,
    DeclarationStatusChange,
    ImporterDeclaration,
)
from .entries import Entry, EntryCorrection, EntryDefect
from .notices import AgentNotification, DailyCheck, DailyCheckItem, ValuerTask
from .parties import (
    AgentAuthorisation,
    Country,
    CustomsAgent,
    CustomsHouse,
    CustomsHouseStaff,
    DeclarationPolicy,
    Importer,
)
from .suppliers import Supplier, SupplierStatusChange

__all__ = [
    "AgentAuthorisation",
    "AgentNotification",
    "Block",
    "Country",
    "CustomsAgent",
    "CustomsHouse",
    "CustomsHouseStaff",
    "DailyCheck",
    "DailyCheckItem",
    "DeclarationDocument",
    "DeclarationFinding",
    "DeclarationPolicy",
    "DeclarationStatusChange",
    "Entry",
    "EntryCorrection",
    "EntryDefect",
    "Importer",
    "ImporterDeclaration",
    "Supplier",
    "SupplierStatusChange",
    "ValuerTask",
]
