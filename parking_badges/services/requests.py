"""What a citizen asks online of the badge they hold (issue 15): a new badge for a lost, stolen
or damaged one, or for a replaced vehicle (BADGE-14), expected about a week after the request
(BADGE-18). It waits in the mobility department's queue until the clerk prints the new badge."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.models import User
from taxportal.services import receipt_issue
from taxportal.texts import lines, said
from taxportal.uploads import SCANS, check_upload

from .. import rules
from ..choices import BadgeReason
from ..models import DisabledPerson, ReplacementRequest
from ..selectors import current_badges

REPLACEMENT_REQUESTED = "badges.replacement_requested"


@transaction.atomic
def replacement_request_receive(
    *,
    actor: User,
    national_id: str,
    reason: str,
    today: date,
    old_vehicle_number: str = "",
    new_vehicle_number: str = "",
    document: File | None = None,
) -> ReplacementRequest:
    """BADGE-14, BADGE-18: the request enters the clerk's queue, the new badge expected about a
    week after it; the citizen is given a receipt with that date."""
    person = DisabledPerson.objects.select_for_update().filter(national_id=national_id).first()
    badge = next(iter(current_badges(person)), None) if person is not None else None
    problems = rules.replacement_request_problems(
        has_badge=badge is not None,
        reason=reason,
        old_vehicle_number=old_vehicle_number,
        new_vehicle_number=new_vehicle_number,
        already_open=person is not None
        and ReplacementRequest.objects.filter(person=person, handled_on__isnull=True).exists(),
    )
    if problems:
        raise ValidationError(problems)
    assert person is not None and badge is not None  # no badge is a problem above
    content_type = check_upload(document, allowed=SCANS) if document is not None else ""
    expected = rules.expected_badge_arrival(reason=reason, requested_on=today, approved_on=today)
    request = ReplacementRequest.objects.create(
        person=person,
        badge=badge,
        reason=reason,
        old_vehicle_number=old_vehicle_number if reason == BadgeReason.VEHICLE_REPLACED else "",
        new_vehicle_number=new_vehicle_number if reason == BadgeReason.VEHICLE_REPLACED else "",
        document=document,
        document_name=(document.name or "")[:255] if document is not None else "",
        content_type=content_type,
        requested_on=today,
        expected_on=expected,
        requested_by=actor,
    )
    audit_record(
        actor=actor,
        action=gettext_noop("new badge requested online"),
        target=person,
        changes={"reason": reason, "expected_on": expected, "badge": badge.pk},
    )
    received = [said(gettext_noop("Reason: %(reason)s"), reason=BadgeReason(reason).label)]
    if request.new_vehicle_number:
        received.append(
            said(
                gettext_noop("Vehicle %(old)s replaced by vehicle %(new)s"),
                old=request.old_vehicle_number,
                new=request.new_vehicle_number,
            )
        )
    if request.document_name:
        received.append(said(gettext_noop("Document: %(name)s"), name=request.document_name))
    receipt_issue(
        owner=actor,
        identity_number=national_id,
        event=REPLACEMENT_REQUESTED,
        case=request,
        what=said(gettext_noop("Request for a new disabled-parking badge")),
        received=lines(*received),
        next_step=said(
            gettext_noop(
                "The mobility department prints a new badge, which voids the old one; it "
                "reaches you by about %(date)s."
            ),
            date=expected,
        ),
        due_on=expected,
        url=reverse("parking_badges:my_badge"),
    )
    return request


def replacement_requests_close(*, person: DisabledPerson, on: date) -> int:
    """BADGE-14: a new badge printed answers every open request of the holder. Called inside
    `badge_print`'s transaction."""
    return ReplacementRequest.objects.filter(person=person, handled_on__isnull=True).update(
        handled_on=on
    )
