"""Licence periods paid and fee differences with restriction 16 (BADGE-33, BADGE-34)."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.locks import locked
from taxportal.models import User
from taxportal.money import MONEY_MAX, to_decimal
from taxportal.texts import Said, said

from .. import rules, selectors
from ..choices import DifferenceStatus, ExemptionStatus
from ..models import FeeDifference, LicencePeriod, Vehicle
from ..rules.transitions import (
    ACTIVATE,
    DIFFERENCE_TRANSITIONS,
    EXEMPTION_TRANSITIONS,
    PAY,
    next_status,
)
from ._register import restriction_clear, restriction_set, set_tariff


def amount_ceiling() -> Decimal:
    """The most a clerk may type as a badge fee or payment (settings.BADGE_AMOUNT_CEILING),
    never more than a money column holds."""
    return min(to_decimal(settings.BADGE_AMOUNT_CEILING), MONEY_MAX)


def amounts_check(amounts: dict[str, object]) -> None:
    """Refuse, before anything is written, every typed amount that is not shekels and agorot,
    negative or above the ceiling; `amounts` maps each field's label to its value (issue 11)."""
    ceiling = amount_ceiling()
    problems = [
        f"{label}: {problem}"
        for label, value in amounts.items()
        if value is not None and (problem := rules.amount_problem(value, ceiling=ceiling))
    ]
    if problems:
        raise ValidationError(problems, code="amount")


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
    actor: User | None,
    reason: str | Said = "",
) -> FeeDifference:
    """BADGE-33/34: a licence carrying the fee difference from `from_date` to the end of the
    current licence period, at the regular annual fee in force that day (BADGE-32: from the
    fee schedule); restriction 16 is recorded the moment it is raised. Called inside the
    transfer and exemption-move services."""
    period = _covering_period(vehicle, from_date)
    regular_annual_fee = selectors.regular_annual_fee_in_force(from_date)
    amount = rules.fee_difference(
        period=rules.PaidPeriod(str(period.pk), period.valid_from, period.valid_until,
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
        restriction_set(vehicle, rules.RESTRICTION_OWES_DIFFERENCE, today)
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
    difference = locked(difference)
    status = next_status(DIFFERENCE_TRANSITIONS, difference.status, PAY)
    if status is None:
        raise ValidationError(_("This difference has already been paid."), code="paid")
    difference.status = status
    difference.paid_on = paid_on
    difference.payment_reference = payment_reference
    difference.save(update_fields=["status", "paid_on", "payment_reference"])
    vehicle = difference.vehicle
    if not vehicle.fee_differences.filter(status=DifferenceStatus.OPEN).exists():
        restriction_clear(vehicle, rules.RESTRICTION_OWES_DIFFERENCE, paid_on)
    audit_record(
        actor=actor,
        action=gettext_noop("fee difference paid"),
        target=difference,
        reason=payment_reference,
        changes={"vehicle": vehicle.number, "amount": difference.amount, "paid_on": paid_on},
    )
    for waiting in difference.exemptions_awaiting.filter(status=ExemptionStatus.PENDING):
        new_status = next_status(EXEMPTION_TRANSITIONS, waiting.status, ACTIVATE)
        assert new_status is not None  # a pending one can be activated
        waiting.status = new_status
        waiting.started_on = paid_on
        waiting.save(update_fields=["status", "started_on"])
        set_tariff(waiting.vehicle, rules.DISABLED_TARIFF)
        audit_record(
            actor=actor,
            action=gettext_noop("reduced fee granted"),
            target=waiting,
            reason=said(gettext_noop("Difference on the previous vehicle paid.")),
            changes={"vehicle": waiting.vehicle.number, "from": paid_on},
        )
    return difference


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
    amounts_check({_("Amount paid"): amount_paid, _("Regular annual fee"): regular_annual_fee})
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
