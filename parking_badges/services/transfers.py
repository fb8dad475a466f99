"""Ownership transfers from a disabled owner and telling both parties (BADGE-34 to BADGE-36)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.locks import locked
from taxportal.models import User
from taxportal.texts import said

from .. import rules, selectors, tasks
from ..choices import BadgeReason, DifferenceCause, ExemptionStatus, TransferCause
from ..models import Badge, DisabledPerson, OwnershipTransfer, Vehicle, VehicleOwner
from ._register import end_exemptions
from .fees import fee_difference_raise


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
    actor: User | None,
    reason: str = "",
) -> OwnershipTransfer:
    """In the procedure's order: the disabled tariff is cancelled and the regular one restored;
    the transfer is made; a new licence carries the fee difference with restriction 16. Both
    parties are then told (after commit). While a difference is owed (restriction 16) no
    further transfer is made (regulation 283). After the holder's death the transfer is registered
    only once the badge is returned (BADGE-17)."""
    vehicle = locked(vehicle)
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
        code=rules.RESTRICTION_OWES_DIFFERENCE, removed_on__isnull=True
    ).exists():
        raise ValidationError(
            _(
                "Restriction 16: a fee difference is owed on this vehicle; its ownership cannot "
                "be transferred until it is paid (regulation 283)."
            ),
            code="restriction_16",
        )
    if vehicle.restrictions.filter(
        code=rules.RESTRICTION_NO_TRANSFER, removed_on__isnull=True
    ).exists():
        raise ValidationError(
            _("Restriction 11 prevents transferring this vehicle's ownership."),
            code="restriction_11",
        )

    # 1. Cancel the disabled tariff and restore the regular one.
    end_exemptions(vehicle, transferred_on, said(gettext_noop("Ownership transferred.")), actor)
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
    _leave_badges(vehicle, transferred_on)
    transaction.on_commit(lambda: tasks.notify_transfer_parties.delay(transfer.pk))
    return transfer


def _leave_badges(vehicle: Vehicle, on: date) -> None:
    """BADGE-14/49: a vehicle whose ownership left the holder's circle leaves the badge file at
    once (so it is off the next badge and out of the enforcement file), and the badge that
    carries it is printed again without it."""
    from .monthly import replacement_badge_order
    from .vehicles import badge_vehicle_remove

    why = said(gettext_noop("Ownership of the vehicle changed."))
    for entry in selectors.badge_vehicles_to_remove().filter(vehicle=vehicle):
        badge_vehicle_remove(actor=None, entry=entry, on=on, reason=why)
        replacement_badge_order(
            person=entry.person,
            reason=BadgeReason.OWNERSHIP_CHANGED,
            numbers=[vehicle.number],
            on=on,
        )


@transaction.atomic
def transfer_notify_parties(*, transfer: OwnershipTransfer) -> int:
    """BADGE-35: both parties are told, on every phone and e-mail recorded for them, that the
    licence is valid only after the difference is paid, otherwise it will not be renewed. Each
    message is a notification (recorded, retried, listed on the holder's page), told once;
    returns the messages queued."""
    from taxportal.notifications.choices import NotificationChannel
    from taxportal.notifications.services import RequiredNotice, notices_record_required

    transfer = locked(transfer)
    if transfer.parties_notified_at is not None:
        return 0
    transfer.parties_notified_at = timezone.now()
    transfer.save(update_fields=["parties_notified_at"])
    identity = {"seller": transfer.seller.national_id, "buyer": transfer.buyer_national_id}
    notices = [
        RequiredNotice(identity[party], f"{party}-{channel}", channel, address)
        for party, (phone, email) in transfer.contacts().items()
        for channel, address in (
            (NotificationChannel.SMS, phone),
            (NotificationChannel.EMAIL, email),
        )
        if address
    ]
    difference = transfer.fee_difference
    queued = notices_record_required(
        event="badges.transfer_fee_difference",
        case=transfer,
        notices=notices,
        params={
            "number": transfer.vehicle.number,
            "date": transfer.transferred_on.isoformat(),
            "amount": str(difference.amount) if difference else "0.00",
        },
    )
    audit_record(
        actor=None,
        action=gettext_noop("transfer parties told"),
        target=transfer,
        changes={"messages": queued},
    )
    return queued
