"""Rules of applications (BADGE-3, BADGE-6, BADGE-8, BADGE-18): pure functions, no database.

Messages are lazy translations so that services and forms can show them as they are.
"""

from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

from ..choices import REPLACEMENT_REASONS, ApprovalSource, BadgeReason, EligibilityGround

ANSWER_DUE_DAYS = 90  # BADGE-8

MIN_DISABILITY_PERCENT = 60  # BADGE-3 (1)

NEW_BADGE_ARRIVES_WITHIN = timedelta(weeks=2)  # BADGE-18: after the doctor's approval

REPLACEMENT_ARRIVES_WITHIN = timedelta(weeks=1)  # BADGE-18: after the request


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
