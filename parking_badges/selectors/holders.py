"""Reads of the holder's file: current badges and approval, vehicles as the rules see them."""

from dataclasses import asdict, dataclass
from datetime import date
from typing import cast

from django.db.models import Field, Prefetch, Q
from django.utils.translation import gettext as _

from .. import rules
from ..choices import CURRENT_BADGE_STATUSES, ExemptionStatus, FamilyRelation, OwnerRelation
from ..models import (
    Badge,
    BadgeApplication,
    BadgeVehicle,
    DisabledPerson,
    EligibilityApproval,
    ReducedFeeExemption,
    Vehicle,
)


@dataclass(frozen=True)
class DetailDifference:
    """BADGE-7: one of the holder's details as the file has it and as an application gives it,
    both shown to the clerk as text."""

    field: str
    label: str
    in_file: str
    in_application: str


def _shown(value) -> str:
    if value in (None, ""):
        return _("(empty)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def person_differences(details) -> list[DetailDifference]:
    """BADGE-7: how the details of an application (`services.PersonDetails`) differ from the
    holder's file of the same identity number; empty when there is no file yet."""
    new = asdict(details)
    person = DisabledPerson.objects.filter(national_id=new.pop("national_id")).first()
    if person is None:
        return []
    current = {field: getattr(person, field) for field in new}
    return [
        DetailDifference(
            field=field,
            label=str(cast(Field, DisabledPerson._meta.get_field(field)).verbose_name),
            in_file=_shown(old),
            in_application=_shown(value),
        )
        for field, old, value in rules.detail_differences(current, new)
    ]


def current_badges(person: DisabledPerson) -> list[Badge]:
    """The holder's current badges, one per slot (more than one only for BADGE-25)."""
    return list(person.badges.filter(status__in=CURRENT_BADGE_STATUSES).order_by("slot"))


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
            Prefetch("badges", queryset=Badge.objects.select_related("print_claim__print_file")),
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


def owner_relation_confirmed(
    person: DisabledPerson, vehicle: Vehicle, owner_relation: str, *, current_only: bool = True
) -> bool:
    """BADGE-31/37: the stated relation checked against the vehicle register's owners (the
    current ones for the reduced fee; any recorded owner for a refund, which covers past
    periods) and the relations recorded on the person's file: family members proven on the
    badge file (BADGE-20: spouse or partner, parent) and, for a holder with a guardian of the
    person, the owners the printing clerk marked as guardians (BADGE-13)."""
    owners = vehicle.owners.filter(owned_until__isnull=True) if current_only else vehicle.owners
    owner_ids = set(owners.values_list("national_id", flat=True))
    related: dict[str, set[str]] = {}
    family: dict[str, str] = {
        FamilyRelation.SPOUSE: OwnerRelation.SPOUSE,
        FamilyRelation.PARTNER: OwnerRelation.SPOUSE,
        FamilyRelation.PARENT: OwnerRelation.PARENT,
    }
    for relation, owner_id in person.badge_vehicles.exclude(owner_national_id="").values_list(
        "relation", "owner_national_id"
    ):
        if relation in family:
            related.setdefault(family[relation], set()).add(owner_id)
    if person.has_guardian_of_person:
        marked = person.badges.filter(owners_are_guardians=True).values_list(
            "vehicle_number_1", "vehicle_number_2"
        )
        marked_numbers = {number for pair in marked for number in pair if number}
        related[OwnerRelation.GUARDIAN] = set(
            person.badge_vehicles.filter(vehicle__number__in=marked_numbers)
            .exclude(owner_national_id="")
            .values_list("owner_national_id", flat=True)
        )
    return rules.owner_relation_confirmed(
        owner_relation=owner_relation,
        person_national_id=person.national_id,
        owner_ids=owner_ids,
        related_ids=related,
    )


HOLDER_DETAIL_FIELDS = (
    "first_name",
    "last_name",
    "born_on",
    "street",
    "city",
    "postal_code",
    "phone",
    "email",
    "has_guardian_of_person",
)


def holder_details(national_id: str) -> dict:
    """The details the holder's file keeps (empty without a file): what the online application
    starts from (issue 15)."""
    found = DisabledPerson.objects.filter(national_id=national_id).values(*HOLDER_DETAIL_FIELDS)
    return dict(found.first() or {})


def holder_vehicle_numbers(national_id: str) -> list[str]:
    """The numbers of the vehicles on the holder's badge now (issue 15: what a refund request
    online may be for)."""
    return list(
        BadgeVehicle.objects.filter(person__national_id=national_id, removed_on__isnull=True)
        .order_by("added_on", "id")
        .values_list("vehicle__number", flat=True)
    )
