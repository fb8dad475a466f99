"""Who reads which case: a valuer or chief valuer the cases of their customs houses, the
valuation unit every case, an agent the cases of its own entries; any other id answers 404 as a
missing one does. The queues: open cases with their due dates, guarantees about to lapse, credit
notes and consultations waiting."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from taxportal.models import User

from ...declarations.models import Entry
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
from ..services.common import actor_kind, houses_of, policy_on

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
        return cases.filter(customs_house_id__in=houses_of(user))
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


GUARANTEES_SHOWN = 25


def queue(user: User, *, status: str = "") -> QuerySet[CommercialCase]:
    """Open cases of the user's houses (the unit: all), oldest first, each with the nearest due
    date of its document requests: a subquery in the select list, so PostgreSQL reads it for
    the rows of the page only; the order is a partial index's (open cases by opening)."""
    cases = cases_for_staff(user).filter(OPEN)
    if status in CaseStatus.values:
        cases = cases.filter(status=status)
    nearest_due = (
        DocumentRequest.objects.filter(case=OuterRef("pk")).order_by("due_on").values("due_on")
    )
    return (
        cases.select_related(None)
        .select_related("entry__importer")
        .only("status", "entry__number", "entry__importer__name")  # what a row shows
        .annotate(next_due=Subquery(nearest_due[:1]))
        .order_by("opened_at", "pk")
    )


def entries_to_value(user: User) -> QuerySet[Entry]:
    """The entries of the valuer's houses with no case yet, not archived, routed to thorough
    examination or not yet released; the oldest filed first, read in the order of a partial
    index (entries not archived, by house and filing), each checked for a case by its unique
    index."""
    if actor_kind(user) not in {ActorKind.VALUER, ActorKind.CHIEF}:
        return Entry.objects.none()
    return (
        Entry.objects.filter(customs_house_id__in=houses_of(user), archived_at__isnull=True)
        .filter(Q(thorough_examination=True) | Q(released_at__isnull=True))
        .filter(~Exists(CommercialCase.objects.filter(entry=OuterRef("pk"))))
        .select_related("importer")
        .only(  # what an item shows
            "number", "importer__name", "goods_value", "currency", "thorough_examination"
        )
        .order_by("filed_at", "pk")
    )


def guarantees_expiring(user: User, day: date | None = None) -> list[CaseSecurity]:
    """CUS-80 (as CUS-17): the queue warns before a guarantee lapses while its case is open; the
    guarantees within the warning days are read from the expiry index, the nearest first."""
    day = day or timezone.localdate()
    try:
        days = policy_on(day).guarantee_warning_days
    except ValidationError:  # no reference data loaded: nothing can have been secured yet
        return []
    rows = (
        CaseSecurity.objects.filter(
            kind=SecurityKind.BANK_GUARANTEE,
            expires_on__lte=day + timedelta(days=days),
            case__in=cases_for_staff(user).filter(OPEN).values("pk"),
        )
        .select_related("case__entry")
        .only("reference", "expires_on", "case__entry__number")  # what the queue shows
        .order_by("expires_on", "pk")[:GUARANTEES_SHOWN]
    )
    return [r for r in rows if rules.guarantee_warning(r.expires_on, today=day, days=days)]


def credit_notes_waiting(user: User) -> QuerySet[CreditNote]:
    if actor_kind(user) != ActorKind.CHIEF:
        return CreditNote.objects.none()
    return CreditNote.objects.filter(
        status=CreditNoteStatus.REQUESTED, customs_house_id__in=houses_of(user)
    ).select_related("importer", "supplier", "agent")


def consultations_open(user: User) -> QuerySet[Consultation]:
    """CUS-94: the questions the valuation unit has not answered yet, for the unit's staff."""
    if actor_kind(user) != ActorKind.UNIT:
        return Consultation.objects.none()
    return Consultation.objects.filter(answered_at__isnull=True).select_related(
        "case__entry", "asked_by"
    )


def requests_of(case: CommercialCase) -> list[DocumentRequest]:
    return list(
        case.document_requests.prefetch_related("items__uploads__form_145").select_related(
            "requested_by"
        )
    )
