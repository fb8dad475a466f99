"""Opening a case, its data and documents, an optional extra found on the vehicle (officers);
a document uploaded by the importer."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from taxportal.dates import DatePartsField
from taxportal.fields import NationalIdField
from taxportal.forms import PortalForm, PortalModelForm
from taxportal.money import format_shekels

from .. import selectors
from ..models import (
    CaseKind,
    DocumentKind,
    ExtraSource,
    SaneDate,
    UsedAbroadBasis,
    ValuationCase,
)
from ..rules.ranges import VALUATION_DAYS_AHEAD
from .fields import MONEY, CheckedFileField


class CaseOpenForm(PortalForm):
    """CUS-4, CUS-12: any valid identity number; the importer need not have registered online."""

    importer_national_id = NationalIdField(
        label=_("Importer's identity number"),
        help_text=_(
            "Any valid identity number. If the importer has not registered online, notices go "
            "by post until they do; then the case is in their personal area."
        ),
    )
    importer_name = forms.CharField(label=_("Importer's name"), max_length=150, required=False)
    importer_address = forms.CharField(
        label=_("Importer's postal address"),
        max_length=300,
        required=False,
        help_text=_("Needed for notices by post while the importer has not registered online."),
    )
    kind = forms.ChoiceField(label=_("Import of"), choices=CaseKind.choices)
    valuation_date = DatePartsField(
        label=_("Valuation date"), validators=[SaneDate(VALUATION_DAYS_AHEAD)]
    )


IMPORTER_FIELDS = ["importer_name", "importer_address"]
VEHICLE_FIELDS = [
    *IMPORTER_FIELDS, "valuation_date", "price_list_entry", "make", "model", "version",
    "manufacture_year",
    "first_road_date", "chassis_number", "engine_number", "engine_volume", "category",
    "collector_vehicle", "foreign_price_list_value", "used_abroad_basis", "has_invoice",
    "invoice_value", "invoice_date", "export_taxes", "export_taxes_refunded", "freight",
    "freight_origin", "insurance", "licence_fee", "other_costs", "note4_reductions",
    "damage_reduction",
]  # fmt: skip
GOODS_FIELDS = [
    *IMPORTER_FIELDS, "valuation_date", "goods_description", "tariff_item",
    "freight_excluded_by_tariff",
    "has_invoice", "invoice_value", "invoice_date", "export_taxes", "export_taxes_refunded",
    "freight", "insurance", "other_costs", "price_abroad", "israeli_price", "israeli_price_net",
    "data_doubtful", "used_depreciation_percent",
]  # fmt: skip
HELP = {
    "freight": _("Leave empty without proof of the freight cost: the freight table applies."),
    "first_road_date": _("Leave empty when unknown: usage counts from 1 April of the year."),
    "price_list_entry": _("Leave empty when the model is not listed (customs appraiser)."),
    "export_taxes": _(
        "Only the export country's taxes itemised on the invoice, entered here and not in the "
        "invoice price. Part of the value unless their refund is proven (CUS-6)."
    ),
    "invoice_date": _("Needed to value a vehicle used abroad by the invoice (CUS-13)."),
    "damage_reduction": _("Set from the appraiser's opinion; repair costs are never deducted."),
    "used_depreciation_percent": _("Above the policy's threshold the supervisor must approve."),
    "invoice_value": _(
        "The invoice price without (net of) the taxes itemised on it: enter those taxes below, "
        "not here. In shekels, as converted on the valuation date."
    ),
}


class CaseDataForm(PortalModelForm):
    """The officer's record of a case: vehicle or goods fields, and why they changed."""

    invoice_total = forms.DecimalField(
        label=_("Invoice total as printed, its taxes included (a check)"),
        required=False,
        help_text=_("Optional: the price above and the taxes itemised must add up to it."),
        **MONEY,
    )
    reason = forms.CharField(
        label=_("What changed and on what evidence"), max_length=300, required=True
    )

    class Meta:
        model = ValuationCase
        fields = list(dict.fromkeys([*VEHICLE_FIELDS, *GOODS_FIELDS]))
        field_classes = {
            "valuation_date": DatePartsField,
            "first_road_date": DatePartsField,
            "invoice_date": DatePartsField,
        }
        help_texts = HELP

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        wanted = VEHICLE_FIELDS if self.instance.is_vehicle else GOODS_FIELDS
        for name in list(self.fields):
            if name not in wanted and name not in ("reason", "invoice_total"):
                del self.fields[name]
        if "price_list_entry" in self.fields:
            field = cast(forms.ModelChoiceField, self.fields["price_list_entry"])
            assert field.queryset is not None  # a model form's choice field has its queryset
            field.queryset = field.queryset.filter(
                pk__in=[p.pk for p in selectors.price_list(self.instance.valuation_date)]
            )

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean returns the cleaned data
        if data.get("has_invoice") and data.get("invoice_value") is None:
            self.add_error("invoice_value", _("Give the invoice value, or untick the invoice."))
        self._check_invoice_total(data)
        valuation_date = data.get("valuation_date") or self.instance.valuation_date
        for name in ("first_road_date", "invoice_date"):
            if data.get(name) and valuation_date and data[name] > valuation_date:
                self.add_error(name, _("This date is after the valuation date."))
        year = data.get("manufacture_year")
        if year and valuation_date and year > valuation_date.year + 1:
            self.add_error("manufacture_year", _("This year is after the valuation date."))
        if (
            data.get("used_abroad_basis") == UsedAbroadBasis.INVOICE_ADJUSTED
            and not data.get("invoice_date")
            and "invoice_date" not in self.errors
        ):
            self.add_error(
                "invoice_date",
                _("Give the invoice date: the depreciation for the use abroad is counted from "
                  "the purchase (CUS-13)."),
            )  # fmt: skip
        return data

    def _check_invoice_total(self, data) -> None:
        """CUS-6: a gross invoice entered as the price would count its taxes twice."""
        total, net = data.get("invoice_total"), data.get("invoice_value")
        if total is None or net is None:
            return
        taxes = data.get("export_taxes") or 0
        if net + taxes != total:
            self.add_error(
                "invoice_value",
                _("The price without taxes (%(net)s) and the taxes itemised (%(taxes)s) do not "
                  "add up to the invoice total (%(total)s). Was the price entered with its taxes?")
                % {
                    "net": format_shekels(net),
                    "taxes": format_shekels(taxes),
                    "total": format_shekels(total),
                },
            )  # fmt: skip

    def changes(self) -> dict:
        ignored = {"reason", "invoice_total"}
        return {name: self.cleaned_data[name] for name in self.changed_data if name not in ignored}


class PaperDocumentForm(PortalForm):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    note = forms.CharField(label=_("Received how and where"), max_length=200)


class UploadForm(PortalForm):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    file = CheckedFileField(label=_("File (PDF, JPEG or PNG)"))


class ExtraForm(PortalForm):
    extra: "forms.ModelChoiceField[Any]" = forms.ModelChoiceField(
        label=_("Optional extra"), queryset=None
    )
    source = forms.ChoiceField(label=_("Found by"), choices=ExtraSource.choices)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        from ..models import OptionalExtra

        ids = [e.pk for e in selectors.optional_extras(case.valuation_date)]
        field = cast(forms.ModelChoiceField, self.fields["extra"])
        field.queryset = OptionalExtra.objects.filter(pk__in=ids)
