"""Forms of the case's facts and what the valuer records: opening, facts, tariff items, triggers,
grounds, checks, documents asked for, form 145, the related-party examination, consultations,
the committee's damage decision."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from taxportal.forms import PortalForm

from ...declarations.models import Country
from ..choices import (
    CheckResult,
    Destination,
    Ground,
    InvoiceKind,
    RelatedAlternative,
    RequestItem,
    Special,
    TransactionNature,
    TransportMode,
    VerificationStep,
)
from ..rules.terms import INCOTERMS
from .common import DATE, LTR, TEXT, YesNoField, amount, text


class OpenCaseForm(PortalForm):
    exchange_rate = forms.DecimalField(
        label=_("The entry's exchange rate (NIS per unit of its currency)"),
        max_digits=12,
        decimal_places=6,
        min_value=Decimal("0.000001"),
        widget=forms.NumberInput(attrs={"step": "0.000001", **LTR}),
    )
    country_of_export = forms.ModelChoiceField(
        label=_("Country of export"), queryset=Country.objects.all(), to_field_name="code"
    )
    declared_value = amount(_("Declared value (if not the entry's goods value)"), required=False)
    used_vehicle = forms.BooleanField(label=_("A used vehicle"), required=False)
    destination = forms.ChoiceField(label=_("Destination"), choices=Destination.choices)


class FactsForm(PortalForm):
    """The transaction as the documents show it (CUS-58, CUS-64, CUS-66, CUS-69, CUS-89, CUS-91)."""

    incoterm = forms.ChoiceField(
        label=_("Terms of delivery"),
        required=False,
        choices=[("", _("Not stated (EXW assumed)"))] + [(c, c) for c in INCOTERMS],
    )
    incoterm_place = forms.CharField(label=_("Place"), max_length=100, required=False)
    transport_mode = forms.ChoiceField(label=_("Mode of transport"), choices=TransportMode.choices)
    nature = forms.ChoiceField(label=_("The transaction"), choices=TransactionNature.choices)
    invoice_kind = forms.ChoiceField(label=_("The document"), choices=InvoiceKind.choices)
    invoice_total = amount(_("Sales invoice total"), required=False)
    manufacturer = forms.CharField(label=_("Manufacturer"), max_length=200, required=False)
    supplier_is_manufacturer = forms.BooleanField(
        label=_("The supplier is the manufacturer"), required=False
    )
    manufacturer_price = amount(_("Manufacturer's price to the supplier"), required=False)
    insured = YesNoField(label=_("Insured"))
    forwarder_answer = text(_("The forwarder's answer on insurance (CUS-66)"), required=False)
    free_goods_retroactive = YesNoField(label=_("Free goods: retroactive"))
    free_goods_conditional = YesNoField(label=_("Free goods: conditional"))
    free_goods_reasonable = YesNoField(label=_("Free goods: reasonable in the sector"))
    special = forms.ChoiceField(label=_("Special case"), choices=Special.choices, required=False)
    vat_26b_reference = forms.CharField(
        label=_("Section 26(b) VAT payment reference"), max_length=60, required=False
    )
    vat_26b_amount = amount(_("Amount that payment covered (NIS)"), required=False)


class ItemForm(PortalForm):
    tariff_item = forms.CharField(
        label=_("Tariff item"),
        max_length=15,
        widget=forms.TextInput(attrs=LTR),
        help_text=_("Written 1234.56 (or 1234.56.7890)."),
    )
    description = forms.CharField(label=_("Description"), max_length=200)
    quantity = forms.IntegerField(label=_("Units"), min_value=1, max_value=2_000_000_000)
    value = amount(_("Invoice value"))
    free = forms.BooleanField(label=_("Given free"), required=False)


class TriggerForm(PortalForm):
    marked = forms.BooleanField(label=_("Applies"), required=False)
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)
    resolution = forms.CharField(label=_("Resolution"), max_length=2000, required=False)


class GroundForm(PortalForm):
    code = forms.ChoiceField(label=_("Ground"), choices=Ground.choices)
    reason = text(_("Reason"))
    asked = text(_("What the importer was asked (ground f)"), required=False)
    answered = text(_("What the importer answered (ground f)"), required=False)


class CheckForm(PortalForm):
    step = forms.ChoiceField(label=_("Step"), choices=VerificationStep.choices)
    result = forms.ChoiceField(label=_("Result"), choices=CheckResult.choices)
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)


class RequestForm(PortalForm):
    """CUS-61: the documents asked for, each with a note, and the due date."""

    due_on = forms.DateField(label=_("Due on (default: 30 days)"), required=False, widget=DATE)
    note = forms.CharField(label=_("Note to the agent"), max_length=2000, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in RequestItem.choices:
            self.fields[f"item_{code}"] = forms.BooleanField(label=label, required=False)
            self.fields[f"note_{code}"] = forms.CharField(
                label=_("Note on %(item)s") % {"item": code}, max_length=500, required=False
            )

    def items(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        return [(c, data.get(f"note_{c}", "")) for c in RequestItem.values if data.get(f"item_{c}")]

    def pairs(self):
        return [(self[f"item_{c}"], self[f"note_{c}"]) for c in RequestItem.values]


class Form145Form(PortalForm):
    signer_is_importer = forms.BooleanField(
        label=_("Signed by the importer (for a company, an authorised signatory)"), required=False
    )
    properly_filled = forms.BooleanField(
        label=_("Filled in properly in all its details"), required=False
    )
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)


class RelatedForm(PortalForm):
    alternative = forms.ChoiceField(
        label=_("Alternative chosen"), choices=RelatedAlternative.choices
    )
    test_value = amount(_("Its value (invoice currency)"))
    close = forms.BooleanField(
        label=_("Close: the relationship did not affect the price"), required=False
    )
    reason = text(_("Reason for the judgement"))


class ConsultationForm(PortalForm):
    question = text(_("Question to the valuation unit"))


class AnswerForm(PortalForm):
    answer = text(_("Answer"))


class DamageDecisionForm(PortalForm):
    members = forms.CharField(
        label=_("Committee members, one a line"), max_length=2000, widget=TEXT
    )
    examined_on = forms.DateField(label=_("Goods examined on"), widget=DATE)
    reasons = text(_("The committee's reasons"))
    amount = amount(_("Customs amount set (NIS)"))
    appraiser_opinion = forms.BooleanField(
        label=_("An appraiser's opinion was given"), required=False
    )

    def clean_members(self):
        return [m.strip() for m in self.cleaned_data["members"].splitlines() if m.strip()]
