"""Reads for the badge pages, each in a fixed number of queries whatever the list size."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from . import rules
from .models import (
    CURRENT_BADGE_STATUSES,
    OPEN_APPLICATION_STATUSES,
    ApplicationStatus,
    Badge,
    BadgeApplication,
    BadgeStatus,
    BadgeVehicle,
    DecisionOutcome,
    DisabledPerson,
    EligibilityApproval,
    MedicalDecision,
    PrintFile,
    Vehicle,
)

# --- The holder's file -------------------------------------------------------------------


def current_badges(person: DisabledPerson) -> list[Badge]:
    """The holder's current badges, one per slot (more than one only for BADGE-25)."""
    return list(person.badges.filter(status__in=CURRENT_BADGE_STATUSES).order_by("slot"))


def current_badge(person: DisabledPerson) -> Badge | None:
    badges = current_badges(person)
    return badges[0] if badges else None


def current_approval(person: DisabledPerson, today: date) -> EligibilityApproval | None:
    """The approval a badge printed today rests on: the latest one already in force, the one
    ending last first (a permanent one before any that ends)."""
    approvals = person.approvals.filter(valid_from__lte=today)
    in_force = approvals.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    return (
        in_force.order_by("-approved_on", "-id").first()
        or approvals.order_by("-approved_on", "-id").first()
    )


def vehicle_facts(vehicle: Vehicle, on: date | None = None) -> rules.VehicleFacts:
    owners = [o for o in vehicle.owners.all() if o.owned_until is None]
    restrictions = [r for r in vehicle.restrictions.all() if r.removed_on is None]
    return rules.VehicleFacts(
        vehicle_type=vehicle.vehicle_type,
        tariff_code=vehicle.tariff_code,
        owner_ids=frozenset(o.national_id for o in owners),
        owner_kinds=frozenset(o.kind for o in owners),
        restriction_codes=frozenset(r.code for r in restrictions if r.code),
        restriction_texts=frozenset(r.free_text for r in restrictions if r.free_text),
        is_collector=vehicle.is_collector,
        is_active=vehicle.is_active,
        manufactured_on=vehicle.manufactured_on,
    )


def person_file(person_id: int) -> DisabledPerson:
    """The holder's file with everything the clerk's page shows, prefetched."""
    return (
        DisabledPerson.objects.prefetch_related(
            Prefetch(
                "badge_vehicles",
                queryset=BadgeVehicle.objects.select_related("vehicle")
                .prefetch_related("evidence", "vehicle__owners", "vehicle__restrictions")
                .order_by("removed_on", "added_on", "id"),
            ),
            Prefetch("badges", queryset=Badge.objects.select_related("print_file")),
            "approvals",
            Prefetch("applications", queryset=BadgeApplication.objects.order_by("-id")),
        )
    ).get(pk=person_id)


# --- Queues ------------------------------------------------------------------------------


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


# --- Status for the citizen and the call centre (BADGE-11) -------------------------------


@dataclass(frozen=True)
class CaseStatus:
    """A case in the words the call centre uses (BADGE-11) and the expected times (BADGE-18)."""

    application: BadgeApplication
    sent_to_doctor_on: date | None
    decision: str
    decided_on: date | None
    info_from: date | None
    info_until: date | None
    expected: str


@dataclass(frozen=True)
class HolderStatus:
    person: DisabledPerson
    cases: list[CaseStatus]
    badge: Badge | None

    @property
    def badge_expected_on(self) -> date | None:
        """BADGE-18: about when the current badge reaches the holder (None without one)."""
        badge = self.badge
        if badge is None or badge.status not in CURRENT_BADGE_STATUSES:
            return None
        return rules.expected_badge_arrival(
            reason=badge.reason,
            requested_on=badge.issued_on,
            approved_on=badge.approval.approved_on,
        )


def _case_status(case: BadgeApplication) -> CaseStatus:
    decisions = list(case.decisions.all())
    last = decisions[-1] if decisions else None
    expected = ""
    if case.status == ApplicationStatus.APPROVED:
        expected = str(_("A new badge reaches you within about two weeks of the approval."))
    elif case.status in OPEN_APPLICATION_STATUSES:
        expected = str(_("An answer is due by %(date)s.")) % {
            "date": rules.answer_due_on(case.material_received_on).strftime("%d/%m/%Y")
        }
    if last is not None:
        decision = last.get_outcome_display()
    elif case.status == ApplicationStatus.APPROVED:
        decision = case.get_source_display() + " — " + str(_("Approved"))
    else:
        decision = ""
    return CaseStatus(
        application=case,
        sent_to_doctor_on=case.sent_to_doctor_on,
        decision=decision,
        decided_on=last.decided_on if last else case.decided_on,
        info_from=last.decided_on
        if last and last.outcome == DecisionOutcome.INFO_REQUESTED
        else None,
        info_until=last.info_requested_until if last else None,
        expected=expected,
    )


def holder_status(national_id: str) -> HolderStatus | None:
    """What the citizen sees in the personal area and the call centre reads on the phone."""
    person = (
        DisabledPerson.objects.filter(national_id=national_id)
        .prefetch_related(
            Prefetch(
                "applications",
                queryset=BadgeApplication.objects.prefetch_related("decisions").order_by("-id"),
            ),
            Prefetch(
                "badges",
                queryset=Badge.objects.select_related("approval").order_by("-issued_on", "-id"),
            ),
        )
        .first()
    )
    if person is None:
        return None
    badges = list(person.badges.all())
    current = next((b for b in badges if b.status in CURRENT_BADGE_STATUSES), None)
    return HolderStatus(
        person=person,
        cases=[_case_status(case) for case in person.applications.all()],
        badge=current or (badges[0] if badges else None),
    )


# --- Daily jobs --------------------------------------------------------------------------


def badges_due_for_renewal(today: date) -> Iterator[Badge]:
    """BADGE-52: current badges within the renewal lead time whose approval outlasts them."""
    window_end = today + timedelta(days=rules.RENEWAL_LEAD_DAYS)
    badges = (
        Badge.objects.filter(
            status__in=CURRENT_BADGE_STATUSES,
            valid_until__gte=today,
            valid_until__lte=window_end,
            person__died_on=None,
        )
        .select_related("person", "approval")
        .order_by("id")
    )
    for badge in badges.iterator(chunk_size=500):
        if rules.renewal_possible(
            valid_until=badge.valid_until,
            approval_valid_until=badge.approval.valid_until,
            died_on=badge.person.died_on,
        ):
            yield badge


def new_vehicles_of_holders(day: date) -> Iterator[tuple[Vehicle, DisabledPerson]]:
    """BADGE-47: vehicles entered on `day` that an importer reported for a known holder."""
    vehicles = (
        Vehicle.objects.filter(registered_on=day)
        .exclude(reported_disabled_national_id="")
        .prefetch_related("owners", "restrictions")
        .order_by("id")
    )
    people = {
        p.national_id: p
        for p in DisabledPerson.objects.filter(
            national_id__in=vehicles.values("reported_disabled_national_id")
        )
    }
    for vehicle in vehicles:
        person = people.get(vehicle.reported_disabled_national_id)
        if person is not None:
            yield vehicle, person


# --- Checking a badge (BADGE-53) ----------------------------------------------------------


def badge_check(*, vehicle_number: str, printed_on: date | None, today: date) -> rules.CheckResult:
    snapshots = [
        rules.BadgeSnapshot(issued_on=issued, valid_until=until, status=status)
        for issued, until, status in Badge.objects.filter(
            Q(vehicle_number_1=vehicle_number) | Q(vehicle_number_2=vehicle_number)
        ).values_list("issued_on", "valid_until", "status")
    ]
    return rules.check_badge(snapshots, printed_on=printed_on, today=today)


def print_files() -> QuerySet[PrintFile]:
    return PrintFile.objects.select_related("receipt_confirmed_by").order_by("-for_date")


def badges_waiting_for_print() -> int:
    return Badge.objects.filter(status=BadgeStatus.ORDERED, print_file__isnull=True).count()
