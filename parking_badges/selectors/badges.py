"""Reads of the badge jobs: renewals, new vehicles, checks, print files (BADGE-47 to BADGE-53)."""

import heapq
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import groupby
from operator import itemgetter

from django.db.models import (
    Case,
    Exists,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf

from .. import rules
from ..choices import (
    CURRENT_BADGE_STATUSES,
    BadgeStatus,
    VehicleGround,
)
from ..models import (
    Badge,
    BadgeVehicle,
    DisabledPerson,
    PrintClaim,
    PrintFile,
    Vehicle,
    VehicleOwner,
)


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


def last_waiting_marker(*, besides: PrintFile | None = None) -> tuple[int | None, date] | None:
    """(claimed_up_to, for_date) of the print file whose marker the next claim starts from:
    the highest marker, files without one last; None before any file."""
    files = PrintFile.objects.all() if besides is None else PrintFile.objects.exclude(pk=besides.pk)
    return (
        files.order_by(F("claimed_up_to").desc(nulls_last=True), "-for_date")
        .values_list("claimed_up_to", "for_date")
        .first()
    )


def badges_to_print() -> QuerySet[Badge]:
    """The badges ordered and in no print file yet, found from the last claim's waiting marker
    as the next claim finds them (services.print_file._claim): those above the marker were
    never claimed (the key's range, no anti-join over every ordered badge, issue 18); those at
    or below it are waiting only if issued after that file's date and unclaimed. Before any
    file noted a marker, every ordered badge is checked against the claims. One query reads
    the marker."""
    ordered = Badge.objects.filter(status=BadgeStatus.ORDERED)
    last = last_waiting_marker()
    if last is None or last[0] is None:
        return ordered.filter(print_claim__isnull=True)
    up_to, on = last
    return ordered.filter(Q(pk__gt=up_to) | Q(pk__lte=up_to, issued_on__gt=on) & ~Exists(_CLAIMED))


_CLAIMED = PrintClaim.objects.filter(badge=OuterRef("pk"))


def badges_waiting_for_print() -> int:
    return badges_to_print().count()


def badge_vehicles_to_remove() -> QuerySet[BadgeVehicle]:
    """BADGE-49: current vehicles on badges that are no longer active, or whose ownership
    changed: the owner the ground rests on (the holder for a vehicle of their own) no longer
    owns it, or, when no owner is named, someone became an owner after it was added."""
    named_owner = Coalesce(
        NullIf(F("owner_national_id"), Value("")),
        Case(When(ground=VehicleGround.OWNER, then=F("person__national_id")), default=None),
    )
    still_owned = VehicleOwner.objects.filter(
        vehicle=OuterRef("vehicle"), owned_until__isnull=True, national_id=OuterRef("named_owner")
    )
    new_owner = VehicleOwner.objects.filter(
        vehicle=OuterRef("vehicle"), owned_from__gt=OuterRef("added_on")
    )
    return (
        BadgeVehicle.objects.filter(removed_on__isnull=True)
        .annotate(
            named_owner=named_owner,
            still_owned=Exists(still_owned),
            new_owner=Exists(new_owner),
        )
        .filter(
            Q(vehicle__is_active=False)
            | Q(named_owner__isnull=False, still_owned=False)
            | Q(named_owner__isnull=True, new_owner=True)
        )
        .select_related("vehicle", "person")
        .order_by("id")
    )


def last_badge_issue_by_vehicle(month: date) -> Iterator[tuple[str, date]]:
    """BADGE-51: each vehicle number on a current badge valid in `month`, with its last badge
    issue date, in number order. Streams two grouped, ordered queries (first and second
    vehicle) and merges them, so memory does not grow with the number of badges."""
    current = Badge.objects.filter(status__in=CURRENT_BADGE_STATUSES, valid_until__gte=month)

    def by(column: str):
        # BADGE-14/49: a vehicle taken off the holder's file (sold out of the holder's
        # circle, no longer active) is out of the file even before the new badge is printed.
        on_file = BadgeVehicle.objects.filter(
            person=OuterRef("person"), vehicle__number=OuterRef(column), removed_on__isnull=True
        )
        return (
            current.exclude(**{column: ""})
            .filter(Exists(on_file))
            .values(column)
            .annotate(last=Max("issued_on"))
            .order_by(column)
            .values_list(column, "last")
            .iterator(chunk_size=2000)
        )

    merged = heapq.merge(by("vehicle_number_1"), by("vehicle_number_2"))
    for number, rows in groupby(merged, key=itemgetter(0)):
        yield number, max(last for _, last in rows)


def badges_with_shown_status(badges: QuerySet[Badge], status: str) -> QuerySet[Badge]:
    """The badges whose status, as the pages show it (`Badge.shown_status`), is `status`: a
    claimed "ordered" badge shows as sent to the printing house (issue 18's claim table)."""
    if status == BadgeStatus.SENT_TO_PRINT:
        return badges.filter(
            Q(status=BadgeStatus.ORDERED, print_claim__isnull=False)
            | Q(status=BadgeStatus.SENT_TO_PRINT)
        )
    if status == BadgeStatus.ORDERED:
        return badges.filter(status=BadgeStatus.ORDERED, print_claim__isnull=True)
    return badges.filter(status=status)


def print_file_badges(print_file: PrintFile) -> QuerySet[Badge]:
    """The badges a print file claimed, found through the badge key by the file's range of
    badge ids (the claims have no index on the file, issue 18); files built before the range
    was noted are found by their claims alone."""
    badges = Badge.objects.filter(print_claim__print_file=print_file)
    if print_file.claimed_from is None or print_file.claimed_up_to is None:
        return badges
    return badges.filter(pk__range=(print_file.claimed_from, print_file.claimed_up_to))
