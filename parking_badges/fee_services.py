"""Writes of the money side (BADGE-31 to BADGE-51). Each service is atomic, locks the rows two
clerks could collide on, and records who did what and why in the audit trail."""

import csv
import hashlib
import io
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.models import User

from . import fee_selectors
from . import rules as fee_rules
from .models import (
    Badge,
    BadgeReason,
    DifferenceCause,
    DifferenceStatus,
    DisabledPerson,
    EnforcementAuthority,
    EnforcementDownload,
    EnforcementFile,
    ExemptionStatus,
    FeeDifference,
    ImporterFileStatus,
    ImporterVehicleFile,
    LicenceDispatch,
    LicencePeriod,
    OwnerKind,
    OwnershipTransfer,
    ReducedFeeExemption,
    RefundKind,
    RefundLine,
    RefundRequest,
    RefundStatus,
    TariffOutcome,
    TransferCause,
    Vehicle,
    VehicleOwner,
    VehicleRestriction,
)
from .selectors import current_badges

# -- Restrictions and tariffs -------------------------------------------------------------------


def _restriction_set(vehicle: Vehicle, code: str, on: date) -> None:
    if not vehicle.restrictions.filter(code=code, removed_on__isnull=True).exists():
        VehicleRestriction.objects.create(vehicle=vehicle, code=code, recorded_on=on)


def _restriction_clear(vehicle: Vehicle, code: str, on: date) -> None:
    vehicle.restrictions.filter(code=code, removed_on__isnull=True).update(removed_on=on)


def _set_tariff(vehicle: Vehicle, tariff: str) -> None:
    if vehicle.tariff_code != tariff:
        vehicle.tariff_code = tariff
        vehicle.save(update_fields=["tariff_code"])


def _lock_person(person: DisabledPerson) -> DisabledPerson:
    return DisabledPerson.objects.select_for_update().get(pk=person.pk)


def _lock_vehicle(vehicle: Vehicle) -> Vehicle:
    return Vehicle.objects.select_for_update().get(pk=vehicle.pk)


# -- Reduced-fee exemptions (BADGE-31, BADGE-33) --------------------------------------------------


def vehicle_eligibility(
    *, person: DisabledPerson, vehicle: Vehicle, owner_relation: str, on: date
) -> fee_rules.Eligibility:
    """BADGE-31/33 for this person and vehicle, from the register."""
    owner_kinds = set(
        vehicle.owners.filter(owned_until__isnull=True).values_list("kind", flat=True)
    )
    other_exempt = (
        ReducedFeeExemption.objects.filter(person=person, status=ExemptionStatus.ACTIVE)
        .exclude(vehicle=vehicle)
        .exists()
    )
    return fee_rules.reduced_fee_eligibility(
        vehicle_type=vehicle.vehicle_type,
        total_weight_kg=vehicle.total_weight_kg,
        owner_relation=owner_relation,
        business_use=vehicle.used_for_business,
        rental_car=OwnerKind.RENTAL_COMPANY in owner_kinds,
        other_exempt_vehicle=other_exempt,
        organisation_owned=OwnerKind.ORGANISATION in owner_kinds,
        badge_valid=fee_selectors.person_holds_valid_approval(person, on),
        holder_deceased=person.died_on is not None,
    )


def _refuse(eligibility: fee_rules.Eligibility) -> None:
    if not eligibility.eligible:
        raise ValidationError(eligibility.messages, code="not_eligible")


def _create_exemption(**fields) -> ReducedFeeExemption:
    """The partial unique indexes are the last word when two clerks race past the lock."""
    try:
        with transaction.atomic():
            return ReducedFeeExemption.objects.create(**fields)
    except IntegrityError:
        raise ValidationError(
            _("This person or vehicle already has a reduced-fee exemption."), code="exempt"
        ) from None


@transaction.atomic
def exemption_grant(
    *,
    person: DisabledPerson,
    vehicle: Vehicle,
    owner_relation: str,
    starts_on: date,
    actor: User | None,
    reason: str = "",
) -> ReducedFeeExemption:
    """Give the person's one vehicle the reduced fee: tariff 06 (BADGE-31). A second vehicle
    is refused while the first is exempt (BADGE-33): use `exemption_move`."""
    person = _lock_person(person)
    _refuse(
        vehicle_eligibility(
            person=person, vehicle=vehicle, owner_relation=owner_relation, on=starts_on
        )
    )
    exemption = _create_exemption(
        person=person,
        vehicle=vehicle,
        owner_relation=owner_relation,
        status=ExemptionStatus.ACTIVE,
        started_on=starts_on,
        created_by=actor,
    )
    _set_tariff(vehicle, fee_rules.DISABLED_TARIFF)
    audit_record(
        actor=actor,
        action=gettext_noop("reduced fee granted"),
        target=exemption,
        reason=reason,
        changes={"vehicle": vehicle.number, "from": starts_on, "tariff": vehicle.tariff_code},
    )
    return exemption


def _covering_period(vehicle: Vehicle, on: date) -> LicencePeriod:
    period = (
        LicencePeriod.objects.filter(vehicle=vehicle, valid_from__lte=on, valid_until__gte=on)
        .order_by("-valid_from")
        .first()
    )
    if period is None:
        raise ValidationError(
            _("Vehicle %(number)s has no licence period covering %(date)s.")
            % {"number": vehicle.number, "date": on.strftime("%d/%m/%Y")},
            code="no_licence_period",
        )
    return period


def fee_difference_raise(
    *,
    vehicle: Vehicle,
    cause: str,
    from_date: date,
    regular_annual_fee,
    actor: User | None,
    reason: str = "",
) -> FeeDifference:
    """BADGE-33/34: a licence carrying the fee difference from `from_date` to the end of the
    current licence period; restriction 16 is recorded the moment it is raised. Called inside
    the transfer and exemption-move services."""
    period = _covering_period(vehicle, from_date)
    amount = fee_rules.fee_difference(
        period=fee_rules.PaidPeriod(str(period.pk), period.valid_from, period.valid_until,
                                    period.amount_paid),
        regular_annual_fee=regular_annual_fee,
        from_date=from_date,
    )  # fmt: skip
    today = timezone.localdate()
    owes = amount > 0
    difference = FeeDifference.objects.create(
        vehicle=vehicle,
        licence_period=period,
        cause=cause,
        from_date=from_date,
        regular_annual_fee=regular_annual_fee,
        amount=amount,
        raised_on=today,
        raised_by=actor,
        # Nothing owed (the full fee was paid): settled at once, no restriction.
        status=DifferenceStatus.OPEN if owes else DifferenceStatus.PAID,
        paid_on=None if owes else today,
    )
    if owes:
        _restriction_set(vehicle, fee_rules.RESTRICTION_OWES_DIFFERENCE, today)
    audit_record(
        actor=actor,
        action=gettext_noop("fee difference raised"),
        target=difference,
        reason=reason,
        changes={"vehicle": vehicle.number, "amount": amount, "restriction_16": owes},
    )
    return difference


@transaction.atomic
def fee_difference_pay(
    *, difference: FeeDifference, paid_on: date, payment_reference: str, actor: User | None
) -> FeeDifference:
    """Paying the licence with the difference cancels restriction 16 automatically (BADGE-34),
    and a new vehicle waiting for it becomes exempt (BADGE-33)."""
    difference = FeeDifference.objects.select_for_update().get(pk=difference.pk)
    if difference.status == DifferenceStatus.PAID:
        raise ValidationError(_("This difference has already been paid."), code="paid")
    difference.status = DifferenceStatus.PAID
    difference.paid_on = paid_on
    difference.payment_reference = payment_reference
    difference.save(update_fields=["status", "paid_on", "payment_reference"])
    vehicle = difference.vehicle
    if not vehicle.fee_differences.filter(status=DifferenceStatus.OPEN).exists():
        _restriction_clear(vehicle, fee_rules.RESTRICTION_OWES_DIFFERENCE, paid_on)
    audit_record(
        actor=actor,
        action=gettext_noop("fee difference paid"),
        target=difference,
        reason=payment_reference,
        changes={"vehicle": vehicle.number, "amount": difference.amount, "paid_on": paid_on},
    )
    for waiting in difference.exemptions_awaiting.filter(status=ExemptionStatus.PENDING):
        waiting.status = ExemptionStatus.ACTIVE
        waiting.started_on = paid_on
        waiting.save(update_fields=["status", "started_on"])
        _set_tariff(waiting.vehicle, fee_rules.DISABLED_TARIFF)
        audit_record(
            actor=actor,
            action=gettext_noop("reduced fee granted"),
            target=waiting,
            reason=_("Difference on the previous vehicle paid."),
            changes={"vehicle": waiting.vehicle.number, "from": paid_on},
        )
    return difference


def _end_exemptions(vehicle: Vehicle, on: date, why: str, actor: User | None) -> None:
    for exemption in vehicle.exemptions.filter(
        status__in=[ExemptionStatus.ACTIVE, ExemptionStatus.PENDING]
    ):
        exemption.status = ExemptionStatus.ENDED
        exemption.ended_on = on
        exemption.end_reason = why
        exemption.save(update_fields=["status", "ended_on", "end_reason"])
        audit_record(
            actor=actor, action=gettext_noop("reduced fee ended"), target=exemption, reason=why
        )
    _set_tariff(vehicle, fee_rules.REGULAR_TARIFF)


@transaction.atomic
def exemption_move(
    *,
    person: DisabledPerson,
    new_vehicle: Vehicle,
    owner_relation: str,
    moved_on: date,
    regular_annual_fee,
    actor: User | None,
    reason: str = "",
) -> FeeDifference:
    """BADGE-33: the old vehicle goes back to the regular tariff with a duplicate licence
    carrying the difference; the new vehicle becomes exempt when it is paid."""
    person = _lock_person(person)
    current = fee_selectors.active_exemption(person)
    if current is None:
        raise ValidationError(
            _("This person has no exempt vehicle; grant the reduced fee directly."),
            code="nothing_to_move",
        )
    if current.vehicle_id == new_vehicle.pk:
        raise ValidationError(_("This vehicle is already the exempt one."), code="same_vehicle")
    old_vehicle = _lock_vehicle(current.vehicle)
    why = _("Exemption moved to vehicle %(number)s.") % {"number": new_vehicle.number}
    _end_exemptions(old_vehicle, moved_on, why, actor)
    _refuse(
        vehicle_eligibility(
            person=person, vehicle=new_vehicle, owner_relation=owner_relation, on=moved_on
        )
    )
    difference = fee_difference_raise(
        vehicle=old_vehicle,
        cause=DifferenceCause.EXEMPTION_MOVED,
        from_date=moved_on,
        regular_annual_fee=regular_annual_fee,
        actor=actor,
        reason=reason or why,
    )
    pending = _create_exemption(
        person=person,
        vehicle=new_vehicle,
        owner_relation=owner_relation,
        status=ExemptionStatus.PENDING,
        awaiting_difference=difference,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action=gettext_noop("reduced fee waiting for difference"),
        target=pending,
        reason=reason,
        changes={"old_vehicle": old_vehicle.number, "difference": difference.amount},
    )
    return difference


# -- Ownership transfers (BADGE-34 to BADGE-36, BADGE-17) ----------------------------------------


@transaction.atomic
def transfer_record(
    *,
    vehicle: Vehicle,
    seller: DisabledPerson,
    buyer_national_id: str,
    buyer_name: str,
    buyer_phone: str = "",
    buyer_email: str = "",
    transferred_on: date,
    cause: str,
    transfer_fee_payer: str,
    regular_annual_fee,
    actor: User | None,
    reason: str = "",
) -> OwnershipTransfer:
    """In the procedure's order: the disabled tariff is cancelled and the regular one restored;
    the transfer is made; a new licence carries the fee difference with restriction 16. Both
    parties are then told (after commit). After the holder's death the transfer is registered
    only once the badge is returned (BADGE-17)."""
    vehicle = _lock_vehicle(vehicle)
    current_owners = list(vehicle.owners.filter(owned_until__isnull=True))
    seller_exempt = vehicle.exemptions.filter(person=seller, status=ExemptionStatus.ACTIVE).exists()
    if not seller_exempt and seller.national_id not in {o.national_id for o in current_owners}:
        raise ValidationError(
            _("The seller is neither a current owner of this vehicle nor exempt on it."),
            code="not_owner",
        )
    if cause == TransferCause.DEATH or seller.died_on is not None:
        latest_badge = Badge.objects.filter(person=seller).order_by("-issued_on", "-id").first()
        if latest_badge is not None and latest_badge.returned_on is None:
            raise ValidationError(
                _(
                    "The holder has died: the transfer is registered only once the badge "
                    "is returned."
                ),
                code="badge_not_returned",
            )
    if vehicle.restrictions.filter(
        code=fee_rules.RESTRICTION_NO_TRANSFER, removed_on__isnull=True
    ).exists():
        raise ValidationError(
            _("Restriction 11 prevents transferring this vehicle's ownership."),
            code="restriction_11",
        )

    # 1. Cancel the disabled tariff and restore the regular one.
    _end_exemptions(vehicle, transferred_on, _("Ownership transferred."), actor)
    # 2. The transfer.
    vehicle.owners.filter(owned_until__isnull=True).update(owned_until=transferred_on)
    VehicleOwner.objects.create(
        vehicle=vehicle, national_id=buyer_national_id, name=buyer_name, owned_from=transferred_on
    )
    # 3-4. A new licence carrying the difference, with restriction 16.
    difference = fee_difference_raise(
        vehicle=vehicle,
        cause=DifferenceCause.TRANSFER,
        from_date=transferred_on,
        regular_annual_fee=regular_annual_fee,
        actor=actor,
        reason=reason,
    )
    transfer = OwnershipTransfer.objects.create(
        vehicle=vehicle,
        seller=seller,
        cause=cause,
        buyer_national_id=buyer_national_id,
        buyer_name=buyer_name,
        buyer_phone=buyer_phone,
        buyer_email=buyer_email,
        transferred_on=transferred_on,
        transfer_fee_payer=transfer_fee_payer,
        fee_difference=difference,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action=gettext_noop("ownership transfer recorded"),
        target=transfer,
        reason=reason,
        changes={
            "vehicle": vehicle.number,
            "seller": seller.national_id,
            "buyer": buyer_national_id,
            "transfer_fee_payer": transfer_fee_payer,
            "difference": difference.amount,
        },
    )
    from .fee_tasks import notify_transfer_parties

    transaction.on_commit(lambda: notify_transfer_parties.delay(transfer.pk))
    return transfer


def transfer_notify_parties(*, transfer: OwnershipTransfer) -> int:
    """BADGE-35: both parties are told the licence is valid only after the difference is paid,
    otherwise it will not be renewed. Sent once; returns the messages sent."""
    from django.core.mail import send_mail
    from django.utils import translation

    from taxportal.sms import send_sms

    with transaction.atomic():
        transfer = OwnershipTransfer.objects.select_for_update().get(pk=transfer.pk)
        if transfer.parties_notified_at is not None:
            return 0
        transfer.parties_notified_at = timezone.now()
        transfer.save(update_fields=["parties_notified_at"])
    difference = transfer.fee_difference
    seller = transfer.seller
    sent = 0
    with translation.override("he"):
        body = _(
            "Vehicle %(number)s changed owners on %(date)s. The licence you hold is valid only "
            "after the fee difference of %(amount)s NIS is paid; otherwise the licence will not "
            "be renewed."
        ) % {
            "number": transfer.vehicle.number,
            "date": transfer.transferred_on.strftime("%d/%m/%Y"),
            "amount": difference.amount if difference else "0.00",
        }
        subject = _("Fee difference for vehicle %(number)s") % {"number": transfer.vehicle.number}
    for phone in (seller.phone, transfer.buyer_phone):
        if phone:
            send_sms(to=phone, body=body)
            sent += 1
    for email in (seller.email, transfer.buyer_email):
        if email:
            send_mail(subject, body, None, [email])
            sent += 1
    audit_record(
        actor=None,
        action=gettext_noop("transfer parties told"),
        target=transfer,
        changes={"messages": sent},
    )
    return sent


# -- Refunds (BADGE-37 to BADGE-42) --------------------------------------------------------------


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
    body_problem = fee_rules.refund_body_problem(approving_body)
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
        if not fee_rules.refund_owner_eligible(
            owner_relation=owner_relation, person_birth_date=person.born_on, on_date=approval_date
        ):
            errors.append(
                _(
                    "A refund needs the vehicle registered to the person, their spouse, a parent "
                    "while the person is under 18, or a guardian appointed by court."
                )
            )
        owners = list(vehicle.owners.order_by("owned_from"))
        owner_national_id = owners[-1].national_id if owners else person.national_id
        if owner_relation == fee_rules.OwnerRelation.SELF:
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
        due_on=fee_rules.refund_due_date(requested_on),
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
    refund.determining_date = fee_selectors.refund_window(refund).determining_date
    refund.save(update_fields=["determining_date"])
    audit_record(
        actor=actor,
        action=gettext_noop("refund requested"),
        target=refund,
        changes={"vehicle": vehicle.number, "kind": kind, "due_on": refund.due_on},
    )
    return refund


def _lock_refund(refund: RefundRequest, *statuses: str) -> RefundRequest:
    refund = (
        RefundRequest.objects.select_for_update()
        .select_related("person", "vehicle")
        .get(pk=refund.pk)
    )
    if refund.status not in statuses:
        raise ValidationError(
            _("This refund is already %(status)s.") % {"status": refund.get_status_display()},
            code="status",
        )
    return refund


@transaction.atomic
def refund_approve(*, refund: RefundRequest, actor: User | None, note: str = "") -> RefundRequest:
    """Compute the lines (BADGE-40, BADGE-41) under a lock on the vehicle, so two approvals
    for the same vehicle never refund the same day twice."""
    _lock_vehicle(refund.vehicle)
    refund = _lock_refund(refund, RefundStatus.OPEN)
    try:
        preview = fee_selectors.refund_preview(refund)
    except fee_rules.NoFeeInForce as missing:
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
    refund.status = RefundStatus.APPROVED
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
    return refund


@transaction.atomic
def refund_reject(*, refund: RefundRequest, actor: User | None, note: str) -> RefundRequest:
    refund = _lock_refund(refund, RefundStatus.OPEN)
    if not note.strip():
        raise ValidationError(_("Say why the refund is rejected."), code="reason_required")
    refund.status = RefundStatus.REJECTED
    refund.decided_on = timezone.localdate()
    refund.decision_note = note
    refund.save(update_fields=["status", "decided_on", "decision_note"])
    audit_record(actor=actor, action=gettext_noop("refund rejected"), target=refund, reason=note)
    return refund


@transaction.atomic
def refund_mark_paid(*, refund: RefundRequest, paid_on: date, actor: User | None) -> RefundRequest:
    refund = _lock_refund(refund, RefundStatus.APPROVED)
    refund.status = RefundStatus.PAID
    refund.paid_on = paid_on
    refund.save(update_fields=["status", "paid_on"])
    audit_record(
        actor=actor,
        action=gettext_noop("refund paid"),
        target=refund,
        changes={"paid_on": paid_on, "total": refund.total, "late": paid_on > refund.due_on},
    )
    return refund


# -- Importers (BADGE-43 to BADGE-46) ------------------------------------------------------------


@transaction.atomic
def importer_file_open(
    *,
    vehicle_number: str,
    vehicle_type: str,
    total_weight_kg: int | None,
    manufactured_on: date | None,
    buyer_national_id: str,
    buyer_name: str,
    importer_name: str,
    entitlement_source: str,
    entitlement_originals: bool,
    previous_rights_unsettled: bool,
    previous_rights_receipt: bool,
    adaptation_codes: list[str],
    actor: User | None,
    now: datetime | None = None,
) -> ImporterVehicleFile:
    """Open the new vehicle for an exempt buyer: the buyer's number in the 5th additional-owner
    row, adaptations as restrictions, the forms to Customs; closed within 48 hours."""
    errors = []
    if not entitlement_originals:
        errors.append(_("The entitlement form must come in two signed originals."))
    if previous_rights_unsettled and not previous_rights_receipt:
        errors.append(
            _("Rights on a previous vehicle are not settled with Customs: bring their receipt.")
        )
    if Vehicle.objects.filter(number=vehicle_number).exists():
        errors.append(_("Vehicle %(number)s is already registered.") % {"number": vehicle_number})
    if errors:
        raise ValidationError(errors)
    now = now or timezone.now()
    today = timezone.localdate(now)
    vehicle = Vehicle.objects.create(
        number=vehicle_number,
        vehicle_type=vehicle_type,
        total_weight_kg=total_weight_kg,
        manufactured_on=manufactured_on,
        registered_on=today,
        reported_disabled_national_id=buyer_national_id,
    )
    VehicleOwner.objects.create(
        vehicle=vehicle, national_id=buyer_national_id, name=buyer_name, owned_from=today
    )
    for code in adaptation_codes:
        _restriction_set(vehicle, code, today)
    importer_file = ImporterVehicleFile.objects.create(
        vehicle=vehicle,
        buyer_national_id=buyer_national_id,
        buyer_name=buyer_name,
        importer_name=importer_name,
        entitlement_source=entitlement_source,
        entitlement_originals=entitlement_originals,
        previous_rights_unsettled=previous_rights_unsettled,
        previous_rights_receipt=previous_rights_receipt,
        opened_at=now,
        close_by=fee_rules.importer_close_deadline(now),
        opened_by=actor,
    )
    audit_record(
        actor=actor,
        action=gettext_noop("importer file opened"),
        target=importer_file,
        changes={
            "vehicle": vehicle_number,
            "buyer": buyer_national_id,
            "adaptations": adaptation_codes,
        },
    )
    return importer_file


def _lock_importer_file(importer_file, *statuses) -> ImporterVehicleFile:
    importer_file = (
        ImporterVehicleFile.objects.select_for_update()
        .select_related("vehicle")
        .get(pk=importer_file.pk)
    )
    if importer_file.status not in statuses:
        raise ValidationError(
            _("This file is already: %(status)s.") % {"status": importer_file.get_status_display()},
            code="status",
        )
    return importer_file


@transaction.atomic
def importer_file_release(
    *, importer_file: ImporterVehicleFile, released_on: date, customs_reference: str, actor
) -> ImporterVehicleFile:
    """BADGE-45: after Customs' release restriction 11 is present; tariff 06 is approved when
    the buyer is entitled, else BADGE-33 applies (the buyer pays the difference on the other
    exempt vehicle at a licensing office first)."""
    importer_file = _lock_importer_file(importer_file, ImporterFileStatus.WITH_CUSTOMS)
    vehicle = importer_file.vehicle
    _restriction_set(vehicle, fee_rules.RESTRICTION_NO_TRANSFER, released_on)
    person = DisabledPerson.objects.filter(national_id=importer_file.buyer_national_id).first()
    if person is None:
        outcome, reasons = (
            TariffOutcome.NOT_ELIGIBLE,
            [_("The buyer is not in the disabled-persons file.")],
        )
    else:
        person = _lock_person(person)
        eligibility = vehicle_eligibility(
            person=person, vehicle=vehicle, owner_relation=fee_rules.OwnerRelation.SELF,
            on=released_on,
        )  # fmt: skip
        reasons = eligibility.messages
        if eligibility.eligible:
            outcome = TariffOutcome.APPROVED
        elif eligibility.reasons == (fee_rules.IneligibleReason.OTHER_VEHICLE_EXEMPT,):
            outcome = TariffOutcome.DIFFERENCE_REQUIRED
        else:
            outcome = TariffOutcome.NOT_ELIGIBLE
    if outcome == TariffOutcome.APPROVED:
        exemption_grant(
            person=person,
            vehicle=vehicle,
            owner_relation=fee_rules.OwnerRelation.SELF,
            starts_on=released_on,
            actor=actor,
            reason=_("New vehicle at the importer."),
        )
    importer_file.status = ImporterFileStatus.RELEASED
    importer_file.customs_released_on = released_on
    importer_file.customs_reference = customs_reference
    importer_file.tariff_outcome = outcome
    importer_file.tariff_refusal_reasons = "\n".join(str(r) for r in reasons)
    importer_file.save()
    audit_record(
        actor=actor,
        action=gettext_noop("importer file released by Customs"),
        target=importer_file,
        reason=customs_reference,
        changes={"restriction": "11", "tariff_outcome": outcome},
    )
    return importer_file


@transaction.atomic
def importer_licence_printed(*, importer_file: ImporterVehicleFile, printed_amount, actor) -> bool:
    """BADGE-32: the licence must print the importer's reduced amount; any other amount (the
    full one) cancels the print. Returns True when the print must be redone."""
    importer_file = _lock_importer_file(importer_file, ImporterFileStatus.RELEASED)
    try:
        redo = fee_rules.importer_print_must_be_redone(
            printed_amount=printed_amount,
            schedule=fee_selectors.fee_schedule(),
            on_date=timezone.localdate(),
        )
    except fee_rules.NoFeeInForce:
        raise ValidationError(_("The fee schedule has no importer amount in force.")) from None
    importer_file.printed_licence_amount = None if redo else printed_amount
    importer_file.save(update_fields=["printed_licence_amount"])
    audit_record(
        actor=actor,
        action=gettext_noop("importer licence print cancelled")
        if redo
        else gettext_noop("importer licence printed"),
        target=importer_file,
        changes={"printed_amount": printed_amount},
    )
    return redo


@transaction.atomic
def importer_file_close(
    *, importer_file: ImporterVehicleFile, two_vehicles_notice_given: bool, actor, now=None
) -> ImporterVehicleFile:
    """BADGE-46: close the file; a buyer whose badge has two vehicles must have been told to
    report the new one to the Licensing Authority."""
    importer_file = _lock_importer_file(importer_file, ImporterFileStatus.RELEASED)
    errors = []
    if importer_file.tariff_outcome == TariffOutcome.APPROVED and (
        importer_file.printed_licence_amount is None
    ):
        errors.append(_("Print the licence at the reduced importer amount first."))
    if (
        fee_selectors.holder_has_two_vehicles(importer_file.buyer_national_id)
        and not two_vehicles_notice_given
    ):
        errors.append(
            _(
                "The buyer's badge has two vehicles: tell them that adding the new one must be "
                "reported to the Licensing Authority, and tick the box."
            )
        )
    if errors:
        raise ValidationError(errors)
    now = now or timezone.now()
    importer_file.status = ImporterFileStatus.CLOSED
    importer_file.closed_at = now
    importer_file.two_vehicles_notice_given = two_vehicles_notice_given
    importer_file.save(update_fields=["status", "closed_at", "two_vehicles_notice_given"])
    audit_record(
        actor=actor,
        action=gettext_noop("importer file closed"),
        target=importer_file,
        changes={"late": now > importer_file.close_by},
    )
    return importer_file


# -- Monthly jobs (BADGE-49, BADGE-50, BADGE-51) ---------------------------------------------


def badge_vehicles_monthly_check(*, on: date) -> int:
    """BADGE-49: vehicles no longer active or whose ownership changed leave the badge, and the
    holder's badge is printed again without them (BADGE-14: the old one is void). Running
    again removes and prints nothing more. Returns how many vehicles were removed."""
    from .services import badge_vehicle_remove

    removed = 0
    changed: dict[int, tuple[DisabledPerson, str, list[str]]] = {}
    for entry in fee_selectors.badge_vehicles_to_remove().iterator(chunk_size=500):
        sold = entry.vehicle.is_active
        why = (
            _("Monthly check: ownership of the vehicle changed.")
            if sold
            else _("Monthly check: vehicle no longer active.")
        )
        try:
            badge_vehicle_remove(actor=None, entry=entry, on=on, reason=why)
        except ValidationError:
            continue  # removed meanwhile by a clerk
        removed += 1
        person, reason, numbers = changed.get(
            entry.person_id, (entry.person, BadgeReason.VEHICLES_CHANGED, [])
        )
        if sold:
            reason = BadgeReason.OWNERSHIP_CHANGED
        changed[entry.person_id] = (person, reason, [*numbers, entry.vehicle.number])
    for person, reason, numbers in changed.values():
        replacement_badge_order(person=person, reason=reason, numbers=numbers, on=on)
    return removed


def replacement_badge_order(
    *, person: DisabledPerson, reason: str, numbers: list[str], on: date
) -> Badge | None:
    """BADGE-14 after BADGE-49: a current badge that still carries a removed vehicle is
    replaced by a new print with the vehicles left on the file; with none left, or when the
    print is refused (expired, died...), the refusal is recorded and nothing is printed."""
    from .services import badge_print

    badges = current_badges(person)
    carried = {number for badge in badges for number in badge.vehicle_numbers}
    if not badges or not set(numbers) & carried:
        return None
    badge = badges[0]
    note = _("Monthly check removed %(numbers)s.") % {"numbers": ", ".join(numbers)}
    try:
        with transaction.atomic():
            return badge_print(
                actor=None,
                person=person,
                reason=reason,
                today=on,
                reason_note=note,
                owners_are_guardians=badge.owners_are_guardians,
            )
    except ValidationError as refusal:
        audit_record(
            actor=None,
            action=gettext_noop("replacement badge not ordered"),
            target=badge,
            reason="; ".join([note, *refusal.messages]),
        )
        return None


def disabled_tariff_monthly_reset(*, on: date) -> int:
    """BADGE-50: at the monthly licence dispatch a disabled-tariff vehicle whose holder's
    disability validity has ended goes back to the regular tariff, and its licence is recorded
    as sent at the regular fee. Running again resets and dispatches nothing more."""
    month = on.replace(day=1)
    why = _("Disability validity ended.")
    reset = 0
    exemptions = ReducedFeeExemption.objects.filter(status=ExemptionStatus.ACTIVE).select_related(
        "person", "vehicle"
    )
    for exemption in exemptions.iterator(chunk_size=500):
        person = exemption.person
        if person.died_on is None and fee_selectors.person_holds_valid_approval(person, on):
            continue
        with transaction.atomic():
            vehicle = _lock_vehicle(exemption.vehicle)
            _end_exemptions(vehicle, on, why, None)
            last_period = vehicle.licence_periods.order_by("-valid_from").first()
            dispatch, _created = LicenceDispatch.objects.get_or_create(
                vehicle=vehicle,
                month=month,
                defaults={
                    "tariff_code": fee_rules.REGULAR_TARIFF,
                    "regular_annual_fee": last_period.regular_annual_fee if last_period else None,
                    "reason": why,
                },
            )
            audit_record(
                actor=None,
                action=gettext_noop("tariff reset to regular (monthly dispatch)"),
                target=vehicle,
                reason=why,
                changes={
                    "person": person.national_id,
                    "dispatch_month": month,
                    "tariff": dispatch.tariff_code,
                    "regular_annual_fee": dispatch.regular_annual_fee,
                },
            )
        reset += 1
    return reset


ENFORCEMENT_HEADER = ["vehicle_number", "last_badge_issued_on"]


def enforcement_file_build(*, month: date) -> EnforcementFile:
    """BADGE-51: the month's file of vehicle numbers on current (approved, unexpired) badges and
    each one's last badge issue date. Built once per month; a re-run returns the same file."""
    month = month.replace(day=1)
    existing = EnforcementFile.objects.filter(month=month).first()
    if existing is not None:
        return existing
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(ENFORCEMENT_HEADER)
    count = 0
    for number, last_issued_on in fee_selectors.last_badge_issue_by_vehicle(month):
        writer.writerow([number, last_issued_on.isoformat()])
        count += 1
    content = buffer.getvalue()
    with transaction.atomic():
        enforcement_file, created = EnforcementFile.objects.get_or_create(
            month=month,
            defaults={
                "content": content,
                "sha256": hashlib.sha256(content.encode()).hexdigest(),
                "vehicle_count": count,
            },
        )
        if created:
            audit_record(
                actor=None,
                action=gettext_noop("enforcement file built"),
                target=enforcement_file,
                changes={"vehicles": count},
            )
    return enforcement_file


@transaction.atomic
def enforcement_file_download(
    *, enforcement_file: EnforcementFile, authority: EnforcementAuthority, user: User
) -> EnforcementDownload:
    """Only an authority approved under the Privacy Protection Law, only by its own users, and
    every download recorded."""
    if not authority.privacy_approved or not authority.users.filter(pk=user.pk).exists():
        raise PermissionDenied
    download = EnforcementDownload.objects.create(
        file=enforcement_file, authority=authority, user=user
    )
    audit_record(
        actor=user,
        action=gettext_noop("enforcement file downloaded"),
        target=enforcement_file,
        changes={"authority": authority.name, "sha256": enforcement_file.sha256},
    )
    return download


@transaction.atomic
def licence_period_record(
    *,
    vehicle: Vehicle,
    valid_from: date,
    valid_until: date,
    amount_paid,
    regular_annual_fee=None,
    tariff_code: str = "",
    paid_on: date | None = None,
    actor: User | None,
) -> LicencePeriod:
    """Record a licence period the vehicle paid for, as the licensing system shows it; the
    refunds and differences are counted over these."""
    if LicencePeriod.objects.filter(
        vehicle=vehicle, valid_from__lte=valid_until, valid_until__gte=valid_from
    ).exists():
        raise ValidationError(
            _("This period overlaps a licence period already recorded for the vehicle."),
            code="overlap",
        )
    period = LicencePeriod.objects.create(
        vehicle=vehicle,
        valid_from=valid_from,
        valid_until=valid_until,
        amount_paid=amount_paid,
        regular_annual_fee=regular_annual_fee,
        tariff_code=tariff_code,
        paid_on=paid_on,
    )
    audit_record(
        actor=actor,
        action=gettext_noop("licence period recorded"),
        target=vehicle,
        changes={"from": valid_from, "until": valid_until, "paid": amount_paid},
    )
    return period
