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


class ReferenceTables:
    """Every row of the tables a worksheet and its taxes read (depreciation, policy, tax rates,
    freight), read once (four queries), answering as the functions above do for any day: a job
    over many cases reads the reference once per run, not once per case."""

    def __init__(self) -> None:
        tables: dict[date, dict[int, Decimal]] = {}
        for start, month, percent in DepreciationRate.objects.values_list(
            "effective_from", "month", "cumulative_percent"
        ):
            tables.setdefault(start, {})[month] = percent
        self._depreciation = sorted(tables.items(), key=lambda item: item[0], reverse=True)
        self._policies = list(ValuationPolicy.objects.order_by("-effective_from"))
        self._taxes: dict[str, list[TaxRate]] = {}
        for rate in TaxRate.objects.order_by("category", "-effective_from"):
            self._taxes.setdefault(rate.category, []).append(rate)
        self._freight: dict[tuple[str, str], list[FreightRate]] = {}
        for row in FreightRate.objects.order_by("origin", "category", "-effective_from"):
            self._freight.setdefault((row.origin, row.category), []).append(row)

    def depreciation_table(self, on: date) -> dict[int, Decimal]:
        for start, table in self._depreciation:
            if start <= on:
                return table
        raise ReferenceMissing(_("No depreciation table is in force on that date."))

    def policy(self, on: date) -> ValuationPolicy:
        found = _in_force(self._policies, on)
        if found is None:
            raise ReferenceMissing(_("No valuation policy is in force on that date."))
        return found

    def tax_rates(self, category: str, on: date) -> rules.TaxRates:
        row = _in_force(self._taxes.get(category, []), on)
        if row is None:
            raise ReferenceMissing(_("No tax rates are in force for that category on that date."))
        return rules.TaxRates(row.customs_duty_percent, row.purchase_tax_percent, row.vat_percent)

    def freight_table_amount(self, origin: str, category: str, on: date) -> Decimal | None:
        row = _in_force(self._freight.get((origin, category), []), on)
        return row.amount if row else None


def _in_force(rows_newest_first: list, on: date):
    return next((row for row in rows_newest_first if row.effective_from <= on), None)


class _ReadOnDemand:
    """The same questions answered by a query each (one case: reads only what it needs)."""

    depreciation_table = staticmethod(depreciation_table)
    policy = staticmethod(policy)
    tax_rates = staticmethod(tax_rates)
    freight_table_amount = staticmethod(freight_table_amount)


Reference = ReferenceTables | _ReadOnDemand
READ_ON_DEMAND = _ReadOnDemand()
