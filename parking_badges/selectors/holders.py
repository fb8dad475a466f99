"""Reads of the holder's file: current badges and approval, vehicles as the rules see them."""

from datetime import date

from django.db.models import Prefetch, Q

from .. import rules
from ..choices import CURRENT_BADGE_STATUSES, ExemptionStatus
from ..models import (
    Badge,
    BadgeApplication,
    BadgeVehicle,
    DisabledPerson,
    EligibilityApproval,
    ReducedFeeExemption,
    Vehicle,
)


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


def active_exemption(person) -> ReducedFeeExemption | None:
    return (
        ReducedFeeExemption.objects.filter(person=person, status=ExemptionStatus.ACTIVE)
        .select_related("vehicle")
        .first()
    )


def person_holds_valid_approval(person, on: date) -> bool:
    """The person is recognised as disabled on `on` and their latest badge, if any, has not
    expired (BADGE-16)."""
    approved = EligibilityApproval.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=on), person=person, valid_from__lte=on
    ).exists()
    latest = (
        Badge.objects.filter(person=person, status__in=CURRENT_BADGE_STATUSES)
        .order_by("-issued_on")
        .first()
    )
    return approved and (latest is None or latest.valid_until >= on)
