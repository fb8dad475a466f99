"""The clerks' and the doctor's queues (BADGE-8, BADGE-10)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import EmptyResultSet
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone

from taxportal.paging import QUEUE_COUNT_AHEAD, counted_together
from taxportal.queues import Terms

from .. import rules
from ..choices import OPEN_APPLICATION_STATUSES, ApplicationStatus
from ..models import (
    Badge,
    BadgeApplication,
    DisabledPerson,
    MedicalDecision,
    MedicalDocument,
    ReplacementRequest,
)
from .badges import badges_to_print


@dataclass(frozen=True)
class QueueRow:
    application: BadgeApplication
    due_on: date
    days_left: int
    overdue: bool
    info_overdue: bool = False

    @property
    def days_overdue(self) -> int:
        return -self.days_left


QUEUE_ORDER = ("material_received_on", "id")
# What the clerks' and the doctor's queues show of a case: their pages read these columns only
# (the application's two dozen others and the holder's address cost a page building and
# reading them).
CASE_SHOWN = (
    "kind",
    "status",
    "ground",
    "channel",
    "material_received_on",
    "sent_to_doctor_on",
    "info_due_on",
    "person__first_name",
    "person__last_name",
    "person__national_id",
)


def open_cases(
    *,
    status: str = "",
    kind: str = "",
    due: str = "",
    search: Terms | None = None,
    ordering: tuple = QUEUE_ORDER,
    today: date | None = None,
) -> QuerySet[BadgeApplication]:
    """BADGE-8: open cases, oldest material first (the answer is due 90 days after it), filtered
    and ordered in SQL on indexed columns; the documents are counted for the rows shown only
    (`queue_rows`)."""
    today = today or timezone.localdate()
    cases = BadgeApplication.objects.filter(status__in=OPEN_APPLICATION_STATUSES)
    if status:
        cases = cases.filter(status=status)
    if kind:
        cases = cases.filter(kind=kind)
    if due == "overdue":
        cases = cases.filter(material_received_on__lt=_latest_in_time(today))
    elif due == "info_overdue":
        cases = cases.filter(status=ApplicationStatus.INFO_REQUESTED, info_due_on__lt=today)
    if search is not None:
        cases = cases.filter(_matching(search))
    return _with_document_count(cases.select_related("person").order_by(*ordering))


def _with_document_count(cases: QuerySet[BadgeApplication]) -> QuerySet[BadgeApplication]:
    """Each case's documents counted by a subquery in the select list: PostgreSQL evaluates it
    for the rows of the page only (after the index scan and the limit), and a count of the
    queue leaves it out; never a GROUP BY over every open case."""
    return cases.annotate(document_count=_DOCUMENT_COUNT)


# Built once: `annotate` resolves a copy for each queryset, and building the subquery's
# queryset anew cost a queue page about 0.15 ms of its budget of a few (docs/performance.md).
_DOCUMENT_COUNT = Coalesce(
    Subquery(
        MedicalDocument.objects.filter(application=OuterRef("pk"))
        .order_by()
        .values("application")
        .annotate(count=Count("id"))
        .values("count")
    ),
    0,
)


def _latest_in_time(today: date) -> date:
    return today - timedelta(days=rules.ANSWER_DUE_DAYS)


def _matching(search: Terms) -> Q:
    """A case by its number, its holder's identity number (both indexed), or every word of the
    holder's name (a trigram index on PostgreSQL)."""
    if search.number is not None:
        people = (
            list(
                DisabledPerson.objects.filter(national_id=search.national_id).values_list(
                    "pk", flat=True
                )
            )
            if search.national_id
            else []
        )
        return Q(pk=search.number) | Q(person_id__in=people)
    found = Q()
    for word in search.words:
        found &= Q(person__first_name__icontains=word) | Q(person__last_name__icontains=word)
    return found


def overdue_cases(*, today: date, status: str = "", cases=None) -> QuerySet[BadgeApplication]:
    """BADGE-8: the cases past their 90 days (on the index), their ids only."""
    cases = open_cases(status=status, today=today) if cases is None else cases
    # The ids only: the page's document counts are no part of how many are overdue.
    return cases.filter(material_received_on__lt=_latest_in_time(today)).order_by().values("pk")


def overdue_count(*, today: date, status: str = "", cases=None, up_to: int | None = None) -> int:
    """BADGE-8: how many of the cases are past their 90 days (one query on the index); with
    `up_to`, counted only so far (up_to + 1 means "more")."""
    overdue = overdue_cases(today=today, status=status, cases=cases)
    return overdue.count() if up_to is None else overdue[: up_to + 1].count()


def _side_lists(cases, *, today: date) -> dict[str, tuple[QuerySet, int | None]]:
    """What the clerks' queue counts beside its page: the overdue cases (up to one more than
    the page says) and the badges waiting for print."""
    return {
        "overdue": (overdue_cases(today=today, cases=cases), QUEUE_COUNT_AHEAD + 1),
        "waiting_for_print": (badges_to_print(), None),
    }


def with_side_counts(cases, *, today: date) -> QuerySet[BadgeApplication]:
    """The clerks' queue with its side counts on every row, each an uncorrelated scalar
    subquery that PostgreSQL evaluates once: read with the page, not by a query of their own
    (under load each query is a wait for the database's turn)."""
    return cases.annotate(
        **{
            f"{_SIDE}{name}": _counted(items, limit)
            for name, (items, limit) in _side_lists(cases, today=today).items()
        }
    )


def side_counts(rows, cases, *, today: date) -> dict[str, int]:
    """The side counts read with the page (`with_side_counts`); counted by themselves when
    the page has no row."""
    if rows:
        return {
            name: getattr(rows[0], f"{_SIDE}{name}") for name in ("overdue", "waiting_for_print")
        }
    return counted_together(**_side_lists(cases, today=today))


_SIDE = "side_counted_"


def _counted(items: QuerySet, limit: int | None):
    """How many rows `items` holds (up to `limit`), as a scalar subquery of ids."""
    ids = items.order_by().values("pk")
    ids = ids if limit is None else ids[:limit]
    try:
        sql, params = ids.query.get_compiler(using=items.db).as_sql()
    except EmptyResultSet:  # matches nothing
        return Value(0)
    return RawSQL(f"SELECT COUNT(*) FROM ({sql}) counted", params, output_field=IntegerField())


def queue_rows(cases, *, today: date) -> list[QueueRow]:
    """The days left of the 90 for each case shown (BADGE-8); a case whose "more information
    by" date passed is flagged (BADGE-10)."""
    rows = []
    for case in cases:
        rows.append(
            QueueRow(
                application=case,
                due_on=rules.answer_due_on(case.material_received_on),
                days_left=rules.days_left(case.material_received_on, today),
                overdue=rules.is_overdue(case.material_received_on, today),
                info_overdue=rules.info_overdue(
                    status=case.status, info_due_on=case.info_due_on, today=today
                ),
            )
        )
    return rows


def approved_waiting_for_badge() -> QuerySet[BadgeApplication]:
    """Approved cases whose holder has no badge printed since the approval."""
    return (
        BadgeApplication.objects.filter(status=ApplicationStatus.APPROVED, person__died_on=None)
        .filter(~_BADGE_SINCE_DECISION)
        .select_related("person")
        .only("decided_on", "person__first_name", "person__last_name")
        .order_by("decided_on", "id")
    )


# The same NOT EXISTS as `.exclude(person__badges__issued_on__gte=F("decided_on"))`, written
# out and built once: Django's exclusion across a relation cost the clerks' queue a millisecond
# to build and compile, more than the query itself.
_BADGE_SINCE_DECISION = Exists(
    Badge.objects.filter(person=OuterRef("person"), issued_on__gte=OuterRef("decided_on"))
)


def institute_referrals() -> QuerySet[BadgeApplication]:
    """BADGE-10: the "medical institute" view: cases referred, and the answers received."""
    return (
        BadgeApplication.objects.filter(institute_referred_on__isnull=False)
        .select_related("person")
        .only(
            "institute_referred_on",
            "institute_answered_on",
            "institute_answer",
            "person__first_name",
            "person__last_name",
        )
        .order_by(F("institute_answered_on").desc(nulls_first=True), "institute_referred_on")
    )


DOCTOR_ORDER = ("sent_to_doctor_on", "id")


def doctor_queue(
    *,
    kind: str = "",
    ground: str = "",
    search: Terms | None = None,
    ordering: tuple = DOCTOR_ORDER,
) -> QuerySet[BadgeApplication]:
    """BADGE-10: the cases with the department doctor, the longest waiting first; counted and
    paged in SQL (a partial index on the cases with the doctor)."""
    cases = BadgeApplication.objects.filter(status=ApplicationStatus.WITH_DOCTOR)
    if kind:
        cases = cases.filter(kind=kind)
    if ground:
        cases = cases.filter(ground=ground)
    if search is not None:
        cases = cases.filter(_matching(search))
    return _with_document_count(cases.select_related("person").order_by(*ordering))


def application_detail(application_id: int) -> BadgeApplication:
    return (
        BadgeApplication.objects.select_related(
            "person", "appeal_of", "received_by", "source_document"
        )
        .prefetch_related(
            "documents",
            Prefetch("decisions", queryset=MedicalDecision.objects.select_related("decided_by")),
            "appeals",
            "approvals",
        )
        .get(pk=application_id)
    )


def application_sent_from(submission_token) -> BadgeApplication | None:
    """BADGE-55: the application already recorded from this form page, if any."""
    if submission_token is None:
        return None
    return BadgeApplication.objects.filter(submission_token=submission_token).first()


def open_replacement_requests(limit: int = 50) -> list[ReplacementRequest]:
    """Issue 15, BADGE-14, BADGE-18: the citizens' requests for a new badge not yet printed, the
    oldest first, each with the date it should reach the holder (one query)."""
    return list(
        ReplacementRequest.objects.filter(handled_on__isnull=True)
        .select_related("person")
        .only(
            "reason",
            "old_vehicle_number",
            "new_vehicle_number",
            "requested_on",
            "expected_on",
            "person__first_name",
            "person__last_name",
        )
        .order_by("requested_on", "id")[:limit]
    )
