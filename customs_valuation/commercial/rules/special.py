"""Special cases: cigarettes (CUS-90), carrier media (CUS-91), used vehicles (CUS-92), damaged
goods (CUS-93)."""

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from ..choices import Destination
from .base import Refused, blank, round_agorot, to_decimal


def price_in_force(prices: list[tuple[date, Decimal]], day: date) -> Decimal | None:
    """CUS-90: the wholesale price whose effective date is the latest on or before `day`."""
    in_force = [(since, price) for since, price in prices if since <= day]
    return max(in_force)[1] if in_force else None


def vat_base(value, covered) -> Decimal:
    """CUS-91: the medium and its content are valued whole for duty and purchase tax; the amount
    a section 26(b) payment covered is taken out of the VAT base."""
    return round_agorot(max(to_decimal(value) - to_decimal(covered or 0), 0))


def check_used_vehicle(*, used_vehicle: bool, destination: str) -> None:
    """CUS-92: no commercial case for a used vehicle: forbidden into Israel; for the autonomy
    areas valued by the Palestinian Authority's customs."""
    if not used_vehicle:
        return
    if destination == Destination.AUTONOMY:
        raise Refused(
            _(
                "Used vehicles for the autonomy areas are valued by the Palestinian Authority's "
                "customs, not in the portal (CUS-92)."
            ),
            "used_vehicle",
        )
    raise Refused(
        _("Commercial import of used vehicles into Israel is forbidden (CUS-92)."), "used_vehicle"
    )


def check_damage_decision(
    *,
    members: list[str],
    examined_on: date,
    decided_on: date,
    reasons: str,
    amount,
    value,
    vehicle: bool,
    appraiser: bool,
) -> None:
    """CUS-93: the committee's members, its physical examination before deciding, the reasoned
    decision and the customs amount (not above the value); a vehicle needs an appraiser's
    opinion."""
    if not [m for m in members if not blank(m)]:
        raise Refused(_("Name the committee's members."), "members")
    if examined_on is None or examined_on > decided_on:
        raise Refused(_("The committee examines the goods before it decides."), "examined_on")
    if blank(reasons):
        raise Refused(_("Give the committee's reasons."), "reasons")
    if amount is None or not 0 <= to_decimal(amount) <= to_decimal(value):
        raise Refused(_("The amount is from zero up to the value before the damage."), "amount")
    if vehicle and not appraiser:
        raise Refused(
            _("For a vehicle the importer gives a vehicle appraiser's opinion."),
            "appraiser_opinion",
        )
