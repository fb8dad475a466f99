"""The reference data in force on a day: depreciation table, policy, tax rates, freight table,
price list and optional extras."""

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from .. import rules
from ..models import (
    DepreciationRate,
    FreightRate,
    OptionalExtra,
    TaxRate,
    ValuationPolicy,
    VehiclePrice,
)


class ReferenceMissing(Exception):
    """A reference table has no row in force on the day: an administrator must add one."""


def depreciation_table(on: date) -> dict[int, Decimal]:
    start = (
        DepreciationRate.objects.filter(effective_from__lte=on)
        .order_by("-effective_from")
        .values_list("effective_from", flat=True)
        .first()
    )
    if start is None:
        raise ReferenceMissing(_("No depreciation table is in force on that date."))
    rows = DepreciationRate.objects.filter(effective_from=start)
    return dict(rows.values_list("month", "cumulative_percent"))


def policy(on: date) -> ValuationPolicy:
    found = ValuationPolicy.objects.filter(effective_from__lte=on).first()
    if found is None:
        raise ReferenceMissing(_("No valuation policy is in force on that date."))
    return found


def tax_rates(category: str, on: date) -> rules.TaxRates:
    row = (
        TaxRate.objects.filter(category=category, effective_from__lte=on)
        .order_by("-effective_from")
        .first()
    )
    if row is None:
        raise ReferenceMissing(_("No tax rates are in force for that category on that date."))
    return rules.TaxRates(row.customs_duty_percent, row.purchase_tax_percent, row.vat_percent)


def freight_table_amount(origin: str, category: str, on: date) -> Decimal | None:
    row = (
        FreightRate.objects.filter(origin=origin, category=category, effective_from__lte=on)
        .order_by("-effective_from")
        .first()
    )
    return row.amount if row else None


def _latest_per_key(rows, key) -> list:
    """Rows ordered newest first per key: keep the first of each key."""
    seen, latest = set(), []
    for row in rows:
        if key(row) not in seen:
            seen.add(key(row))
            latest.append(row)
    return latest


def price_list(on: date) -> list[VehiclePrice]:
    rows = VehiclePrice.objects.filter(effective_from__lte=on).order_by(
        "make", "model", "version", "-year", "-effective_from"
    )
    return _latest_per_key(rows, lambda r: (r.make, r.model, r.version, r.year))


def optional_extras(on: date) -> list[OptionalExtra]:
    rows = OptionalExtra.objects.filter(effective_from__lte=on).order_by("name", "-effective_from")
    return _latest_per_key(rows, lambda r: r.code)
