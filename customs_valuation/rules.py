"""The valuation rules as pure functions: no database, every rate and amount passed in.

The case screens, the officers' API and the tests all compute through these functions, so the
worksheet an importer reads is the one the officer decided on.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext_lazy as _

from taxportal.money import round_agorot, to_decimal

from .models import ReleaseStatus

HUNDRED = Decimal(100)
ZERO = Decimal(0)


# --- CUS-2: usage months and the depreciation table ------------------------------------------


def usage_start(first_road_date: date | None = None, manufacture_year: int | None = None) -> date:
    """The day usage is counted from: the first road day, else 1 April of the manufacture year."""
    if first_road_date is not None:
        return first_road_date
    if manufacture_year is None:
        raise ValueError("usage needs the first road date or the manufacture year")
    return date(manufacture_year, 4, 1)


def usage_months(
    valuation_date: date, first_road_date: date | None = None, manufacture_year: int | None = None
) -> int:
    """Whole months completed from the start of usage to the valuation date (CUS-2).

    Month ends follow relativedelta: from 31 January one month is complete on the last day of
    February. A valuation date before the start of usage counts as no usage.
    """
    start = usage_start(first_road_date, manufacture_year)
    if valuation_date <= start:
        return 0
    delta = relativedelta(valuation_date, start)
    return delta.years * 12 + delta.months


@dataclass(frozen=True)
class Depreciation:
    months: int
    percent: Decimal
    beyond_table: bool


def depreciation_for(months: int, table: Mapping[int, Decimal]) -> Depreciation:
    """The cumulative rate for `months`; beyond the last row its rate applies, flagged."""
    if not table:
        raise ValueError("the depreciation table is empty")
    if months < 1:
        return Depreciation(months=max(months, 0), percent=ZERO, beyond_table=False)
    last_month = max(table)
    if months > last_month:
        return Depreciation(months=months, percent=to_decimal(table[last_month]), beyond_table=True)
    return Depreciation(months=months, percent=to_decimal(table[months]), beyond_table=False)


# --- CUS-8 / CUS-9: the vehicle worksheet ------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One line of a worksheet as the importer reads it: what, how much, and how it was reached."""

    key: str
    label: str
    amount: Decimal | None
    note: str = ""

    def as_json(self) -> dict:
        return {
            "key": self.key,
            "label": str(self.label),
            "amount": None if self.amount is None else str(self.amount),
            "note": str(self.note),
        }


@dataclass(frozen=True)
class VehicleWorksheet:
    months: int
    depreciation_percent: Decimal
    beyond_table: bool
    price_with_extras: Decimal
    depreciation_amount: Decimal
    price_list_value: Decimal
    import_costs: Decimal
    comparison_value: Decimal
    invoice_value: Decimal | None
    tolerance_percent: Decimal
    invoice_percent: Decimal | None
    reasonable: bool | None
    lines: list[Line] = field(default_factory=list)

    def as_json(self) -> dict:
        def money(value):
            return None if value is None else str(value)

        return {
            "months": self.months,
            "depreciation_percent": str(self.depreciation_percent),
            "price_list_value": money(self.price_list_value),
            "comparison_value": money(self.comparison_value),
            "reasonable": self.reasonable,
            "beyond_table": self.beyond_table,
            "lines": [line.as_json() for line in self.lines],
        }


def percent_of(amount, percent) -> Decimal:
    return round_agorot(to_decimal(amount) * to_decimal(percent) / HUNDRED)


def vehicle_worksheet(
    *,
    price_list_price,
    optional_extras,
    valuation_date: date,
    first_road_date: date | None,
    manufacture_year: int | None,
    import_costs,
    invoice_value,
    depreciation_table: Mapping[int, Decimal],
    tolerance_percent,
) -> VehicleWorksheet:
    """The comparison of CUS-8, line by line, and the reasonableness test of CUS-9.

    The depreciation comes off the new price together with its extras; the import costs are
    deducted after depreciation; each line is rounded half up to agorot.
    """
    price = round_agorot(price_list_price)
    extras = round_agorot(optional_extras)
    costs = round_agorot(import_costs)
    months = usage_months(valuation_date, first_road_date, manufacture_year)
    depreciation = depreciation_for(months, depreciation_table)
    price_with_extras = round_agorot(price + extras)
    depreciation_amount = percent_of(price_with_extras, depreciation.percent)
    price_list_value = round_agorot(price_with_extras - depreciation_amount)
    comparison_value = round_agorot(max(price_list_value - costs, ZERO))
    tolerance = to_decimal(tolerance_percent)

    start = usage_start(first_road_date, manufacture_year)
    months_note = _("%(months)s whole months from %(start)s to %(end)s") % {
        "months": months,
        "start": start.strftime("%d/%m/%Y"),
        "end": valuation_date.strftime("%d/%m/%Y"),
    }
    if depreciation.beyond_table:
        months_note = f"{months_note}; " + str(_("beyond the table: the last month's rate applies"))
    lines = [
        Line("price_list_price", _("New price in the vehicle price list"), price),
        Line("optional_extras", _("Optional extras present"), extras),
        Line("price_with_extras", _("New price with extras"), price_with_extras),
        Line(
            "depreciation",
            _("Usage depreciation %(percent)s%%") % {"percent": depreciation.percent},
            -depreciation_amount,
            months_note,
        ),
        Line("price_list_value", _("Price-list value"), price_list_value),
        Line("import_costs", _("Import costs deducted"), -costs),
        Line("comparison_value", _("Value for comparison"), comparison_value),
    ]

    invoice = None if invoice_value is None else round_agorot(invoice_value)
    invoice_percent = reasonable = None
    if invoice is not None:
        lines.append(Line("invoice_value", _("Invoice value"), invoice))
        if comparison_value > 0:
            invoice_percent = round_agorot(invoice * HUNDRED / comparison_value)
        reasonable = invoice * HUNDRED >= comparison_value * tolerance
        verdict = (
            _("reasonable: at least %(tolerance)s%% of the value for comparison")
            if reasonable
            else _("not reasonable: under %(tolerance)s%% of the value for comparison")
        ) % {"tolerance": tolerance}
        lines.append(
            Line(
                "comparison",
                _("Invoice as a share of the value for comparison"),
                None,
                f"{invoice_percent if invoice_percent is not None else '—'}% · {verdict}",
            )
        )
    return VehicleWorksheet(
        months=months,
        depreciation_percent=depreciation.percent,
        beyond_table=depreciation.beyond_table,
        price_with_extras=price_with_extras,
        depreciation_amount=depreciation_amount,
        price_list_value=price_list_value,
        import_costs=costs,
        comparison_value=comparison_value,
        invoice_value=invoice,
        tolerance_percent=tolerance,
        invoice_percent=invoice_percent,
        reasonable=reasonable,
        lines=lines,
    )


# --- CUS-3 / CUS-7 / CUS-17: import costs and taxes -----------------------------------------------


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
    total = round_agorot(sum((line.amount for line in parts), ZERO))
    return ImportCosts(total=total, lines=parts)


# --- CUS-20 to CUS-25: personal-import goods -------------------------------------------------


@dataclass(frozen=True)
class GoodsCheck:
    """Which reasonableness step settled the value (CUS-22), and the value it leads to."""

    step: str
    invoice_accepted: bool
    explanation: str


def goods_reasonableness(
    *,
    invoice_value,
    price_abroad,
    invoice_with_costs_and_taxes,
    israeli_price,
    data_doubtful: bool,
    tolerance_percent,
) -> GoodsCheck:
    """CUS-21/22 in order: the price abroad, then the price in Israel, else the Israeli price."""
    tolerance = to_decimal(tolerance_percent)
    if invoice_value is None:
        return GoodsCheck(
            "no_invoice", False, str(_("No invoice: the Israeli sale price applies."))
        )
    if data_doubtful:
        return GoodsCheck(
            "doubtful", False, str(_("Wrong or doubtful data: the Israeli sale price applies."))
        )
    invoice = to_decimal(invoice_value)
    if price_abroad is not None and invoice * HUNDRED >= to_decimal(price_abroad) * tolerance:
        return GoodsCheck(
            "price_abroad",
            True,
            str(_("A reasonable gap from the price abroad: invoice accepted.")),
        )
    if (
        israeli_price is not None
        and to_decimal(invoice_with_costs_and_taxes) * HUNDRED
        >= to_decimal(israeli_price) * tolerance
    ):
        return GoodsCheck(
            "israeli_price",
            True,
            str(_("Invoice, costs and taxes are reasonable against the price in Israel.")),
        )
    return GoodsCheck(
        "fallback",
        False,
        str(_("The invoice is not reasonable: the Israeli sale price without taxes applies.")),
    )


@dataclass(frozen=True)
class GoodsWorksheet:
    value: Decimal
    lines: list[Line]


def goods_value(
    *,
    invoice_value,
    freight,
    freight_excluded: bool,
    insurance,
    other_costs,
    export_taxes,
    export_taxes_refunded: bool,
    used_depreciation_percent,
) -> GoodsWorksheet:
    """CUS-20/24/25: invoice plus costs (freight unless the tariff item excludes it) plus
    export-country taxes unless refunded, less the usage depreciation of used goods."""
    invoice = round_agorot(invoice_value)
    freight_amount = ZERO if freight_excluded else round_agorot(freight)
    taxes = ZERO if export_taxes_refunded else round_agorot(export_taxes)
    lines = [
        Line("invoice_value", _("Invoice price"), invoice),
        Line(
            "freight",
            _("Freight"),
            freight_amount,
            _("excluded by the tariff item") if freight_excluded else "",
        ),
        Line("insurance", _("Insurance"), round_agorot(insurance)),
        Line("other_costs", _("Other additional costs"), round_agorot(other_costs)),
        Line(
            "export_taxes",
            _("Export-country taxes"),
            taxes,
            _("refund proven") if export_taxes_refunded else "",
        ),
    ]
    before = round_agorot(sum((line.amount for line in lines), ZERO))
    depreciation = percent_of(before, used_depreciation_percent or ZERO)
    if depreciation:
        lines.append(Line("value_before_depreciation", _("Value before depreciation"), before))
        lines.append(
            Line(
                "depreciation",
                _("Usage depreciation %(percent)s%%") % {"percent": used_depreciation_percent},
                -depreciation,
            )
        )
    value = round_agorot(before - depreciation)
    lines.append(Line("value", _("Value of the goods"), value))
    return GoodsWorksheet(value=value, lines=lines)


def depreciation_needs_supervisor(percent, threshold_percent) -> bool:
    """CUS-25: usage depreciation above the threshold needs the supervisor's approval."""
    return to_decimal(percent or ZERO) > to_decimal(threshold_percent)


# --- Deadlines (CUS-10, 12, 17, 23) ---------------------------------------------------------------


def days_after(start: date, days: int) -> date:
    return start + timedelta(days=days)


def months_after(start: date, months: int) -> date:
    return start + relativedelta(months=months)


def guarantee_forfeits(*, appeal_due: date, appeal_filed: bool, today: date) -> bool:
    """CUS-17: a guarantee is forfeited when no appeal came within the appeal period."""
    return not appeal_filed and today > appeal_due


def guarantee_needs_warning(*, expires_on: date, today: date, warning_days: int) -> bool:
    """The queue warns while a guarantee is held and about to lapse (or has lapsed)."""
    return expires_on - today <= timedelta(days=warning_days)


def release_settlement_status(*, amount: Decimal, kept: Decimal) -> str:
    """CUS-17 after an appeal: forfeited whole, in part (the rest released) or returned."""
    if kept <= 0:
        return ReleaseStatus.RETURNED
    if kept >= amount:
        return ReleaseStatus.FORFEITED
    return ReleaseStatus.PARTLY_FORFEITED
