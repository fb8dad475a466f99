"""CUS-20 to CUS-25: the value of personal-import goods and its reasonableness."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from taxportal.money import round_agorot, to_decimal

from .lines import HUNDRED, ZERO, Line, percent_of


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
    before = round_agorot(sum((line.amount for line in lines if line.amount is not None), ZERO))
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
