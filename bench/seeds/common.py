"""What every area's seed shares: the batch size, the names and the logged-in users."""

from typing import Any

from taxportal.roles import Role

BATCH = 2000
FIRST = ["דנה", "יוסי", "רחל", "משה", "נועה", "אבי", "מיכל", "דוד", "Dana", "Lior"]
LAST = ["כהן", "לוי", "מזרחי", "פרץ", "ביטון", "דהן", "אברהם", "פרידמן", "Cohen", "Levi"]
ROLES = [
    Role.LICENSING_CLERK,
    Role.DEPARTMENT_DOCTOR,
    Role.IMPORTER_CLERK,
    Role.CUSTOMS_OFFICER,
    Role.APPEAL_COMMITTEE_MEMBER,
    Role.THIRD_PARTY_SUBMITTER,
    Role.AUTHORITY_FINANCE_CLERK,
    Role.CUSTOMS_AGENT,
    Role.CUSTOMS_HOUSE_VALUER,
]
MONTHS = 120  # the statements of one pair of parties: ten years of months
_users: dict[str, Any] = {}


def _name(n: int) -> tuple[str, str]:
    return FIRST[n % len(FIRST)], LAST[(n // len(FIRST)) % len(LAST)]
