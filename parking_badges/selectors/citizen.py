"""What the citizen sees in the personal area and the call centre reads on the phone
(BADGE-11, BADGE-18, BADGE-35, BADGE-41).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from .. import rules
from ..choices import (
    CURRENT_BADGE_STATUSES,
    OPEN_APPLICATION_STATUSES,
    ApplicationStatus,
    DecisionOutcome,
)
from ..models import Badge, BadgeApplication, DisabledPerson, OwnershipTransfer, RefundRequest


@dataclass(frozen=True)
class CaseStatus:
    """A case in the words the call centre uses (BADGE-11) and the expected times (BADGE-18)."""

    application: BadgeApplication
    sent_to_doctor_on: date | None
    decision: str
    decided_on: date | None
    info_from: date | None
    info_until: date | None
    expected: str  # to the citizen ("reaches you")
    expected_for_staff: str  # what the call centre and the clerks read ("reaches the holder")


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
    expected = expected_for_staff = ""
    if case.status == ApplicationStatus.APPROVED:
        expected = str(_("A new badge reaches you within about two weeks of the approval."))
        expected_for_staff = str(
            _("A new badge reaches the holder within about two weeks of the approval.")
        )
    elif case.status in OPEN_APPLICATION_STATUSES:
        expected = expected_for_staff = str(_("An answer is due by %(date)s.")) % {
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
        expected_for_staff=expected_for_staff,
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
                queryset=Badge.objects.select_related("approval", "print_claim").order_by(
                    "-issued_on", "-id"
                ),
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


@dataclass(frozen=True)
class CitizenMoneyCases:
    """The citizen's own refund requests (BADGE-41: status and the date they are due) and
    the ownership transfers they sold or bought in (BADGE-35: the difference still owed)."""

    refunds: list[RefundRequest]
    transfers: list[OwnershipTransfer]

    def __bool__(self) -> bool:
        return bool(self.refunds or self.transfers)


def citizen_money_cases(national_id: str) -> CitizenMoneyCases:
    """Two queries whatever the number of cases; only the citizen's own, by identity number."""
    refunds = (
        RefundRequest.objects.filter(person__national_id=national_id)
        .select_related("vehicle")
        .order_by("-requested_on", "-id")
    )
    transfers = (
        OwnershipTransfer.objects.filter(
            Q(seller__national_id=national_id) | Q(buyer_national_id=national_id)
        )
        .select_related("vehicle", "seller", "fee_difference")
        .order_by("-transferred_on", "-id")
    )
    return CitizenMoneyCases(refunds=list(refunds), transfers=list(transfers))
