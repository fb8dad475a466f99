"""Refund requests and their decision and payment (BADGE-37 to BADGE-42)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.locks import locked
from taxportal.models import User

from .. import rules, selectors
from ..choices import IneligibleReason, RefundKind
from ..models import DisabledPerson, RefundLine, RefundRequest, Vehicle
from ..rules.transitions import APPROVE, PAY, REFUND_TRANSITIONS, REJECT, next_status
from .badge_events import tell_refund_approved, tell_refund_paid


@transaction.atomic
def refund_request_record(
    *,
    person: DisabledPerson,
    vehicle: Vehicle,
    kind: str,
    owner_relation: str,
    requested_on: date,
    approving_body: str,
    approval_date: date,
    ownership_date: date,
    earlier_recognition_date: date | None = None,
    disability_start: date | None = None,
    lease_from: date | None = None,
    lease_until: date | None = None,
    lease_documents_checked: bool = False,
    actor: User | None,
) -> RefundRequest:
    """Record a refund request, due three months later (BADGE-41). A financial lease is reason
    08 with the disabled person's number in both identity fields (BADGE-42)."""
    errors = []
    body_problem = rules.refund_body_problem(approving_body)
    if body_problem:
        errors.append(body_problem)
    if kind == RefundKind.FINANCIAL_LEASE:
        if not (lease_from and lease_until) or lease_until < lease_from:
            errors.append(_("A financial lease refund needs the lease period (from and until)."))
        if not lease_documents_checked:
            errors.append(
                _(
                    "Check the original purchase contract (copied), the company's letter of the "
                    "financing deal and the original identity document."
                )
            )
        owner_national_id = person.national_id
    else:
        if not rules.refund_owner_eligible(
            owner_relation=owner_relation, person_birth_date=person.born_on, on_date=approval_date
        ):
            errors.append(
                _(
                    "A refund needs the vehicle registered to the person, their spouse, a parent "
                    "while the person is under 18, or a guardian appointed by court."
                )
            )
        elif not selectors.owner_relation_confirmed(
            person, vehicle, owner_relation, current_only=False
        ):
            errors.append(str(IneligibleReason.OWNER_NOT_REGISTERED.label))
        owners = list(vehicle.owners.order_by("owned_from"))
        owner_national_id = owners[-1].national_id if owners else person.national_id
        if owner_relation == rules.OwnerRelation.SELF:
            owner_national_id = person.national_id
    if errors:
        raise ValidationError(errors)
    refund = RefundRequest.objects.create(
        person=person,
        vehicle=vehicle,
        kind=kind,
        owner_relation=owner_relation,
        disabled_national_id=person.national_id,
        owner_national_id=owner_national_id,
        requested_on=requested_on,
        due_on=rules.refund_due_date(requested_on),
        approving_body=approving_body,
        approval_date=approval_date,
        earlier_recognition_date=earlier_recognition_date,
        disability_start=disability_start,
        ownership_date=ownership_date,
        lease_from=lease_from,
        lease_until=lease_until,
        lease_documents_checked=lease_documents_checked,
        recorded_by=actor,
    )
    refund.determining_date = selectors.refund_window(refund).determining_date
    refund.save(update_fields=["determining_date"])
    audit_record(
        actor=actor,
        action=gettext_noop("refund requested"),
        target=refund,
        changes={"vehicle": vehicle.number, "kind": kind, "due_on": refund.due_on},
    )
    return refund


def _lock_refund(refund: RefundRequest, action: str) -> tuple[RefundRequest, str]:
    """The refund locked, and the status `action` takes it to (refused when the table does not
    allow it from the refund's status)."""
    refund = locked(refund, "person", "vehicle")
    status = next_status(REFUND_TRANSITIONS, refund.status, action)
    if status is None:
        raise ValidationError(
            _("This refund is already %(status)s.") % {"status": refund.get_status_display()},
            code="status",
        )
    return refund, status


@transaction.atomic
def refund_approve(*, refund: RefundRequest, actor: User | None, note: str = "") -> RefundRequest:
    """Compute the lines (BADGE-40, BADGE-41) under a lock on the vehicle, so two approvals
    for the same vehicle never refund the same day twice."""
    locked(refund.vehicle)
    refund, status = _lock_refund(refund, APPROVE)
    try:
        preview = selectors.refund_preview(refund)
    except rules.NoFeeInForce as missing:
        raise ValidationError(
            _("The fee schedule has no amount in force on %(date)s; ask an administrator.")
            % {"date": missing.on_date.strftime("%d/%m/%Y")},
            code="no_fee",
        ) from None
    if not preview.lines or preview.total <= 0:
        raise ValidationError(
            _("Nothing to refund: every eligible day was paid at the reduced fee or refunded."),
            code="nothing_to_refund",
        )
    RefundLine.objects.bulk_create(
        RefundLine(
            request=refund,
            licence_period=preview.periods[line.period_key],
            start=line.start,
            end=line.end,
            days=line.days,
            amount_paid=line.amount_paid,
            reduced_fee=line.reduced_fee,
            amount=line.amount,
        )
        for line in preview.lines
    )
    refund.status = status
    refund.total = preview.total
    refund.decided_on = timezone.localdate()
    refund.decision_note = note
    refund.save(update_fields=["status", "total", "decided_on", "decision_note"])
    audit_record(
        actor=actor,
        action=gettext_noop("refund approved"),
        target=refund,
        reason=note,
        changes={"total": refund.total, "lines": len(preview.lines)},
    )
    tell_refund_approved(refund)
    return refund


@transaction.atomic
def refund_reject(*, refund: RefundRequest, actor: User | None, note: str) -> RefundRequest:
    refund, status = _lock_refund(refund, REJECT)
    if not note.strip():
        raise ValidationError(_("Say why the refund is rejected."), code="reason_required")
    refund.status = status
    refund.decided_on = timezone.localdate()
    refund.decision_note = note
    refund.save(update_fields=["status", "decided_on", "decision_note"])
    audit_record(actor=actor, action=gettext_noop("refund rejected"), target=refund, reason=note)
    return refund


@transaction.atomic
def refund_mark_paid(*, refund: RefundRequest, paid_on: date, actor: User | None) -> RefundRequest:
    refund, status = _lock_refund(refund, PAY)
    refund.status = status
    refund.paid_on = paid_on
    refund.save(update_fields=["status", "paid_on"])
    audit_record(
        actor=actor,
        action=gettext_noop("refund paid"),
        target=refund,
        changes={"paid_on": paid_on, "total": refund.total, "late": paid_on > refund.due_on},
    )
    tell_refund_paid(refund)
    return refund
