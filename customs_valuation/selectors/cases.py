"""The queues, the importer's own cases, notices and their signatories, and the case history.
Each read has a fixed number of queries whatever the list size."""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from taxportal.audit import audit_trail
from taxportal.models import User
from taxportal.roles import Role

from .. import rules
from ..models import (
    Appeal,
    CaseKind,
    CaseStatus,
    Decision,
    DecisionKind,
    NoticeDelivery,
    ProtestRelease,
    ReleaseStatus,
    ValuationCase,
    audit_action_label,
)
from .reference import ReferenceMissing, policy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# --- Lists -------------------------------------------------------------------------------------

OFFICER_OPEN_STATUSES = [
    CaseStatus.OPEN,
    CaseStatus.AT_APPRAISER,
    CaseStatus.AWAITING_APPROVAL,
    CaseStatus.NOTICE_OF_INTENT,
    CaseStatus.ANSWERED,
    CaseStatus.VALUE_SET,
    CaseStatus.APPEALED,
    CaseStatus.APPEAL_DECIDED,
]


@dataclass
class QueueRow:
    case: ValuationCase
    deadline: date | None
    deadline_label: str
    overdue: bool
    warnings: list[str]


def _with_relations(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("price_list_entry", "appeal").prefetch_related(
        Prefetch(
            "releases",
            queryset=ProtestRelease.objects.filter(status=ReleaseStatus.HELD),
            to_attr="held_releases",
        ),
        Prefetch(
            "decisions",
            queryset=Decision.objects.filter(
                delivery=NoticeDelivery.POST, notified_on__isnull=True
            ),
            to_attr="notices_to_post",
        ),
    )


def case_deadline(case: ValuationCase) -> tuple[date | None, str]:
    """The next date that matters on a case, and what happens on it."""
    if case.status == CaseStatus.NOTICE_OF_INTENT:
        return case.answer_due, _("Importer's answer due")
    if case.status == CaseStatus.VALUE_SET and case.appeal_due is None:
        return None, _("The appeal period starts when the posted notice is delivered")
    if case.status == CaseStatus.VALUE_SET:
        return case.appeal_due, _("Appeal period ends")
    if case.status == CaseStatus.APPEAL_DECIDED:
        return case.court_due, _("Court claim period ends")
    return None, ""


def queue_rows(statuses=None, today: date | None = None) -> list[QueueRow]:
    """The officers' queue: open cases with their deadline and guarantee warnings."""
    today = today or timezone.localdate()
    cases = _with_relations(
        ValuationCase.objects.filter(status__in=statuses or OFFICER_OPEN_STATUSES)
    )
    try:
        warning_days = policy(today).guarantee_warning_days
    except ReferenceMissing:
        warning_days = 0  # no policy yet: the queue still lists the cases, warning on the day
    rows = []
    for case in cases:
        deadline, label = case_deadline(case)
        warnings = [
            _("%(form)s valid until %(date)s: keep it valid until the decision")
            % {"form": release.get_form_display(), "date": release.expires_on.strftime("%d/%m/%Y")}
            for release in case.held_releases
            if release.expires_on
            and rules.guarantee_needs_warning(
                expires_on=release.expires_on, today=today, warning_days=warning_days
            )
        ]
        if case.notices_to_post:
            warnings.append(_("A notice is to go by post: print it and record its delivery"))
        rows.append(
            QueueRow(
                case=case,
                deadline=deadline,
                deadline_label=label,
                overdue=bool(deadline and deadline < today),
                warnings=warnings,
            )
        )
    rows.sort(key=lambda r: (not r.warnings, r.deadline or date.max, r.case.pk))
    return rows


def case_for_staff(pk: int) -> ValuationCase:
    try:
        return _with_relations(ValuationCase.objects.all()).get(pk=pk)
    except ValuationCase.DoesNotExist as missing:
        raise Http404 from missing


def case_for_importer(pk: int, user) -> ValuationCase:
    """The importer's own case; anyone else's is 'not found' (not even its existence shows)."""
    try:
        return _with_relations(_of_importer(user)).get(pk=pk)
    except ValuationCase.DoesNotExist as missing:
        raise Http404 from missing


def _of_importer(user) -> QuerySet:
    """CUS-4, CUS-12: the cases opened for the user's identity number, whenever they
    registered; a user without one has none."""
    if not getattr(user, "national_id", None):
        return ValuationCase.objects.none()
    return ValuationCase.objects.filter(importer_national_id=user.national_id)


def importer_cases(user) -> list[ValuationCase]:
    return list(_of_importer(user).select_related("appeal"))


def importer_account(case: ValuationCase) -> User | None:
    """The importer's portal account, if they have registered (notices go there, else by post)."""
    return User.objects.filter(national_id=case.importer_national_id, is_active=True).first()


def is_the_importer(case: ValuationCase, user) -> bool:
    return bool(getattr(user, "national_id", None)) and user.national_id == (
        case.importer_national_id
    )


def open_notice_of_intent(case: ValuationCase) -> Decision | None:
    return (
        case.decisions.filter(kind="notice_of_intent").order_by("-decided_at", "-id").first()
        if case.status == CaseStatus.NOTICE_OF_INTENT
        else None
    )


def appeals_for_committee() -> list[Appeal]:
    return list(
        Appeal.objects.filter(
            case__kind=CaseKind.VEHICLE,
            case__status=CaseStatus.APPEALED,
            forwarded_at__isnull=False,
        ).select_related("case")
    )


def case_history(case: ValuationCase) -> list:
    """The case's audit trail, each event labelled in the reader's language."""
    events: list[Any] = audit_trail(case)  # each gets a `label` to show
    for event in events:
        event.label = audit_action_label(event.action)
    return events


@dataclass(frozen=True)
class Signatory:
    name: str
    role: "StrOrPromise"


SUPERVISOR_DECISIONS = {
    DecisionKind.SUPERVISOR_ACCEPTED,
    DecisionKind.DISQUALIFIED,
    DecisionKind.DEPRECIATION_APPROVED,
    DecisionKind.DEPRECIATION_REFUSED,
    DecisionKind.APPEAL_FORWARDED,
}
APPEAL_DECISIONS = {DecisionKind.APPEAL_DECIDED, DecisionKind.GUARANTEE_SETTLED}


def notice_signatories(case: ValuationCase, decision: Decision) -> list[Signatory]:
    """Who signs a notice, with the role they decided in: the officer, the supervisor, the
    three committee members (vehicles, CUS-12) or the collector (goods, CUS-23)."""
    appeal = getattr(case, "appeal", None)
    if decision.kind in APPEAL_DECISIONS and appeal is not None:
        members = list(appeal.members.all())
        if members:
            return [
                Signatory(
                    member.get_full_name() or member.username,
                    _("Appeal committee, legal adviser or representative")
                    if member.pk == appeal.legal_adviser_id
                    else _("Appeal committee member"),
                )
                for member in members
            ]
    if decision.decided_by is None:
        return [Signatory(_("Personal import unit"), _("Customs, Israel Tax Authority"))]
    role: StrOrPromise
    if decision.kind in APPEAL_DECISIONS:
        role = _("Collector of customs")
    elif decision.kind in SUPERVISOR_DECISIONS:
        role = Role.IMPORT_SUPERVISOR.label
    else:
        role = Role.CUSTOMS_OFFICER.label
    return [Signatory(decision.decided_by.get_full_name() or decision.decided_by.username, role)]
