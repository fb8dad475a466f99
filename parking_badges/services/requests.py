"""What a citizen asks online of the badge they hold (issue 15): a new badge for a lost, stolen
or damaged one, or for a replaced vehicle (BADGE-14), expected about a week after the request
(BADGE-18). It waits in the mobility department's queue until the clerk prints the new badge."""

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.models import User
from taxportal.services import receipt_issue
from taxportal.texts import lines, said
from taxportal.uploads import SCANS, check_upload

from .. import rules
from ..choices import BadgeReason, OwnerRelation, RefundKind
from ..models import (
    BadgeVehicle,
    DisabledPerson,
    RefundDocument,
    RefundRequest,
    ReplacementRequest,
)
from ..selectors import current_approval, current_badges
from .applications import checked_documents
from .refunds import refund_request_record

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


REFUND_REQUESTED = "badges.refund_requested"


@transaction.atomic
def refund_request_from_citizen(
    *,
    actor: User,
    national_id: str,
    vehicle_number: str,
    owner_relation: str,
    documents: Sequence[File],
    today: date,
) -> RefundRequest:
    """BADGE-37 to BADGE-41, issue 15: a holder asks online for the refund of the full fee paid
    while eligible, for a vehicle on their file, with the licence receipts. The request is the
    clerk's (`refund_request_record`), on the holder's approval in force (its body and date,
    BADGE-38, BADGE-39) and the vehicle's ownership date (BADGE-40): to be paid within three
    months (BADGE-41), the date the receipt gives. A financial lease (BADGE-42) goes with its
    original documents to the update-and-control department, not online."""
    person = DisabledPerson.objects.filter(national_id=national_id).first()
    entry = (
        BadgeVehicle.objects.select_related("vehicle")
        .filter(person=person, vehicle__number=vehicle_number, removed_on__isnull=True)
        .first()
        if person is not None
        else None
    )
    approval = current_approval(person, today) if person is not None else None
    if person is None or entry is None:
        raise ValidationError(_("Choose a vehicle on your badge."), code="vehicle")
    if approval is None:
        raise ValidationError(_("Your file holds no approval of eligibility."), code="approval")
    if not documents:
        raise ValidationError(_("Attach the licence receipts of the periods paid in full."))
    files = checked_documents(documents)
    owner = entry.vehicle.owners.order_by("-owned_from").first()
    refund = refund_request_record(
        person=person,
        vehicle=entry.vehicle,
        kind=RefundKind.OWNER,
        owner_relation=owner_relation,
        requested_on=today,
        approving_body=approval.source,
        approval_date=approval.approved_on,
        disability_start=approval.disability_started_on,
        ownership_date=owner.owned_from if owner else entry.added_on,
        actor=actor,
    )
    kept = [
        RefundDocument.objects.create(
            refund=refund,
            file=upload,
            original_name=(upload.name or "")[:255],
            content_type=content_type,
            uploaded_by=actor,
        )
        for upload, content_type in files
    ]
    receipt_issue(
        owner=actor,
        identity_number=national_id,
        event=REFUND_REQUESTED,
        case=refund,
        what=said(
            gettext_noop("Refund request for vehicle %(number)s"), number=entry.vehicle.number
        ),
        received=lines(
            said(
                gettext_noop("Vehicle registered to: %(relation)s"),
                relation=OwnerRelation(owner_relation).label,
            ),
            *[said(gettext_noop("Document: %(name)s"), name=d.original_name) for d in kept],
        ),
        next_step=said(
            gettext_noop(
                "The licensing department checks the licence periods paid in full while you "
                "were eligible; the refund is paid by %(date)s."
            ),
            date=refund.due_on,
        ),
        due_on=refund.due_on,
        url=reverse("parking_badges:my_badge"),
    )
    return refund
