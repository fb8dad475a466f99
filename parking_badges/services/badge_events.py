"""Telling the holder what happened to their badge case (issue 15): each service that acts
sends one `citizen_event` after it commits (taxportal.events); the notifications area decides
whether and where the holder hears of it (REG-13, REG-14).

The day's print file tells its holders set-based, from a task started after the file is built
and committed: one query for the badges, one insert of notifications (`print_file_tell_holders`),
so the print job never waits on messages.
"""

from functools import partial

from django.db import transaction
from django.urls import reverse

from taxportal.events import citizen_event_on_commit
from taxportal.money import format_shekels
from taxportal.notifications.services import CitizenEvent, notifications_record_bulk

from .. import rules, tasks
from ..choices import DecisionOutcome
from ..models import BadgeApplication, MedicalDecision, PrintFile, RefundRequest
from ..selectors import print_file_badges

DECISION_EVENTS = {
    DecisionOutcome.APPROVED: "badges.approved",
    DecisionOutcome.REJECTED: "badges.rejected",
    DecisionOutcome.INFO_REQUESTED: "badges.info_requested",
}


def _my_badge() -> str:
    return reverse("parking_badges:my_badge")


def _shekels(amount) -> str:
    return format_shekels(amount)


def tell_application_received(application: BadgeApplication) -> None:
    """BADGE-7, BADGE-8: received, with the date the answer is due. One message per
    application, whether the clerk recorded it or the citizen sent it online."""
    citizen_event_on_commit(
        sender=BadgeApplication,
        event="badges.application_received",
        identity_number=application.person.national_id,
        case=application,
        url=_my_badge(),
        params={
            "reference": str(application.pk),
            "date": application.material_received_on.isoformat(),
            "due": rules.answer_due_on(application.material_received_on).isoformat(),
        },
    )


def tell_sent_to_doctor(application: BadgeApplication) -> None:
    """BADGE-10, BADGE-11: each sending to the doctor (again after more information) once."""
    assert application.sent_to_doctor_on is not None  # set by the service that sends it
    citizen_event_on_commit(
        sender=BadgeApplication,
        event="badges.sent_to_doctor",
        identity_number=application.person.national_id,
        case=application,
        key=application.sent_to_doctor_on.isoformat(),
        url=_my_badge(),
        params={"date": application.sent_to_doctor_on.isoformat()},
    )


def tell_decision(application: BadgeApplication, decision: MedicalDecision) -> None:
    """BADGE-10 (approved / rejected with the appeal route of BADGE-9 / more information by a
    date) and BADGE-18 (an approved badge arrives about two weeks after the approval)."""
    params = {"date": decision.decided_on.isoformat()}
    if decision.info_requested_until is not None:
        params["until"] = decision.info_requested_until.isoformat()
    if decision.outcome == DecisionOutcome.APPROVED:
        params["expected"] = (decision.decided_on + rules.NEW_BADGE_ARRIVES_WITHIN).isoformat()
    citizen_event_on_commit(
        sender=BadgeApplication,
        event=DECISION_EVENTS[DecisionOutcome(decision.outcome)],
        identity_number=application.person.national_id,
        case=application,
        key=str(decision.pk),
        url=_my_badge(),
        params=params,
    )


def tell_health_ministry_approval(application: BadgeApplication, approved_on) -> None:
    """BADGE-6: a Ministry of Health approval is the decision: approved, the badge arriving
    about two weeks later (BADGE-18)."""
    citizen_event_on_commit(
        sender=BadgeApplication,
        event="badges.approved",
        identity_number=application.person.national_id,
        case=application,
        key=f"health-ministry-{approved_on.isoformat()}",
        url=_my_badge(),
        params={
            "date": approved_on.isoformat(),
            "expected": (approved_on + rules.NEW_BADGE_ARRIVES_WITHIN).isoformat(),
        },
    )


def tell_info_deadline_extended(application: BadgeApplication) -> None:
    """BADGE-10: more information is still needed, now by the later date."""
    assert application.info_due_on is not None  # the extension just set it
    citizen_event_on_commit(
        sender=BadgeApplication,
        event="badges.info_requested",
        identity_number=application.person.national_id,
        case=application,
        key=f"extended-{application.info_due_on.isoformat()}",
        url=_my_badge(),
        params={"until": application.info_due_on.isoformat()},
    )


def tell_refund_approved(refund: RefundRequest) -> None:
    """BADGE-41: approved, with the amount and the date it is paid by."""
    citizen_event_on_commit(
        sender=RefundRequest,
        event="badges.refund_approved",
        identity_number=refund.person.national_id,
        case=refund,
        url=_my_badge(),
        params={"amount": _shekels(refund.total), "due": refund.due_on.isoformat()},
    )


def tell_refund_paid(refund: RefundRequest) -> None:
    assert refund.paid_on is not None  # set by the service that marks it paid
    citizen_event_on_commit(
        sender=RefundRequest,
        event="badges.refund_paid",
        identity_number=refund.person.national_id,
        case=refund,
        url=_my_badge(),
        params={"amount": _shekels(refund.total), "date": refund.paid_on.isoformat()},
    )


def print_file_tell_holders_later(print_file: PrintFile) -> None:
    """After the print file's transaction commits, a task tells its holders (the print job
    does not wait for it)."""
    transaction.on_commit(partial(tasks.tell_badges_printed.delay, print_file.pk))


def print_file_tell_holders(*, print_file_id: int) -> int:
    """BADGE-14, BADGE-18: every badge of the file, told once that it was printed and when it
    should arrive; set-based (one read, one insert). Returns the messages queued."""
    print_file = PrintFile.objects.get(pk=print_file_id)
    badges = (
        print_file_badges(print_file)
        .select_related("approval")
        .only("pk", "holder_national_id", "reason", "issued_on", "approval__approved_on")
        .order_by("pk")
    )
    url = _my_badge()
    items = [
        CitizenEvent(
            event="badges.printed",
            identity_number=badge.holder_national_id,
            case=badge,
            url=url,
            params={
                "date": print_file.for_date.isoformat(),
                "expected": rules.expected_badge_arrival(
                    reason=badge.reason,
                    requested_on=badge.issued_on,
                    approved_on=badge.approval.approved_on,
                ).isoformat(),
            },
        )
        for badge in badges.iterator(chunk_size=2000)
    ]
    return notifications_record_bulk(items=items)
