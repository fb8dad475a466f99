"""Who reads which case: a valuer or chief valuer the cases of their customs houses, the
valuation unit every case, an agent the cases of its own entries; any other id answers 404 as a
missing one does. The queues: open cases with their due dates, guarantees about to lapse, credit
notes and consultations waiting."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Count, Min, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from taxportal.models import User

from .. import rules
from ..choices import ActorKind, CaseStatus, CreditNoteStatus, SecurityKind
from ..models import (
    CaseSecurity,
    CommercialCase,
    Consultation,
    CreditNote,
    DocumentRequest,
    MethodRecord,
)
from ..services.common import actor_kind, house_ids, policy_on

CASE_JOINS = (
    "entry__importer",
    "entry__agent",
    "entry__supplier",
    "entry__declaration",
    "customs_house",
    "country_of_export",
    "valuer",
    "decided_by",
)
OPEN = ~Q(status__in=[CaseStatus.ACCEPTED, CaseStatus.VALUE_SET])


def _pk(value) -> int:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < number < 2**63:
        raise Http404
    return number


def cases_for_staff(user: User) -> QuerySet[CommercialCase]:
    kind = actor_kind(user)
    cases = CommercialCase.objects.select_related(*CASE_JOINS)
    if kind == ActorKind.UNIT:
        return cases
    if kind in {ActorKind.VALUER, ActorKind.CHIEF}:
        return cases.filter(customs_house_id__in=house_ids(user))
    return cases.none()


def case_for_staff(user: User, pk) -> CommercialCase:
    case = cases_for_staff(user).filter(pk=_pk(pk)).first()
    if case is None:
        raise Http404
    return case


def cases_for_agent(agent) -> QuerySet[CommercialCase]:
    if agent is None:
        return CommercialCase.objects.none()
    return CommercialCase.objects.select_related(*CASE_JOINS).filter(entry__agent=agent)


def case_for_agent(agent, pk) -> CommercialCase:
    case = cases_for_agent(agent).filter(pk=_pk(pk)).first()
    if case is None:
        raise Http404
    return case


def refused_methods(case: CommercialCase) -> dict[str, str]:
    return dict(
        case.methods.filter(outcome=MethodRecord.INAPPLICABLE).values_list("method", "reason")
    )


def next_method(case: CommercialCase) -> str | None:
    return rules.next_method(refused_methods(case))


@dataclass(frozen=True)
class QueueRow:
    case: CommercialCase
    next_due: date | None
    lapsed: bool
    open_requests: int


def queue(user: User, *, status: str = "") -> QuerySet[CommercialCase]:
    """Open cases of the user's houses (the unit: all), oldest first, with the nearest due date
    of their document requests; under (c) with the chief valuer."""
    cases = cases_for_staff(user).filter(OPEN)
    if status in CaseStatus.values:
        cases = cases.filter(status=status)
    return cases.annotate(
        next_due=Min("document_requests__due_on"), requests=Count("document_requests")
    ).order_by("opened_at", "pk")


def guarantees_expiring(user: User, day: date | None = None) -> list[CaseSecurity]:
    """CUS-80 (as CUS-17): the queue warns before a guarantee lapses while its case is open."""
    day = day or timezone.localdate()
    try:
        days = policy_on(day).guarantee_warning_days
    except ValidationError:  # no reference data loaded: nothing can have been secured yet
        return []
    rows = CaseSecurity.objects.filter(
        kind=SecurityKind.BANK_GUARANTEE, case__in=cases_for_staff(user).filter(OPEN)
    ).select_related("case__entry")
    return [r for r in rows if rules.guarantee_warning(r.expires_on, today=day, days=days)]


def credit_notes_waiting(user: User) -> QuerySet[CreditNote]:
    if actor_kind(user) != ActorKind.CHIEF:
        return CreditNote.objects.none()
    return CreditNote.objects.filter(
        status=CreditNoteStatus.REQUESTED, customs_house_id__in=house_ids(user)
    ).select_related("importer", "supplier", "agent")


def consultations_open() -> QuerySet[Consultation]:
    return Consultation.objects.filter(answered_at__isnull=True).select_related(
        "case__entry", "asked_by"
    )


def requests_of(case: CommercialCase) -> list[DocumentRequest]:
    return list(
        case.document_requests.prefetch_related("items__uploads__form_145").select_related(
            "requested_by"
        )
    )
