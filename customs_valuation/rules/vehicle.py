"""CUS-2 and CUS-8/9: months of use, the depreciation table and the vehicle worksheet."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext_lazy as _

from taxportal.money import round_agorot, to_decimal

from .lines import HUNDRED, ZERO, Line, percent_of

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
