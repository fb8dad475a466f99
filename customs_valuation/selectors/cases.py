"""The queues, the importer's own cases, notices and their signatories, and the case history.
Each read has a fixed number of queries whatever the list size."""

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Value
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from taxportal.audit import audit_trail
from taxportal.models import User
from taxportal.queues import Terms, link
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
    href: str = ""
    status_label: "StrOrPromise" = ""  # read from the choices, not by get_X_display
    kind_label: "StrOrPromise" = ""


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


def _for_queue(queryset: QuerySet) -> QuerySet:
    """What a queue row shows beyond the case: its held guarantees (for the warnings) and
    whether a notice is still to go by post (a flag in the page's query, not a list)."""
    to_post = Decision.objects.filter(
        case=OuterRef("pk"), delivery=NoticeDelivery.POST, notified_on__isnull=True
    )
    return queryset.annotate(has_notice_to_post=Exists(to_post)).prefetch_related(
        Prefetch(
            "releases",
            queryset=ProtestRelease.objects.filter(status=ReleaseStatus.HELD),
            to_attr="held_releases",
        )
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


# The officers' queue's sorts: each reads its page from an index (models.ValuationCase.Meta).
ATTENTION_FIRST = "attention"
_BY_DEADLINE = F("queue_deadline").asc(nulls_last=True)  # the index's order on every database
QUEUE_SORTS = {
    ATTENTION_FIRST: (_BY_DEADLINE, "id"),
    "deadline": (_BY_DEADLINE, "id"),
    "status": ("status", _BY_DEADLINE, "id"),
    "newest": ("-id",),
}
CASE_REFERENCE = re.compile(r"^(?:CUS-?)?0*(\d{1,12})$", re.IGNORECASE)


def _warning_days(today: date) -> int:
    try:
        return policy(today).guarantee_warning_days
    except ReferenceMissing:
        return 0  # no policy yet: the queue still lists the cases, warning on the day


def needs_attention(today: date, warning_days: int) -> Q:
    """A case with a notice still to post, or a held guarantee that lapses within the warning
    days (or has lapsed): read through two partial indexes, never case by case."""
    to_post = Decision.objects.filter(delivery=NoticeDelivery.POST, notified_on__isnull=True)
    lapsing = ProtestRelease.objects.filter(
        status=ReleaseStatus.HELD, expires_on__lte=today + timedelta(days=warning_days)
    )
    return Q(pk__in=to_post.values("case_id")) | Q(pk__in=lapsing.values("case_id"))


def _matching(search: Terms) -> Q:
    """A case by its reference (CUS-000123 or 123) or the importer's identity number, both
    indexed; else every word in the importer's name or the chassis number (trigram indexes)."""
    reference = CASE_REFERENCE.match(search.compact)
    if reference:
        found = Q(pk=int(reference.group(1)))
        if search.national_id:
            found |= Q(importer_national_id=search.national_id)
        return found
    found = Q()
    for word in search.words:
        found &= Q(importer_name__icontains=word) | Q(chassis_number__icontains=word)
    return found


class CaseQueue(Sequence):
    """The officers' queue as the paginator reads it: counted and sliced in SQL, each page made
    into rows with their deadline and warnings in a fixed number of queries.

    The default order puts first the cases that need attention, then every case by its next
    deadline: one query takes the ids of the page from the two parts, each read in deadline
    order from its index and cut at the page's end, then the page's cases are read by id."""

    def __init__(self, cases: QuerySet, *, sort: str, today: date):
        self.cases = cases
        self.sort = sort if sort in QUEUE_SORTS else ATTENTION_FIRST
        self.today = today
        self.warning_days = _warning_days(today)
        self._count: int | None = None

    # Django's Paginator calls count() without an argument, as on a QuerySet.
    def count(self) -> int:  # type: ignore[override]
        if self._count is None:
            self._count = self.cases.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def count_up_to(self, limit: int) -> int:
        """How many cases, counted at most to `limit` (the paginator's horizon), unordered: an
        index-only scan that stops at `limit`, never a sort of the whole queue."""
        return self.cases.order_by()[:limit].count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            # The paginator slices within what it counted: no full count to bound the slice.
            start = index.start or 0
            stop = index.stop if index.stop is not None else self.count()
            return self._rows(self._page(start, stop)) if stop > start else []
        rows = self[index : index + 1]
        if not rows:
            raise IndexError(index)
        return rows[0]

    def __iter__(self) -> Iterator[QueueRow]:
        ordered = self._ordered()
        for start in itertools.count(0, EXPORT_CHUNK):
            chunk = self._page(start, start + EXPORT_CHUNK, ordered)
            if not chunk:
                return
            yield from self._rows(chunk)

    def _ordered(self) -> list[QuerySet]:
        """The queue's parts in order, each ordered (one part unless attention comes first)."""
        ordering = QUEUE_SORTS[self.sort]
        if self.sort != ATTENTION_FIRST:
            return [self.cases.order_by(*ordering)]
        attention = needs_attention(self.today, self.warning_days)
        return [
            self.cases.filter(attention).order_by(*ordering),
            self.cases.exclude(attention).order_by(*ordering),
        ]

    def _page(self, start: int, stop: int, ordered: list[QuerySet] | None = None) -> list:
        ordered = ordered or self._ordered()
        if len(ordered) == 1:
            return list(_for_queue(ordered[0])[start:stop])
        if connection.features.supports_slicing_ordering_in_compound:
            first, rest = (
                part.annotate(part=Value(number)).values_list("part", "queue_deadline", "id")[:stop]
                for number, part in enumerate(ordered)
            )
            ids = [
                case_id
                for _part, _deadline, case_id in first.union(rest, all=True).order_by(
                    "part", _BY_DEADLINE, "id"
                )[start:stop]
            ]
        else:  # SQLite cannot cut the parts of a UNION: each part cut alone, in order
            ids = [
                case_id for part in ordered for case_id in part.values_list("id", flat=True)[:stop]
            ][start:stop]
        found = _for_queue(ValuationCase.objects.filter(pk__in=ids)).in_bulk()
        return [found[case_id] for case_id in ids if case_id in found]

    def _rows(self, cases: list[ValuationCase]) -> list[QueueRow]:
        href = link("customs_valuation:case")
        rows = [queue_row(case, self.today, self.warning_days) for case in cases]
        for row in rows:
            row.href = href(row.case.pk)
            row.status_label = STATUS_LABELS[row.case.status]
            row.kind_label = KIND_LABELS[row.case.kind]
        return rows


EXPORT_CHUNK = 1000
STATUS_LABELS = dict(CaseStatus.choices)
KIND_LABELS = dict(CaseKind.choices)


def queue_row(case: ValuationCase, today: date, warning_days: int) -> QueueRow:
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
    if case.has_notice_to_post:
        warnings.append(_("A notice is to go by post: print it and record its delivery"))
    return QueueRow(
        case=case,
        deadline=deadline,
        deadline_label=label,
        overdue=bool(deadline and deadline < today),
        warnings=warnings,
    )


def queue_rows(
    statuses=None,
    today: date | None = None,
    *,
    search: Terms | None = None,
    kind: str = "",
    sort: str = ATTENTION_FIRST,
) -> CaseQueue:
    """The officers' queue: open cases (or those of the statuses given) with their deadline and
    guarantee warnings, those needing attention first, then by the next deadline; searched,
    counted and paged in SQL whatever its size."""
    today = today or timezone.localdate()
    cases = ValuationCase.objects.filter(status__in=statuses or OFFICER_OPEN_STATUSES)
    if kind:
        cases = cases.filter(kind=kind)
    if search is not None:
        cases = cases.filter(_matching(search))
    return CaseQueue(cases, sort=sort, today=today)


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


APPEAL_ORDER = ("forwarded_at", "id")


def appeals_for_committee(
    *, search: Terms | None = None, ordering: tuple = APPEAL_ORDER
) -> QuerySet[Appeal]:
    """CUS-12: vehicle appeals the supervisor forwarded, waiting for the committee; read in
    order from a partial index on the undecided ones, counted and paged in SQL."""
    appeals = Appeal.objects.filter(
        forwarded_at__isnull=False,
        decided_at__isnull=True,
        case__kind=CaseKind.VEHICLE,
        case__status=CaseStatus.APPEALED,
    )
    if search is not None:
        appeals = appeals.filter(
            **{"case__in": ValuationCase.objects.filter(_matching(search)).values("pk")}
        )
    return appeals.select_related("case").only(*_APPEAL_SHOWS).order_by(*ordering)


# What an appeal's row and its export show (the case's subject is its vehicle): not the rest of
# the case's some forty columns.
_APPEAL_SHOWS = (
    "filed_at",
    "forwarded_at",
    "case__kind",
    "case__importer_name",
    "case__importer_national_id",
    "case__make",
    "case__model",
    "case__manufacture_year",
    "case__goods_description",
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
