"""Rules of applications (BADGE-3, BADGE-6, BADGE-8, BADGE-18): pure functions, no database.

Messages are lazy translations so that services and forms can show them as they are.
"""

from collections.abc import Mapping
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

from ..choices import (
    REPLACEMENT_REASONS,
    ApplicationStatus,
    ApprovalSource,
    BadgeReason,
    EligibilityGround,
)

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


# BADGE-6: every approving body other than the department doctor decides on its own date, in
# its own letter, which the application brings.
SOURCES_WITH_THEIR_OWN_LETTER = frozenset(ApprovalSource) - {ApprovalSource.DEPARTMENT_DOCTOR}

# No approving body's decision is older than this (a typing error such as year 1).
EARLIEST_SOURCE_DECISION = date(1950, 1, 1)


def source_evidence_problems(
    *, source: str, decided_on: date | None, has_letter: bool, received_on: date
) -> dict[str, str]:
    """BADGE-6: an approval of another body comes with that body's decision date (not after the
    material arrived, not absurdly old) and its letter; the department doctor's decision has
    neither. The problems by the field they concern."""
    if source not in SOURCES_WITH_THEIR_OWN_LETTER:
        if decided_on or has_letter:
            message = _("Only an approval of another body has its own date and letter.")
            return {"source_decided_on" if decided_on else "source_letter": str(message)}
        return {}
    body = ApprovalSource(source).label
    problems = {}
    if decided_on is None:
        problems["source_decided_on"] = str(_("Give the date of the %(body)s decision.")) % {
            "body": body
        }
    elif decided_on > received_on:
        problems["source_decided_on"] = str(
            _("The %(body)s decision cannot be dated after the material arrived.")
        ) % {"body": body}
    elif decided_on < EARLIEST_SOURCE_DECISION:
        problems["source_decided_on"] = str(
            _("The %(body)s decision cannot be dated before %(date)s.")
        ) % {"body": body, "date": f"{EARLIEST_SOURCE_DECISION:%d/%m/%Y}"}
    if not has_letter:
        problems["source_letter"] = str(_("Attach the %(body)s approval letter.")) % {"body": body}
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


def info_overdue(*, status: str, info_due_on: date | None, today: date) -> bool:
    """BADGE-10: more information was required by a date, and that day has passed."""
    return (
        status == ApplicationStatus.INFO_REQUESTED
        and info_due_on is not None
        and today > info_due_on
    )


def detail_differences(
    current: Mapping[str, object], new: Mapping[str, object]
) -> list[tuple[str, object, object]]:
    """BADGE-7: the holder's details an application gives that differ from the file, as
    (field, in the file, in the application); an empty value and a missing one are the same,
    and surrounding spaces do not count."""

    def plain(value):
        value = value.strip() if isinstance(value, str) else value
        return None if value in ("", None) else value

    return [
        (field, current.get(field), value)
        for field, value in new.items()
        if plain(current.get(field)) != plain(value)
    ]


# BADGE-10: how far the clerk may move a "more information by" date in one extension.
INFO_EXTENSION_MAX = timedelta(days=365)


def info_extension_problem(*, current: date | None, until: date, today: date | None) -> str | None:
    """BADGE-10: a new "more information by" date is later than the one it replaces, later than
    today (when known) and at most a year away. None when it may be given."""
    if current is not None and until <= current:
        return str(_("The new date must be after the current one (%(date)s).")) % {
            "date": f"{current:%d/%m/%Y}"
        }
    if today is not None and until <= today:
        return str(_("The new date must be after today."))
    bases = [day for day in (current, today) if day is not None]
    if bases and until > max(bases) + INFO_EXTENSION_MAX:
        return str(_("The new date can be at most a year away (until %(date)s).")) % {
            "date": f"{max(bases) + INFO_EXTENSION_MAX:%d/%m/%Y}"
        }
    return None


def info_close_problem(*, info_due_on: date | None, on: date) -> str | None:
    """BADGE-10: a case waiting for information is closed for want of it only once its date has
    passed; until then the applicant may still send it."""
    if info_due_on is not None and on <= info_due_on:
        return str(
            _("The applicant has until %(date)s to send the information: extend the date or wait.")
        ) % {"date": f"{info_due_on:%d/%m/%Y}"}
    return None


def citizen_documents_problem(*, status: str, info_due_on: date | None, today: date) -> str:
    """BADGE-10, issue 15: a citizen sends documents online only to a case waiting for more
    information, until the date set (that day included); empty when they may."""
    if status != ApplicationStatus.INFO_REQUESTED or info_due_on is None:
        return str(_("This application is not waiting for more information from you."))
    if today > info_due_on:
        return str(
            _(
                "The date for the information, %(date)s, has passed: call the mobility "
                "department to ask for more time."
            )
        ) % {"date": info_due_on.strftime("%d/%m/%Y")}
    return ""
