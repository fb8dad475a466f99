"""Rules of the vehicles on a holder's file and their grounds (BADGE-5, BADGE-19 to BADGE-30):
pure functions over plain values (`VehicleFacts`, `GroundClaim`).
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext_lazy as _

from ..choices import EvidenceKind, FamilyRelation, OwnerKind, VehicleGround, VehicleType

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MAX_VEHICLES_PER_BADGE = 2  # BADGE-5, BADGE-12

NEW_VEHICLE_MONTHS = 18  # BADGE-29

DISABLED_TARIFF = "06"

ORGANISATION_TRANSPORT_RESTRICTION = "76"  # BADGE-25: for transporting the disabled

ADAPTED_RESTRICTIONS = frozenset({"60", "61", "62"})  # BADGE-25: adapted for the disabled

COLLECTOR_RESTRICTION_TEXT = "הרכב משמש לאספנות"  # BADGE-30, as it is written on the licence

# Grounds that give a badge but never the reduced licence fee (BADGE-27, BADGE-28).
BADGE_ONLY_GROUNDS = frozenset({VehicleGround.TAXI, VehicleGround.RENTAL})


@dataclass(frozen=True)
class VehicleFacts:
    """What the register says about a vehicle, as the ground rules need it."""

    vehicle_type: str
    tariff_code: str
    owner_ids: frozenset[str]
    owner_kinds: frozenset[str]
    restriction_codes: frozenset[str] = frozenset()
    restriction_texts: frozenset[str] = frozenset()
    is_collector: bool = False
    is_active: bool = True
    manufactured_on: date | None = None


@dataclass(frozen=True)
class GroundClaim:
    """A clerk's claim that a vehicle may go on the holder's badge on a ground."""

    ground: str
    holder_id: str
    evidence: frozenset[str] = frozenset()
    relation: str = ""
    owner_id: str = ""


def required_evidence(claim: GroundClaim, vehicle: VehicleFacts) -> list[frozenset[str]]:
    """The documents the ground needs: each entry is a set of acceptable alternatives."""
    ground = claim.ground
    if ground == VehicleGround.FAMILY:
        if claim.relation in (FamilyRelation.SPOUSE, FamilyRelation.PARTNER):
            return [frozenset({EvidenceKind.ID_CARD_RELATION, EvidenceKind.PARTNER_PROOF})]
        return [frozenset({EvidenceKind.ID_CARD_RELATION})]
    if ground == VehicleGround.EMPLOYER:
        needs: list[frozenset[str]] = [frozenset({EvidenceKind.EMPLOYER_LETTER})]
        if claim.relation:  # the employed one is a family member (BADGE-21)
            needs.append(frozenset({EvidenceKind.ID_CARD_RELATION, EvidenceKind.PARTNER_PROOF}))
        return needs
    if ground == VehicleGround.ORGANISATION:
        if organisation_vehicle_adapted(vehicle):
            return []
        return [
            frozenset({EvidenceKind.REGISTRAR_CONFIRMATION}),
            frozenset({EvidenceKind.ORGANISATION_AFFIDAVIT}),
        ]
    single: dict[str, str] = {
        VehicleGround.LEASING: EvidenceKind.LEASING_LETTER,
        VehicleGround.LONG_TERM_RENTAL: EvidenceKind.RENTAL_COMPANY_LETTER,
        VehicleGround.KIBBUTZ: EvidenceKind.KIBBUTZ_CONFIRMATION,
        VehicleGround.OTHER_DRIVER: EvidenceKind.DRIVER_DECLARATION,
        VehicleGround.TAXI: EvidenceKind.TAXI_RIGHT_AGREEMENT,
        VehicleGround.RENTAL: EvidenceKind.RENTAL_CONTRACT,
    }
    return [frozenset({single[ground]})] if ground in single else []


SAME_VEHICLE_TWICE = _("The same vehicle is given twice.")

# What an applicant can say of a vehicle before the register is read: its ground only.
_NOT_YET_READ = VehicleFacts(
    vehicle_type="", tariff_code="", owner_ids=frozenset(), owner_kinds=frozenset()
)


def asked_vehicle_problems(
    *, ground: str, relation: str, evidence_kind: str, has_evidence: bool
) -> "list[StrOrPromise]":
    """A vehicle an applicant asks for (issue 15, BADGE-20 to BADGE-28): the ground's proof comes
    with it, one of the documents the ground accepts; a family member's vehicle names the
    relation. What the register says (owners, restrictions) the clerk checks on receiving it."""
    problems: list[StrOrPromise] = []
    if ground == VehicleGround.FAMILY and not relation:
        problems.append(_("Say how the vehicle's owner is related to you."))
    needed = required_evidence(
        GroundClaim(ground=ground, holder_id="", relation=relation), _NOT_YET_READ
    )
    accepted = frozenset().union(*needed) if needed else frozenset()
    if accepted and not has_evidence:
        problems.append(_("Attach the document that proves the vehicle's ground."))
    if accepted and evidence_kind not in accepted:
        problems.append(_("Choose which document proves the vehicle's ground."))
    return problems


def organisation_vehicle_adapted(vehicle: VehicleFacts) -> bool:
    """BADGE-25: adapted for the disabled (60/61/62), or a raised-box lorry (239)."""
    return vehicle.vehicle_type == VehicleType.RAISED_BOX_LORRY or bool(
        vehicle.restriction_codes & ADAPTED_RESTRICTIONS
    )


_OWNER_KIND_FOR_GROUND: dict[str, str] = {
    VehicleGround.LEASING: OwnerKind.LEASING_COMPANY,
    VehicleGround.LONG_TERM_RENTAL: OwnerKind.RENTAL_COMPANY,
    VehicleGround.RENTAL: OwnerKind.RENTAL_COMPANY,
    VehicleGround.KIBBUTZ: OwnerKind.KIBBUTZ,
    VehicleGround.ORGANISATION: OwnerKind.ORGANISATION,
}


def ground_problems(claim: GroundClaim, vehicle: VehicleFacts) -> "list[StrOrPromise]":
    """Why the vehicle may not go on the badge on this ground; empty when it may."""
    problems: list[StrOrPromise] = []
    ground = claim.ground
    if not vehicle.is_active:
        problems.append(_("The vehicle is no longer active in the register."))
    holder_must_own = ground in (VehicleGround.OWNER, VehicleGround.TAXI)
    if holder_must_own and claim.holder_id not in vehicle.owner_ids:
        problems.append(_("The vehicle is not registered to the holder."))
    if ground == VehicleGround.TAXI and vehicle.vehicle_type != VehicleType.TAXI:
        problems.append(_("The register does not list this vehicle as a taxi."))
    if ground in (VehicleGround.FAMILY, VehicleGround.OTHER_DRIVER, VehicleGround.EMPLOYER):
        if not claim.owner_id:
            problems.append(_("Enter the identity number of the registered owner."))
        elif claim.owner_id not in vehicle.owner_ids:
            problems.append(_("The person named is not a registered owner of the vehicle."))
    if ground == VehicleGround.FAMILY and not claim.relation:
        problems.append(_("Choose how the owner is related to the holder."))
    expected_kind = _OWNER_KIND_FOR_GROUND.get(ground)
    if expected_kind and expected_kind not in vehicle.owner_kinds:
        problems.append(
            _("The register does not show an owner of the kind: %(kind)s.")
            % {"kind": OwnerKind(expected_kind).label}
        )
    if ground == VehicleGround.ORGANISATION:
        problems.extend(organisation_vehicle_problems(vehicle))
    problems.extend(collector_problems(vehicle))
    for alternatives in required_evidence(claim, vehicle):
        if not alternatives & claim.evidence:
            names = _(" or ").join(str(EvidenceKind(k).label) for k in sorted(alternatives))
            problems.append(_("Missing evidence: %(names)s.") % {"names": names})
    return problems


def organisation_vehicle_problems(vehicle: VehicleFacts) -> "list[StrOrPromise]":
    """BADGE-25: restriction 76 or 60/61/62 (a 239 needs none); never tariff 06."""
    problems: list[StrOrPromise] = []
    if vehicle.tariff_code == DISABLED_TARIFF:
        problems.append(_("An organisation's vehicle may not carry tariff 06 (18 is allowed)."))
    adapted = organisation_vehicle_adapted(vehicle)
    if not adapted and ORGANISATION_TRANSPORT_RESTRICTION not in vehicle.restriction_codes:
        problems.append(
            _(
                "Record restriction 76 (transporting the disabled) or 60/61/62 (adapted) "
                "on the vehicle first."
            )
        )
    return problems


def collector_problems(vehicle: VehicleFacts) -> "list[StrOrPromise]":
    """BADGE-30: a collector vehicle keeps the benefit with tariff 06 and the free-text
    restriction "the vehicle is used for collecting"."""
    if not vehicle.is_collector:
        return []
    problems: list[StrOrPromise] = []
    if vehicle.tariff_code != DISABLED_TARIFF:
        problems.append(_("A collector vehicle must carry tariff 06."))
    if COLLECTOR_RESTRICTION_TEXT not in vehicle.restriction_texts:
        problems.append(
            _('Record the free-text restriction "%(text)s" on the collector vehicle.')
            % {"text": COLLECTOR_RESTRICTION_TEXT}
        )
    return problems


def gives_reduced_fee(ground: str) -> bool:
    """BADGE-27, BADGE-28: a taxi or a rented car gives a badge only, never the reduced fee."""
    return ground not in BADGE_ONLY_GROUNDS


def within_new_vehicle_window(manufactured_on: date | None, on: date) -> bool:
    """BADGE-29: a new vehicle may be registered to a disabled person with tariff 06 for
    18 months from its manufacture date."""
    if manufactured_on is None:
        return False
    return on < manufactured_on + relativedelta(months=NEW_VEHICLE_MONTHS)


def vehicle_count_problem(
    current_count: int, adding: int = 1, *, organisation: bool = False
) -> str:
    """BADGE-5: at most two vehicles on a badge. BADGE-25: an organisation transporting
    disabled people may have more vehicles on its file; they are printed on several badges."""
    if organisation:
        return ""
    if current_count + adding > MAX_VEHICLES_PER_BADGE:
        return str(
            _(
                "A badge carries at most two vehicles. Remove one from the file first; "
                "it stays in the history."
            )
        )
    return ""


def organisation_file(grounds: Collection[str]) -> bool:
    """BADGE-25: a file whose vehicles all rest on the organisation ground (the one being
    added included) may hold more than two vehicles."""
    return bool(grounds) and all(g == VehicleGround.ORGANISATION for g in grounds)


def badge_vehicle_sets(numbers: list[str]) -> list[list[str]]:
    """BADGE-25: the vehicles split into badges of at most two, in the order they were added;
    the last badge carries the last two, so the first carries one when the count is odd.
    No vehicles, no badge."""
    size = MAX_VEHICLES_PER_BADGE
    first = len(numbers) % size or size
    sets = [numbers[:first]] if numbers else []
    return sets + [numbers[i : i + size] for i in range(first, len(numbers), size)]


def collector_count_problem(current_collectors: int) -> str:
    """BADGE-30: a disabled person may register one collector vehicle."""
    if current_collectors >= 1:
        return str(_("The holder already has a collector vehicle on the file."))
    return ""
