"""CUS-3, CUS-7 and CUS-17: import costs and the taxes levied on a value."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from taxportal.money import round_agorot

from .lines import HUNDRED, ZERO, Line, percent_of


@dataclass(frozen=True)
class TaxRates:
    customs_duty_percent: Decimal
    purchase_tax_percent: Decimal
    vat_percent: Decimal

    @property
    def factor(self) -> Decimal:
        """How much a value grows once duty, purchase tax and VAT are levied one on the other."""
        return (
            (1 + self.customs_duty_percent / HUNDRED)
            * (1 + self.purchase_tax_percent / HUNDRED)
            * (1 + self.vat_percent / HUNDRED)
        )


@dataclass(frozen=True)
class Taxes:
    customs_duty: Decimal
    purchase_tax: Decimal
    vat: Decimal

    @property
    def total(self) -> Decimal:
        return self.customs_duty + self.purchase_tax + self.vat


def import_taxes(value, rates: TaxRates) -> Taxes:
    """Duty on the value, purchase tax on value plus duty, VAT on all of it."""
    value = round_agorot(value)
    duty = percent_of(value, rates.customs_duty_percent)
    purchase_tax = percent_of(value + duty, rates.purchase_tax_percent)
    vat = percent_of(value + duty + purchase_tax, rates.vat_percent)
    return Taxes(customs_duty=duty, purchase_tax=purchase_tax, vat=vat)


def taxes_included_in(israeli_price, rates: TaxRates) -> Decimal:
    """The Israeli taxes inside a price that already carries them (extracted for CUS-8 d)."""
    price = round_agorot(israeli_price)
    return round_agorot(price - price / rates.factor)


def freight_cost(proven_freight, table_amount) -> tuple[Decimal, bool]:
    """CUS-7: the proven freight, else the freight table's amount (second value: from table)."""
    if proven_freight is not None:
        return round_agorot(proven_freight), False
    if table_amount is None:
        raise ValueError("no proven freight and no freight-table amount")
    return round_agorot(table_amount), True


@dataclass(frozen=True)
class ImportCosts:
    total: Decimal
    lines: list[Line]


def vehicle_import_costs(
    *,
    freight,
    freight_from_table: bool,
    insurance,
    licence_fee,
    other_costs,
    price_list_value,
    rates: TaxRates,
    note4_reductions,
) -> ImportCosts:
    """CUS-3: freight, insurance, licence fee, other costs and the Israeli taxes, less the
    reductions of additional note 4 to chapter 87."""
    taxes = taxes_included_in(price_list_value, rates)
    parts = [
        Line(
            "freight",
            _("Freight"),
            round_agorot(freight),
            _("by the freight table (no proof of cost)") if freight_from_table else "",
        ),
        Line("insurance", _("Insurance"), round_agorot(insurance)),
        Line("licence_fee", _("Licence fee"), round_agorot(licence_fee)),
        Line("other_costs", _("Other costs not in the invoice"), round_agorot(other_costs)),
        Line("israeli_taxes", _("Taxes levied in Israel included in the price"), taxes),
        Line(
            "note4", _("Less reductions of note 4 to chapter 87"), -round_agorot(note4_reductions)
        ),
    ]
    total = round_agorot(sum((line.amount for line in parts if line.amount is not None), ZERO))
    return ImportCosts(total=total, lines=parts)
