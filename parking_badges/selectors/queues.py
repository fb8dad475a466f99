"""The clerks' and the doctor's queues (BADGE-8, BADGE-10)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, F, Prefetch, QuerySet

from .. import rules
from ..choices import OPEN_APPLICATION_STATUSES, ApplicationStatus
from ..models import BadgeApplication, MedicalDecision


@dataclass(frozen=True)
class QueueRow:
    application: BadgeApplication
    due_on: date
    days_left: int
    overdue: bool

    @property
    def days_overdue(self) -> int:
        return -self.days_left


def open_cases(*, status: str = "") -> QuerySet[BadgeApplication]:
    """BADGE-8: open cases, oldest material first."""
    cases = (
        BadgeApplication.objects.filter(status__in=OPEN_APPLICATION_STATUSES)
        .select_related("person")
        .annotate(document_count=Count("documents"))
        .order_by("material_received_on", "id")
    )
    return cases.filter(status=status) if status else cases


def overdue_count(*, today: date, status: str = "") -> int:
    """BADGE-8: how many open cases are past their 90 days (one query)."""
    latest_in_time = today - timedelta(days=rules.ANSWER_DUE_DAYS)
    return open_cases(status=status).filter(material_received_on__lt=latest_in_time).count()


def queue_rows(cases, *, today: date) -> list[QueueRow]:
    """The days left of the 90 for each case shown (BADGE-8)."""
    return [
        QueueRow(
            application=case,
            due_on=rules.answer_due_on(case.material_received_on),
            days_left=rules.days_left(case.material_received_on, today),
            overdue=rules.is_overdue(case.material_received_on, today),
        )
        for case in cases
    ]


def approved_waiting_for_badge() -> QuerySet[BadgeApplication]:
    """Approved cases whose holder has no badge printed since the approval."""
    return (
        BadgeApplication.objects.filter(status=ApplicationStatus.APPROVED, person__died_on=None)
        .exclude(person__badges__issued_on__gte=F("decided_on"))
        .select_related("person")
        .order_by("decided_on", "id")
    )


def institute_referrals() -> QuerySet[BadgeApplication]:
    """BADGE-10: the "medical institute" view: cases referred, and the answers received."""
    return (
        BadgeApplication.objects.filter(institute_referred_on__isnull=False)
        .select_related("person")
        .order_by(F("institute_answered_on").desc(nulls_first=True), "institute_referred_on")
    )


def doctor_queue() -> QuerySet[BadgeApplication]:
    return (
        BadgeApplication.objects.filter(status=ApplicationStatus.WITH_DOCTOR)
        .select_related("person")
        .annotate(document_count=Count("documents"))
        .order_by("sent_to_doctor_on", "id")
    )


def application_detail(application_id: int) -> BadgeApplication:
    return (
        BadgeApplication.objects.select_related("person", "appeal_of", "received_by")
        .prefetch_related(
            "documents",
            Prefetch("decisions", queryset=MedicalDecision.objects.select_related("decided_by")),
            "appeals",
            "approvals",
        )
        .get(pk=application_id)
    )
