"""The badge procedure's rules as pure functions: no database, plain values in, answers out.

Messages are lazy translations so that services and forms can show them as they are.
"""

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext_lazy as _

from .models import (
    REPLACEMENT_REASONS,
    ApprovalSource,
    BadgeReason,
    BadgeStatus,
    EligibilityGround,
    EvidenceKind,
    FamilyRelation,
    OwnerKind,
    VehicleGround,
    VehicleType,
)

ANSWER_DUE_DAYS = 90  # BADGE-8
BADGE_VALIDITY_YEARS = 8  # BADGE-15
MAX_VEHICLES_PER_BADGE = 2  # BADGE-5, BADGE-12
NEW_VEHICLE_MONTHS = 18  # BADGE-29
RENEWAL_LEAD_DAYS = 60  # BADGE-52: how far ahead of expiry the renewal is printed
MIN_DISABILITY_PERCENT = 60  # BADGE-3 (1)
NEW_BADGE_ARRIVES_WITHIN = timedelta(weeks=2)  # BADGE-18: after the doctor's approval
REPLACEMENT_ARRIVES_WITHIN = timedelta(weeks=1)  # BADGE-18: after the request
ADULT_AGE = 18

DISABLED_TARIFF = "06"
ORGANISATION_TRANSPORT_RESTRICTION = "76"  # BADGE-25: for transporting the disabled
ADAPTED_RESTRICTIONS = frozenset({"60", "61", "62"})  # BADGE-25: adapted for the disabled
COLLECTOR_RESTRICTION_TEXT = "הרכב משמש לאספנות"  # BADGE-30, as it is written on the licence

# Grounds that give a badge but never the reduced licence fee (BADGE-27, BADGE-28).
BADGE_ONLY_GROUNDS = frozenset({VehicleGround.TAXI, VehicleGround.RENTAL})


# --- Applications ------------------------------------------------------------------------


def application_problems(
    *, ground: str, source: str, disability_percent: int | None = None
) -> list[str]:
    """BADGE-3: the person is disabled on one of the four grounds only (the 60% ground needs
    at least 60% when a percentage is given); BADGE-6: approvals come from the listed bodies."""
    problems = []
    if ground not in EligibilityGround.values:
        names = "; ".join(str(label) for label in EligibilityGround.labels)
        problems.append(str(_("Choose an eligibility ground: %(names)s.") % {"names": names}))
    if (
        ground == EligibilityGround.DISABILITY_60
        and disability_percent is not None
        and disability_percent < MIN_DISABILITY_PERCENT
    ):
        problems.append(
            str(_("This ground needs a disability of at least %(percent)s%%."))
            % {"percent": MIN_DISABILITY_PERCENT}
        )
    if source not in ApprovalSource.values:
        names = "; ".join(str(label) for label in ApprovalSource.labels)
        problems.append(str(_("Choose who approved: %(names)s.") % {"names": names}))
    return problems


def expected_badge_arrival(*, reason: str, requested_on: date, approved_on: date) -> date:
    """BADGE-18: a new badge reaches the holder about two weeks after the doctor's approval;
    a replaced vehicle or a lost (stolen, damaged) badge about a week after the request.
    A new badge ordered later than that, and other prints (renewal, vehicles changed), are
    counted two weeks from the order."""
    if reason in REPLACEMENT_REASONS:
        return requested_on + REPLACEMENT_ARRIVES_WITHIN
    after_approval = approved_on + NEW_BADGE_ARRIVES_WITHIN
    if reason == BadgeReason.NEW and after_approval >= requested_on:
        return after_approval
    return requested_on + NEW_BADGE_ARRIVES_WITHIN


def answer_due_on(material_received_on: date) -> date:
    """BADGE-8: the answer is due 90 days after the material arrived."""
    return material_received_on + timedelta(days=ANSWER_DUE_DAYS)


def days_left(material_received_on: date, today: date) -> int:
    """Days left of the 90 (negative once overdue)."""
    return (answer_due_on(material_received_on) - today).days


def is_overdue(material_received_on: date, today: date) -> bool:
    return days_left(material_received_on, today) < 0


# --- Vehicles and their grounds ----------------------------------------------------------


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
        needs = [frozenset({EvidenceKind.EMPLOYER_LETTER})]
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
    single = {
        VehicleGround.LEASING: EvidenceKind.LEASING_LETTER,
        VehicleGround.LONG_TERM_RENTAL: EvidenceKind.RENTAL_COMPANY_LETTER,
        VehicleGround.KIBBUTZ: EvidenceKind.KIBBUTZ_CONFIRMATION,
        VehicleGround.OTHER_DRIVER: EvidenceKind.DRIVER_DECLARATION,
        VehicleGround.TAXI: EvidenceKind.TAXI_RIGHT_AGREEMENT,
        VehicleGround.RENTAL: EvidenceKind.RENTAL_CONTRACT,
    }
    return [frozenset({single[ground]})] if ground in single else []


def organisation_vehicle_adapted(vehicle: VehicleFacts) -> bool:
    """BADGE-25: adapted for the disabled (60/61/62), or a raised-box lorry (239)."""
    return vehicle.vehicle_type == VehicleType.RAISED_BOX_LORRY or bool(
        vehicle.restriction_codes & ADAPTED_RESTRICTIONS
    )


_OWNER_KIND_FOR_GROUND = {
    VehicleGround.LEASING: OwnerKind.LEASING_COMPANY,
    VehicleGround.LONG_TERM_RENTAL: OwnerKind.RENTAL_COMPANY,
    VehicleGround.RENTAL: OwnerKind.RENTAL_COMPANY,
    VehicleGround.KIBBUTZ: OwnerKind.KIBBUTZ,
    VehicleGround.ORGANISATION: OwnerKind.ORGANISATION,
}


def ground_problems(claim: GroundClaim, vehicle: VehicleFacts) -> list[str]:
    """Why the vehicle may not go on the badge on this ground; empty when it may."""
    problems: list[str] = []
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


def organisation_vehicle_problems(vehicle: VehicleFacts) -> list[str]:
    """BADGE-25: restriction 76 or 60/61/62 (a 239 needs none); never tariff 06."""
    problems = []
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


def collector_problems(vehicle: VehicleFacts) -> list[str]:
    """BADGE-30: a collector vehicle keeps the benefit with tariff 06 and the free-text
    restriction "the vehicle is used for collecting"."""
    if not vehicle.is_collector:
        return []
    problems = []
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


# --- Badges ------------------------------------------------------------------------------


def age_on(born_on: date | None, on: date) -> int | None:
    if born_on is None:
        return None
    return relativedelta(on, born_on).years


def copies_to_print(
    *, born_on: date | None, on: date, has_guardian: bool, owners_are_guardians: bool
) -> int:
    """BADGE-13: two copies for a minor, or for a holder with a guardian of the person when
    the printing clerk marks the vehicles' owners as guardians; otherwise one."""
    age = age_on(born_on, on)
    if age is not None and age < ADULT_AGE:
        return 2
    if has_guardian and owners_are_guardians:
        return 2
    return 1


def badge_valid_until(issued_on: date, approval_valid_until: date | None) -> date:
    """BADGE-15: eight years, even for a permanent approval; never past the approval's end."""
    eight_years = issued_on + relativedelta(years=BADGE_VALIDITY_YEARS)
    if approval_valid_until is not None and approval_valid_until < eight_years:
        return approval_valid_until
    return eight_years


@dataclass(frozen=True)
class PrintContext:
    """What decides whether a badge may be printed today."""

    today: date
    died_on: date | None
    approval_valid_from: date | None
    approval_valid_until: date | None
    approval_approved_on: date | None
    vehicle_count: int
    last_badge_valid_until: date | None = None
    last_badge_status: str = ""
    organisation: bool = False
    problems: list[str] = field(default_factory=list)


def print_refusals(ctx: PrintContext) -> list[str]:
    """Why a badge may not be printed (BADGE-5, BADGE-16, BADGE-17); empty when it may."""
    refusals = []
    if ctx.died_on is not None:
        refusals.append(str(_("The holder has died: no badge is sent.")))
    if ctx.approval_valid_from is None:
        refusals.append(str(_("There is no eligibility approval on the file.")))
    else:
        if ctx.approval_valid_from > ctx.today:
            refusals.append(str(_("The eligibility approval is not valid yet.")))
        if ctx.approval_valid_until is not None and ctx.approval_valid_until < ctx.today:
            refusals.append(
                str(_("The eligibility approval has ended: a new application is needed."))
            )
    if (
        ctx.last_badge_valid_until is not None
        and ctx.last_badge_valid_until < ctx.today
        and ctx.last_badge_status != BadgeStatus.SUPERSEDED
        and (
            ctx.approval_approved_on is None
            or ctx.approval_approved_on <= ctx.last_badge_valid_until
        )
    ):
        refusals.append(
            str(_("The badge has expired: no badge can be printed without a new approval."))
        )
    if ctx.vehicle_count == 0:
        refusals.append(str(_("Add at least one vehicle to the file before printing.")))
    problem = vehicle_count_problem(ctx.vehicle_count, adding=0, organisation=ctx.organisation)
    if problem:
        refusals.append(problem)
    return refusals


def renewal_due(*, valid_until: date, today: date) -> bool:
    """BADGE-52: the automatic renewal is printed this many days ahead of expiry."""
    return today <= valid_until <= today + timedelta(days=RENEWAL_LEAD_DAYS)


def renewal_possible(
    *, valid_until: date, approval_valid_until: date | None, died_on: date | None
) -> bool:
    """BADGE-15: renewal needs no new application, but not when the approval ends with the
    badge (the badge already ends with it) or the holder has died."""
    if died_on is not None:
        return False
    return approval_valid_until is None or approval_valid_until > valid_until


# --- Checking a badge (BADGE-53) ----------------------------------------------------------


@dataclass(frozen=True)
class BadgeSnapshot:
    issued_on: date
    valid_until: date
    status: str


@dataclass(frozen=True)
class CheckResult:
    valid: bool
    reason: str


def _newest_current_first(badge: BadgeSnapshot) -> tuple[date, bool]:
    return badge.issued_on, badge.status in (BadgeStatus.ORDERED, BadgeStatus.SENT_TO_PRINT)


def check_badge(
    badges: Collection[BadgeSnapshot], *, printed_on: date | None, today: date
) -> CheckResult:
    """Is the badge an inspector holds valid? `badges` are every badge printed with the
    vehicle's number. An earlier issue date than the latest badge's means it is void."""
    if not badges:
        return CheckResult(False, str(_("No badge was issued for this vehicle.")))
    latest = max(badges, key=_newest_current_first)
    if printed_on is not None:
        matching = [b for b in badges if b.issued_on == printed_on]
        if not matching:
            if printed_on < latest.issued_on:
                return CheckResult(
                    False,
                    str(_("Not valid: a newer badge was printed on %(date)s."))
                    % {"date": latest.issued_on.strftime("%d/%m/%Y")},
                )
            return CheckResult(False, str(_("No badge was printed for this vehicle on that date.")))
        latest = max(matching, key=_newest_current_first)
    if latest.status == BadgeStatus.CANCELLED:
        return CheckResult(False, str(_("Not valid: the badge was cancelled.")))
    if latest.status == BadgeStatus.SUPERSEDED:
        return CheckResult(False, str(_("Not valid: a newer badge replaced it.")))
    if latest.valid_until < today:
        return CheckResult(
            False,
            str(_("Not valid: the badge expired on %(date)s."))
            % {"date": latest.valid_until.strftime("%d/%m/%Y")},
        )
    return CheckResult(
        True,
        str(_("Valid until %(date)s.")) % {"date": latest.valid_until.strftime("%d/%m/%Y")},
    )
