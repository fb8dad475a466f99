"""Reduced-fee exemptions: granting one and moving it to another vehicle (BADGE-31, BADGE-33)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.locks import locked
from taxportal.models import User
from taxportal.texts import Said, said

from .. import rules, selectors
from ..choices import DifferenceCause, ExemptionStatus, OwnerKind
from ..models import DisabledPerson, FeeDifference, ReducedFeeExemption, Vehicle
from ._register import end_exemptions, set_tariff
from .fees import fee_difference_raise


def vehicle_eligibility(
    *,
    person: DisabledPerson,
    vehicle: Vehicle,
    owner_relation: str,
    on: date,
    new_vehicle: bool = False,
) -> rules.Eligibility:
    """BADGE-31/33 for this person and vehicle, from the register; a new vehicle (at the
    importer) only within 18 months of its manufacture (BADGE-29, BADGE-45)."""
    owner_kinds = set(
        vehicle.owners.filter(owned_until__isnull=True).values_list("kind", flat=True)
    )
    other_exempt = (
        ReducedFeeExemption.objects.filter(person=person, status=ExemptionStatus.ACTIVE)
        .exclude(vehicle=vehicle)
        .exists()
    )
    return rules.reduced_fee_eligibility(
        vehicle_type=vehicle.vehicle_type,
        total_weight_kg=vehicle.total_weight_kg,
        owner_relation=owner_relation,
        business_use=vehicle.used_for_business,
        rental_car=OwnerKind.RENTAL_COMPANY in owner_kinds,
        other_exempt_vehicle=other_exempt,
        organisation_owned=OwnerKind.ORGANISATION in owner_kinds,
        badge_valid=selectors.person_holds_valid_approval(person, on),
        holder_deceased=person.died_on is not None,
        owner_confirmed=selectors.owner_relation_confirmed(person, vehicle, owner_relation),
        new_vehicle_window_passed=new_vehicle
        and not rules.within_new_vehicle_window(vehicle.manufactured_on, on),
    )


def _refuse(eligibility: rules.Eligibility) -> None:
    if not eligibility.eligible:
        raise ValidationError(eligibility.messages, code="not_eligible")


def _create_exemption(**fields) -> ReducedFeeExemption:
    """The partial unique indexes are the last word when two clerks race past the lock."""
    try:
        with transaction.atomic():
            return ReducedFeeExemption.objects.create(**fields)
    except IntegrityError:
        raise ValidationError(
            _("This person or vehicle already has a reduced-fee exemption."), code="exempt"
        ) from None


@transaction.atomic
def exemption_grant(
    *,
    person: DisabledPerson,
    vehicle: Vehicle,
    owner_relation: str,
    starts_on: date,
    actor: User | None,
    reason: str | Said = "",
    new_vehicle: bool = False,
) -> ReducedFeeExemption:
    """Give the person's one vehicle the reduced fee: tariff 06 (BADGE-31). A second vehicle
    is refused while the first is exempt (BADGE-33): use `exemption_move`."""
    person = locked(person)
    _refuse(
        vehicle_eligibility(
            person=person,
            vehicle=vehicle,
            owner_relation=owner_relation,
            on=starts_on,
            new_vehicle=new_vehicle,
        )
    )
    exemption = _create_exemption(
        person=person,
        vehicle=vehicle,
        owner_relation=owner_relation,
        status=ExemptionStatus.ACTIVE,
        started_on=starts_on,
        created_by=actor,
    )
    set_tariff(vehicle, rules.DISABLED_TARIFF)
    audit_record(
        actor=actor,
        action=gettext_noop("reduced fee granted"),
        target=exemption,
        reason=reason,
        changes={"vehicle": vehicle.number, "from": starts_on, "tariff": vehicle.tariff_code},
    )
    return exemption


@transaction.atomic
def exemption_move(
    *,
    person: DisabledPerson,
    new_vehicle: Vehicle,
    owner_relation: str,
    moved_on: date,
    actor: User | None,
    reason: str = "",
) -> FeeDifference:
    """BADGE-33: the old vehicle goes back to the regular tariff with a duplicate licence
    carrying the difference; the new vehicle becomes exempt when it is paid."""
    person = locked(person)
    current = selectors.active_exemption(person)
    if current is None:
        raise ValidationError(
            _("This person has no exempt vehicle; grant the reduced fee directly."),
            code="nothing_to_move",
        )
    if current.vehicle_id == new_vehicle.pk:
        raise ValidationError(_("This vehicle is already the exempt one."), code="same_vehicle")
    old_vehicle = locked(current.vehicle)
    why = said(gettext_noop("Exemption moved to vehicle %(number)s."), number=new_vehicle.number)
    end_exemptions(old_vehicle, moved_on, why, actor)
    _refuse(
        vehicle_eligibility(
            person=person, vehicle=new_vehicle, owner_relation=owner_relation, on=moved_on
        )
    )
    difference = fee_difference_raise(
        vehicle=old_vehicle,
        cause=DifferenceCause.EXEMPTION_MOVED,
        from_date=moved_on,
        actor=actor,
        reason=reason or why,
    )
    pending = _create_exemption(
        person=person,
        vehicle=new_vehicle,
        owner_relation=owner_relation,
        status=ExemptionStatus.PENDING,
        awaiting_difference=difference,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action=gettext_noop("reduced fee waiting for difference"),
        target=pending,
        reason=reason,
        changes={"old_vehicle": old_vehicle.number, "difference": difference.amount},
    )
    return difference
