"""The portal's roles: Django groups, the permissions each holds, and where each starts work.

Permissions are declared on the User model (app label `taxportal`) so that roles exist from the
first migration, before any app's models; pages check them with `taxportal.permissions`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    LICENSING_CLERK = "licensing_clerk", _("Licensing clerk")
    MOBILITY_CLERK = "mobility_clerk", _("Mobility-department clerk")
    DEPARTMENT_DOCTOR = "department_doctor", _("Department doctor")
    IMPORTER_CLERK = "importer_clerk", _("Importer clerk")
    CALL_CENTRE_AGENT = "call_centre_agent", _("Call-centre agent")
    INSPECTOR = "inspector", _("Inspector")
    CUSTOMS_OFFICER = "customs_officer", _("Customs officer")
    IMPORT_SUPERVISOR = "import_supervisor", _("Personal-import supervisor")
    APPEAL_COMMITTEE_MEMBER = "appeal_committee_member", _("Appeal-committee member")
    THIRD_PARTY_SUBMITTER = "third_party_submitter", _("Third-party submitter")
    AUTHORITY_FINANCE_CLERK = "authority_finance_clerk", _("Authority finance clerk")
    CUSTOMS_AGENT = "customs_agent", _("Customs agent")
    CUSTOMS_HOUSE_VALUER = "customs_house_valuer", _("Customs-house valuer")
    VALUATION_UNIT = "valuation_unit", _("Valuation-unit staff")
    CHIEF_VALUER = "chief_valuer", _("Chief valuer")
    CUSTOMS_DIRECTOR = "customs_director", _("Customs Director")
    ADMINISTRATOR = "administrator", _("Administrator")


# codename -> description; declared as User.Meta.permissions.
PERMISSIONS = {
    "use_personal_area": "Use the citizen's personal area",
    "process_badges": "Receive badge applications, record vehicles, print badges",
    "handle_badge_fees": "Record transfers, restrictions and refunds",
    "decide_medical": "Decide badge applications as the department doctor",
    "open_importer_vehicles": "Open new vehicles for exempt buyers (importer screens)",
    "view_badge_status": "Read the status of badge applications (call centre)",
    "check_badges": "Check whether a badge is valid (inspector)",
    "value_imports": "Value personal imports (customs officer)",
    "supervise_valuations": "Decide as the personal-import supervisor",
    "decide_valuation_appeals": "Decide valuation appeals (appeal committee)",
    "submit_garnishment_reports": "Submit garnishment answer reports for one third party",
    "record_garnishment_payments": "Record garnishment fee payments for one authority",
    "act_as_customs_agent": "File suppliers, importer declarations and entries for importers",
    "check_importer_declarations": "Set supplier and declaration codes; entry corrections",
    "control_supplier_database": "Cancel and merge suppliers, cancel declarations",
    "value_commercial_imports": "Verify and set the value of commercial imports (valuer)",
    "act_as_chief_valuer": "Approve credit notes; decide files released against security",
    "answer_valuation_consultations": "Answer valuers' consultations; read every commercial case",
    "issue_freight_notices": "Issue the Director's special-circumstance freight notices",
    "read_audit": "Read the audit trail",
}

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.CITIZEN: ["use_personal_area"],
    Role.LICENSING_CLERK: ["process_badges", "handle_badge_fees"],
    Role.MOBILITY_CLERK: ["process_badges", "handle_badge_fees"],
    Role.DEPARTMENT_DOCTOR: ["decide_medical"],
    Role.IMPORTER_CLERK: ["open_importer_vehicles"],
    Role.CALL_CENTRE_AGENT: ["view_badge_status"],
    Role.INSPECTOR: ["check_badges"],
    Role.CUSTOMS_OFFICER: ["value_imports"],
    Role.IMPORT_SUPERVISOR: ["value_imports", "supervise_valuations"],
    Role.APPEAL_COMMITTEE_MEMBER: ["decide_valuation_appeals"],
    Role.THIRD_PARTY_SUBMITTER: ["submit_garnishment_reports"],
    Role.AUTHORITY_FINANCE_CLERK: ["record_garnishment_payments"],
    Role.CUSTOMS_AGENT: ["act_as_customs_agent"],
    Role.CUSTOMS_HOUSE_VALUER: ["check_importer_declarations", "value_commercial_imports"],
    Role.VALUATION_UNIT: [
        "check_importer_declarations",
        "control_supplier_database",
        "answer_valuation_consultations",
    ],
    Role.CHIEF_VALUER: [
        "check_importer_declarations",
        "value_commercial_imports",
        "act_as_chief_valuer",
    ],
    Role.CUSTOMS_DIRECTOR: ["issue_freight_notices"],
    Role.ADMINISTRATOR: list(PERMISSIONS),
}

# Where each role starts its work (a URL name); the first role a user holds wins.
START_PAGES: dict[str, str] = {
    Role.ADMINISTRATOR: "admin:index",
    Role.LICENSING_CLERK: "parking_badges:queue",
    Role.MOBILITY_CLERK: "parking_badges:queue",
    Role.DEPARTMENT_DOCTOR: "parking_badges:doctor_queue",
    Role.IMPORTER_CLERK: "parking_badges:importer",
    Role.CALL_CENTRE_AGENT: "parking_badges:status_search",
    Role.INSPECTOR: "parking_badges:check",
    Role.CUSTOMS_OFFICER: "customs_valuation:queue",
    Role.IMPORT_SUPERVISOR: "customs_valuation:queue",
    Role.APPEAL_COMMITTEE_MEMBER: "customs_valuation:appeals",
    Role.THIRD_PARTY_SUBMITTER: "garnishment:reports",
    Role.AUTHORITY_FINANCE_CLERK: "garnishment:authority_home",
    Role.CUSTOMS_AGENT: "customs_declarations:agent_home",
    Role.CHIEF_VALUER: "customs_commercial:queue",
    Role.CUSTOMS_HOUSE_VALUER: "customs_declarations:queue",
    Role.CUSTOMS_DIRECTOR: "customs_commercial:freight_notices",
    Role.VALUATION_UNIT: "customs_declarations:database",
    Role.CITIZEN: "registration:personal_area",
}


# Groups whose accounts reach the APIs only, with a token: they never log in to a page.
API_ONLY_GROUPS = frozenset({"printing_house"})


def is_citizen_only(user) -> bool:
    """A citizen's account: citizens log in with identity number + user code + password only."""
    roles = set(user.roles)
    return Role.CITIZEN in roles and roles <= {Role.CITIZEN} and not user.is_staff


def is_api_only(user) -> bool:
    """An account of the APIs only (the printing house), holding no role and no staff flag."""
    roles = set(user.roles)
    return bool(roles & API_ONLY_GROUPS) and not (roles - API_ONLY_GROUPS) and not user.is_staff


def perm(codename: str) -> str:
    """The full permission name for `user.has_perm`."""
    if codename not in PERMISSIONS:
        raise KeyError(f"unknown portal permission {codename!r}")
    return f"taxportal.{codename}"


def sync_role_groups(group_model, permission_model, content_type_model) -> None:
    """Create the role groups with their permissions; idempotent.

    Takes the model classes so the data migration can pass its historical models and tests can
    restore the groups after a transactional test has flushed the database.
    """
    user_type, _ = content_type_model.objects.get_or_create(app_label="taxportal", model="user")
    permissions = {
        codename: permission_model.objects.get_or_create(
            content_type=user_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in PERMISSIONS.items()
    }
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=str(role))
        group.permissions.add(*(permissions[c] for c in codenames))
