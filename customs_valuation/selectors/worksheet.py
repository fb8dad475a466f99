"""The worksheet of a case: what the officer decides on and the importer reads, the taxes on a
value, and the documents a case needs."""

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taxportal.money import format_shekels

from .. import rules
from ..models import (
    REQUIRED_DOCUMENTS,
    CaseKind,
    DocumentKind,
    TaxCategory,
    UsedAbroadBasis,
    ValuationCase,
)
from .reference import (
    READ_ON_DEMAND,
    Reference,
    ReferenceTables,
    depreciation_table,
    policy,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass
class CaseWorksheet:
    """What the officer decides on and the importer reads: lines, value and taxes."""

    lines: list[rules.Line] = field(default_factory=list)
    cost_lines: list[rules.Line] = field(default_factory=list)
    vehicle: rules.VehicleWorksheet | None = None
    goods_check: rules.GoodsCheck | None = None
    proposed_value: Decimal | None = None
    problems: list[str] = field(default_factory=list)
    beyond_table: bool = False
    reasonable: bool | None = None

    def as_json(self) -> dict:
        data = self.vehicle.as_json() if self.vehicle else {}
        data["cost_lines"] = [line.as_json() for line in self.cost_lines]
        data["lines"] = [line.as_json() for line in self.lines]
        data["proposed_value"] = None if self.proposed_value is None else str(self.proposed_value)
        return data


def case_worksheet(case: ValuationCase, reference: Reference = READ_ON_DEMAND) -> CaseWorksheet:
    """The worksheet of one case; `reference` is read on demand unless a job passes the
    tables it read once (case_worksheets)."""
    if case.kind == CaseKind.VEHICLE:
        return _vehicle_worksheet(case, reference)
    return _goods_worksheet(case, reference)


def case_worksheets(cases: QuerySet[ValuationCase]) -> list[tuple[ValuationCase, CaseWorksheet]]:
    """The worksheets of many cases in a constant number of queries (the cases with their
    price-list model, their extras, their documents, and the reference tables read once), each
    the same as case_worksheet's."""
    reference = ReferenceTables()
    cases = cases.select_related("price_list_entry").prefetch_related("extras", "documents")
    return [(case, case_worksheet(case, reference)) for case in cases]


def _extras_total(case: ValuationCase) -> Decimal:
    if hasattr(case, "_prefetched_objects_cache") and "extras" in case._prefetched_objects_cache:
        return sum((e.value for e in case.extras.all()), Decimal(0))
    return case.extras.aggregate(total=Sum("value"))["total"] or Decimal(0)


EVIDENCE_NEEDED = [
    # (applies to the case, document kinds that must be present, what is missing)
    (
        lambda case: bool(case.used_abroad_basis),
        {DocumentKind.USE_ABROAD_PROOF},
        gettext_lazy("The importer must prove the use abroad and its value (CUS-13)."),
    ),
    (
        lambda case: bool(case.damage_reduction),
        {DocumentKind.APPRAISER_OPINION, DocumentKind.INSURER_RECOGNITION},
        gettext_lazy(
            "A damage reduction needs the appraiser's opinion and the insurer's recognition."
        ),
    ),
    (
        lambda case: case.export_taxes_refunded,
        {DocumentKind.REFUND_PROOF},
        gettext_lazy(
            "A refund of export-country taxes counts only once it is proven (CUS-6, CUS-19)."
        ),
    ),
]


def _missing_evidence(case: ValuationCase) -> list[str]:
    """CUS-6, CUS-13, CUS-16, CUS-19: what must be proven before such a value is decided."""
    wanted = [(kinds, message) for applies, kinds, message in EVIDENCE_NEEDED if applies(case)]
    if not wanted:
        return []
    present = {d.kind for d in case.documents.all()}
    return [str(message) for kinds, message in wanted if not kinds <= present]


def _vehicle_worksheet(case: ValuationCase, reference: Reference) -> CaseWorksheet:
    sheet = CaseWorksheet(problems=_missing_evidence(case))
    on = case.valuation_date
    if case.price_list_entry is None:
        if case.appraiser_value is not None:
            sheet.proposed_value = case.appraiser_value
            sheet.lines = [
                rules.Line(
                    "appraiser_value", _("Value set by the customs appraiser"), case.appraiser_value
                )
            ]
        else:
            sheet.problems.append(
                _("The model is not in the price list: send the vehicle to a customs appraiser.")
            )
        return sheet
    if case.first_road_date is None and case.manufacture_year is None:
        sheet.problems.append(_("Record the first road date or the manufacture year."))
        return sheet
    freight_amount = case.freight
    if freight_amount is None:
        freight_amount = reference.freight_table_amount(case.freight_origin, case.category, on)
        if freight_amount is None:
            sheet.problems.append(_("No proven freight and no freight-table row for the origin."))
            return sheet
    rates = reference.tax_rates(case.category, on)
    table = reference.depreciation_table(on)
    the_policy = reference.policy(on)
    extras = _extras_total(case)
    price = case.price_list_entry.new_price
    # The import costs include the Israeli taxes inside the depreciated price-list value.
    plain = rules.vehicle_worksheet(
        price_list_price=price,
        optional_extras=extras,
        valuation_date=on,
        first_road_date=case.first_road_date,
        manufacture_year=case.manufacture_year,
        import_costs=0,
        invoice_value=None,
        depreciation_table=table,
        tolerance_percent=the_policy.vehicle_tolerance_percent,
    )
    costs = rules.vehicle_import_costs(
        freight=freight_amount,
        freight_from_table=case.freight is None,
        insurance=case.insurance,
        licence_fee=case.licence_fee,
        other_costs=case.other_costs,
        price_list_value=plain.price_list_value,
        rates=rates,
        note4_reductions=case.note4_reductions,
    )
    invoice = declared_value(case)
    vehicle = rules.vehicle_worksheet(
        price_list_price=price,
        optional_extras=extras,
        valuation_date=on,
        first_road_date=case.first_road_date,
        manufacture_year=case.manufacture_year,
        import_costs=costs.total,
        invoice_value=invoice,
        depreciation_table=table,
        tolerance_percent=the_policy.vehicle_tolerance_percent,
    )
    sheet.vehicle = vehicle
    sheet.cost_lines = costs.lines
    sheet.lines = [_explain_declared(case, line) for line in vehicle.lines]
    sheet.beyond_table = vehicle.beyond_table
    sheet.reasonable = vehicle.reasonable
    if case.collector_vehicle:
        _collector_comparison(case, sheet, invoice, the_policy.vehicle_tolerance_percent)
    if case.used_abroad_basis == UsedAbroadBasis.PRICE_LIST:
        # CUS-13 (1): by the price list, without reference to the invoice.
        sheet.proposed_value = vehicle.comparison_value
    elif case.used_abroad_basis == UsedAbroadBasis.INVOICE_ADJUSTED:
        sheet.proposed_value = _use_abroad_by_invoice(case, sheet, invoice, table)
    elif case.has_invoice and sheet.reasonable:
        sheet.proposed_value = invoice
    elif case.collector_vehicle and case.appraiser_value is not None:
        # CUS-18: an unreasonable collector-vehicle invoice is valued by the appraiser.
        sheet.proposed_value = case.appraiser_value
    else:
        # CUS-14: without an invoice (or when it is not reasonable) the Israeli value less costs.
        sheet.proposed_value = vehicle.comparison_value
    if case.damage_reduction:
        sheet.lines.append(
            rules.Line(
                "damage_reduction",
                _("Reduction for transport damage (repair costs never deducted)"),
                -case.damage_reduction,
            )
        )
        if sheet.proposed_value is not None:
            sheet.proposed_value = max(sheet.proposed_value - case.damage_reduction, Decimal(0))
    return sheet


def _explain_declared(case: ValuationCase, line: rules.Line) -> rules.Line:
    """CUS-6: the invoice line says how the declared value was reached."""
    if line.key != "invoice_value" or not case.export_taxes:
        return line
    parts = {
        "invoice": format_shekels(case.invoice_value),
        "taxes": format_shekels(case.export_taxes),
    }
    if case.export_taxes_refunded:
        note = _("invoice without its taxes %(invoice)s; taxes %(taxes)s refunded") % parts
    else:
        note = _("invoice without its taxes %(invoice)s + export-country taxes %(taxes)s") % parts
    return replace(line, note=note)


def _use_abroad_by_invoice(case, sheet: CaseWorksheet, invoice, table) -> Decimal | None:
    """CUS-13 (2): the invoice less usage depreciation for the use abroad, counted in whole
    months from the purchase (the invoice date) to the valuation date."""
    if invoice is None:
        sheet.problems.append(
            _("Valuing by the invoice with adjustments needs the invoice (CUS-13).")
        )
        return None
    if case.invoice_date is None:
        sheet.problems.append(
            _("Record the invoice date: the depreciation for the use abroad is counted from the "
              "purchase (CUS-13).")
        )  # fmt: skip
        return None
    used = rules.depreciation_for(rules.usage_months(case.valuation_date, case.invoice_date), table)
    reduction = rules.percent_of(invoice, used.percent)
    sheet.lines.append(
        rules.Line(
            "use_abroad",
            _("Depreciation for use abroad since the purchase %(percent)s%%")
            % {"percent": used.percent},
            -reduction,
            _("%(months)s whole months from the invoice date %(date)s")
            % {"months": used.months, "date": case.invoice_date.strftime("%d/%m/%Y")},
        )
    )
    return invoice - reduction


def _collector_comparison(case, sheet: CaseWorksheet, invoice, tolerance_percent) -> None:
    """CUS-18: a collector vehicle is compared with foreign collector-vehicle price lists; an
    unreasonable invoice goes to a customs appraiser before any value is decided."""
    if case.foreign_price_list_value is None:
        sheet.problems.append(
            _("Record the value in foreign collector-vehicle price lists (CUS-18).")
        )
        return
    sheet.lines.append(
        rules.Line(
            "foreign_price_list",
            _("Value in foreign collector-vehicle price lists"),
            case.foreign_price_list_value,
        )
    )
    if invoice is None:
        return
    sheet.reasonable = invoice * 100 >= case.foreign_price_list_value * tolerance_percent
    if not sheet.reasonable and case.appraiser_value is None:
        sheet.problems.append(
            _("The invoice is not reasonable for a collector vehicle: send it to a customs "
              "appraiser (CUS-18).")
        )  # fmt: skip
    elif not sheet.reasonable:
        sheet.lines.append(
            rules.Line(
                "appraiser_value", _("Value set by the customs appraiser"), case.appraiser_value
            )
        )


def declared_value(case: ValuationCase) -> Decimal | None:
    """CUS-6: the invoice net of its itemised taxes, plus those taxes unless refunded."""
    return case.declared_value


def vehicle_quote(
    *,
    price_list_price,
    optional_extras,
    valuation_date: date,
    first_road_date: date | None,
    manufacture_year: int | None,
    import_costs,
    invoice_value,
) -> rules.VehicleWorksheet:
    """The CUS-8 worksheet with the table and tolerance in force on the valuation date."""
    return rules.vehicle_worksheet(
        price_list_price=price_list_price,
        optional_extras=optional_extras,
        valuation_date=valuation_date,
        first_road_date=first_road_date,
        manufacture_year=manufacture_year,
        import_costs=import_costs,
        invoice_value=invoice_value,
        depreciation_table=depreciation_table(valuation_date),
        tolerance_percent=policy(valuation_date).vehicle_tolerance_percent,
    )


def _goods_worksheet(case: ValuationCase, reference: Reference) -> CaseWorksheet:
    sheet = CaseWorksheet(problems=_missing_evidence(case))
    on = case.valuation_date
    the_policy = reference.policy(on)
    invoice = case.invoice_value if case.has_invoice else None
    if invoice is None and case.israeli_price_net is None:
        sheet.problems.append(_("No invoice: record the Israeli sale price without taxes."))
        return sheet
    goods = rules.goods_value(
        invoice_value=invoice or 0,
        freight=case.freight or 0,
        freight_excluded=case.freight_excluded_by_tariff,
        insurance=case.insurance,
        other_costs=case.other_costs,
        export_taxes=case.export_taxes,
        export_taxes_refunded=case.export_taxes_refunded,
        used_depreciation_percent=case.used_depreciation_percent,
    )
    taxes = rules.import_taxes(goods.value, reference.tax_rates(TaxCategory.GOODS, on)).total
    check = rules.goods_reasonableness(
        invoice_value=invoice,
        price_abroad=case.price_abroad,
        invoice_with_costs_and_taxes=goods.value + taxes,
        israeli_price=case.israeli_price,
        data_doubtful=case.data_doubtful,
        tolerance_percent=the_policy.goods_tolerance_percent,
    )
    sheet.goods_check = check
    sheet.reasonable = check.invoice_accepted
    if check.invoice_accepted:
        sheet.lines = goods.lines
        sheet.proposed_value = goods.value
    elif case.israeli_price_net is not None:
        sheet.lines = [
            rules.Line(
                "israeli_price_net",
                _("Sale price in Israel without taxes and extra costs"),
                case.israeli_price_net,
                check.explanation,
            )
        ]
        sheet.proposed_value = case.israeli_price_net
    else:
        sheet.lines = goods.lines
        sheet.problems.append(_("Record the Israeli sale price without taxes and extra costs."))
    return sheet


def case_taxes(
    case: ValuationCase, value: Decimal, reference: Reference = READ_ON_DEMAND
) -> rules.Taxes:
    """Taxes on the value: a vehicle's on the CIF basis (value, freight and insurance); goods
    values already carry their costs (CUS-20)."""
    on = case.valuation_date
    if not case.is_vehicle:
        return rules.import_taxes(value, reference.tax_rates(TaxCategory.GOODS, on))
    freight = case.freight
    if freight is None:
        freight = reference.freight_table_amount(case.freight_origin, case.category, on)
        freight = freight or Decimal(0)
    return rules.import_taxes(
        value + freight + case.insurance, reference.tax_rates(case.category, on)
    )


def documents_checklist(case: ValuationCase) -> "list[tuple[str, StrOrPromise, bool]]":
    """CUS-5 / CUS-19: each required document, and whether it is present."""
    present = {d.kind for d in case.documents.all()}
    required = list(REQUIRED_DOCUMENTS[case.kind])
    if not case.has_invoice:
        required = [kind for kind in required if kind != DocumentKind.INVOICE]
    if case.kind == CaseKind.GOODS and case.other_costs:
        required.append(DocumentKind.OTHER_EXPENSES)
    if case.export_taxes_refunded:
        required.append(DocumentKind.REFUND_PROOF)
    return [(kind, kind.label, kind in present) for kind in required]
