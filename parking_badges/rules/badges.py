"""Rules of printing, renewing and checking a badge (BADGE-13 to BADGE-17, BADGE-52, BADGE-53)."""

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext_lazy as _

from ..choices import BadgeReason, BadgeStatus
from .vehicles import vehicle_count_problem

BADGE_VALIDITY_YEARS = 8  # BADGE-15

RENEWAL_LEAD_DAYS = 60  # BADGE-52: how far ahead of expiry the renewal is printed

ADULT_AGE = 18


def age_on(born_on: date | None, on: date) -> int | None:
    if born_on is None:
        return None
    return relativedelta(on, born_on).years


def copies_to_print(
    *,
    born_on: date | None,
    on: date,
    vehicle_count: int,
    has_guardian: bool,
    owners_are_guardians: bool,
) -> int:
    """BADGE-13 (Decision: §9 is the precise text): a minor gets two copies when the badge
    carries two vehicles (one for each car), one copy with one vehicle; a holder with a
    guardian of the person gets two when the printing clerk marks the vehicles' owners as
    guardians; otherwise one."""
    age = age_on(born_on, on)
    if age is not None and age < ADULT_AGE and vehicle_count >= 2:
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


@dataclass(frozen=True)
class BadgeSnapshot:
    issued_on: date
    valid_until: date
    status: str


@dataclass(frozen=True)
class CheckResult:
    valid: bool
    reason: str


REPLACEMENT_IN_POST_DAYS = 14  # BADGE-53 Decision


def _replaced(replaced_on: date, today: date) -> CheckResult:
    """BADGE-53 Decision: for 14 days after a newer badge is printed the earlier one is
    answered "replaced on <date>, the new badge may still be in the post", then a bare "not
    valid"."""
    if (today - replaced_on).days <= REPLACEMENT_IN_POST_DAYS:
        return CheckResult(
            False,
            str(_("Replaced on %(date)s; the new badge may still be in the post."))
            % {"date": replaced_on.strftime("%d/%m/%Y")},
        )
    return CheckResult(
        False,
        str(_("Not valid: a newer badge was printed on %(date)s."))
        % {"date": replaced_on.strftime("%d/%m/%Y")},
    )


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
                return _replaced(latest.issued_on, today)
            return CheckResult(False, str(_("No badge was printed for this vehicle on that date.")))
        latest = max(matching, key=_newest_current_first)
    if latest.status == BadgeStatus.CANCELLED:
        return CheckResult(False, str(_("Not valid: the badge was cancelled.")))
    if latest.status == BadgeStatus.SUPERSEDED:
        newer = [b.issued_on for b in badges if b.issued_on > latest.issued_on]
        if newer:
            return _replaced(min(newer), today)
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


def replacement_request_problems(
    *,
    has_badge: bool,
    reason: str,
    old_vehicle_number: str,
    new_vehicle_number: str,
    already_open: bool,
) -> list[str]:
    """BADGE-14, issue 15: a citizen asks online for a new badge in place of a lost, stolen or
    damaged one, or for a replaced vehicle (naming the old and the new vehicle)."""
    if not has_badge:
        return [str(_("You have no valid badge to replace: apply for a badge instead."))]
    if already_open:
        return [str(_("Your request for a new badge is already being handled."))]
    problems = []
    if reason == BadgeReason.VEHICLE_REPLACED and not (old_vehicle_number and new_vehicle_number):
        problems.append(str(_("Give the number of the vehicle replaced and of the new vehicle.")))
    return problems
