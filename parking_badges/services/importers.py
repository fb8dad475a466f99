"""The importers' files for new vehicles of exempt buyers (BADGE-43 to BADGE-46)."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.locks import locked
from taxportal.models import User
from taxportal.texts import lines, said

from .. import rules, selectors
from ..choices import TariffOutcome
from ..models import DisabledPerson, ImporterVehicleFile, Vehicle, VehicleOwner
from ..rules.transitions import (
    CLOSE,
    IMPORTER_FILE_TRANSITIONS,
    PRINT_LICENCE,
    RELEASE,
    next_status,
)
from ._register import restriction_set
from .exemptions import exemption_grant, vehicle_eligibility
from .fees import amounts_check


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
        restriction_set(vehicle, code, today)
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
        close_by=rules.importer_close_deadline(now),
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


def _lock_importer_file(importer_file, action: str) -> tuple[ImporterVehicleFile, str]:
    """The file locked, and the status `action` takes it to (refused when the table does not
    allow it from the file's status)."""
    importer_file = locked(importer_file, "vehicle")
    status = next_status(IMPORTER_FILE_TRANSITIONS, importer_file.status, action)
    if status is None:
        raise ValidationError(
            _("This file is already: %(status)s.") % {"status": importer_file.get_status_display()},
            code="status",
        )
    return importer_file, status


@transaction.atomic
def importer_file_release(
    *, importer_file: ImporterVehicleFile, released_on: date, customs_reference: str, actor
) -> ImporterVehicleFile:
    """BADGE-45: after Customs' release restriction 11 is present; tariff 06 is approved when
    the buyer is entitled and the vehicle is within 18 months of its manufacture (BADGE-29),
    else BADGE-33 applies (the buyer pays the difference on the other
    exempt vehicle at a licensing office first)."""
    importer_file, status = _lock_importer_file(importer_file, RELEASE)
    vehicle = importer_file.vehicle
    restriction_set(vehicle, rules.RESTRICTION_NO_TRANSFER, released_on)
    person = DisabledPerson.objects.filter(national_id=importer_file.buyer_national_id).first()
    reasons: list[object]
    if person is None:
        outcome, reasons = (
            TariffOutcome.NOT_ELIGIBLE,
            [said(gettext_noop("The buyer is not in the disabled-persons file."))],
        )
    else:
        person = locked(person)
        eligibility = vehicle_eligibility(
            person=person, vehicle=vehicle, owner_relation=rules.OwnerRelation.SELF,
            on=released_on, new_vehicle=True,
        )  # fmt: skip
        reasons = [reason.label for reason in eligibility.reasons]
        if eligibility.eligible:
            outcome = TariffOutcome.APPROVED
        elif eligibility.reasons == (rules.IneligibleReason.OTHER_VEHICLE_EXEMPT,):
            outcome = TariffOutcome.DIFFERENCE_REQUIRED
        else:
            outcome = TariffOutcome.NOT_ELIGIBLE
    if outcome == TariffOutcome.APPROVED:
        assert person is not None  # no person is NOT_ELIGIBLE
        exemption_grant(
            person=person,
            vehicle=vehicle,
            owner_relation=rules.OwnerRelation.SELF,
            starts_on=released_on,
            actor=actor,
            reason=said(gettext_noop("New vehicle at the importer.")),
            new_vehicle=True,
        )
    importer_file.status = status
    importer_file.customs_released_on = released_on
    importer_file.customs_reference = customs_reference
    importer_file.tariff_outcome = outcome
    importer_file.tariff_refusal_reasons = lines(*reasons) if reasons else ""
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
    amounts_check({_("Amount printed on the licence"): printed_amount})
    importer_file, _status = _lock_importer_file(importer_file, PRINT_LICENCE)
    try:
        redo = rules.importer_print_must_be_redone(
            printed_amount=printed_amount,
            schedule=selectors.fee_schedule(),
            on_date=timezone.localdate(),
        )
    except rules.NoFeeInForce:
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
    importer_file, status = _lock_importer_file(importer_file, CLOSE)
    errors = []
    if importer_file.tariff_outcome == TariffOutcome.APPROVED and (
        importer_file.printed_licence_amount is None
    ):
        errors.append(_("Print the licence at the reduced importer amount first."))
    if (
        selectors.holder_has_two_vehicles(importer_file.buyer_national_id)
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
    importer_file.status = status
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
