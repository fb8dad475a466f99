"""The agents' API of part 2.2 (CUS-95, CUS-56): the cases of the agent's entries with the
documents asked for and their due dates, uploads against each item, the notices (with their
page and PDF addresses), the importer's choice (CUS-80), a damage request (CUS-93); assists with
their spreading (CUS-77) and credit notes for the chief valuer (CUS-70). The same services and
validation as the portal; another agent's ids answer 404 as missing ones do."""

from .cases import CaseChoice, CaseDamage, CaseDetail, CaseDocuments, CaseList
from .pair import Assists, CreditNotes

__all__ = [
    "Assists",
    "CaseChoice",
    "CaseDamage",
    "CaseDetail",
    "CaseDocuments",
    "CaseList",
    "CreditNotes",
]
