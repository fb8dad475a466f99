"""Forms of part 2.2's pages. They check the shape of the input (types, lengths, choices); the
services decide everything else."""

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from taxportal.forms import PortalForm

from ..declarations.models import Country, CustomsHouse
from .choices import (
    AssistCategory,
    CheckResult,
    CommissionKind,
    CreditNoteKind,
    Destination,
    DiscountKind,
    FallbackBasis,
    FreightKind,
    Ground,
    ImporterOption,
    InvoiceKind,
    LineKind,
    RelatedAlternative,
    RequestItem,
    SecurityKind,
    Special,
    SpreadWay,
    TransactionNature,
    TransportMode,
    VerificationStep,
)
from .models import FreightNotice
from .rules.terms import INCOTERMS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})
LTR = {"dir": "ltr"}
AMOUNT: dict[str, Any] = {
    "max_digits": 16,
    "decimal_places": 2,
    "min_value": 0,
    "widget": forms.NumberInput(attrs={"step": "0.01", **LTR}),
}
YES_NO_UNKNOWN = [("", _("Not known")), ("yes", _("Yes")), ("no", _("No"))]


def amount(label, required=True, **extra):
    return forms.DecimalField(label=label, required=required, **(AMOUNT | extra))


def text(label, required=True, max_length=2000, **extra):
    return forms.CharField(
        label=label, required=required, max_length=max_length, widget=TEXT, **extra
    )


class YesNoField(forms.TypedChoiceField):
    """Yes, no, or not known (None)."""

    def __init__(self, **kwargs):
        super().__init__(
            choices=YES_NO_UNKNOWN,
            required=False,
            empty_value=None,
            coerce=lambda v: {"yes": True, "no": False}.get(v),
            **kwargs,
        )


# --- The valuer ------------------------------------------------------------------------------


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


FLAG_LABELS = {
    "already_in_price": _("Already in the price"),
    "acts_for_importer": _("(1) The agent acts for the importer, proved"),
    "own_benefit": _("(2) The agent acts for itself or owns the goods"),
    "trading_company": _("(4) A trading company owning the goods or setting the terms"),
    "amount_detailed": _("(5) The amount and its computation detailed"),
    "charged_separately": _("(6) Charged apart from the price"),
    "separate": _("Interest separate from the price"),
    "in_writing": _("The financing arrangement is in writing"),
    "proofs_required": _("Proofs of the price and the rate were required"),
    "proofs_accepted": _("Those proofs were accepted"),
    "relates_to_goods": _("Relates to the imported goods"),
    "condition_of_sale": _("A condition of their sale"),
    "reproduction_right": _("For the right to reproduce the goods"),
    "amount_known": _("Its amount can be set at valuation"),
    "importer_bears_difference": _("The importer bears the difference (air instead of sea)"),
    "refund_proven": _("The refund of the tax was proved"),
    "for_these_goods": _("(a) Given for these goods"),
    "fixed_in_advance": _("(b) Fixed and known in advance"),
    "unconditional": _("(b) Unconditional"),
}


class LineForm(PortalForm):
    """An addition or deduction with the facts its rule reads (unused facts are ignored)."""

    kind = forms.ChoiceField(
        label=_("Line"),
        choices=[c for c in LineKind.choices if c[0] not in {LineKind.PRICE, LineKind.ASSIST}],
    )
    amount = amount(_("Amount"))
    in_shekels = forms.BooleanField(
        label=_("The amount is in shekels (e.g. a freight invoice in NIS at its own rate)"),
        required=False,
    )
    description = forms.CharField(label=_("Description"), max_length=200, required=False)
    item: "forms.ModelChoiceField[Any]" = forms.ModelChoiceField(
        label=_("For the tariff item (blank: the whole invoice)"), queryset=None, required=False
    )
    commission = forms.ChoiceField(
        label=_("Commission"), choices=[("", "—"), *CommissionKind.choices], required=False
    )
    freight = forms.ChoiceField(
        label=_("Freight line"), choices=[("", "—"), *FreightKind.choices], required=False
    )
    director_notice = forms.ModelChoiceField(
        label=_("Director's notice"), queryset=FreightNotice.objects.all(), required=False
    )
    discount = forms.ChoiceField(
        label=_("Discount for"), choices=[("", "—"), *DiscountKind.choices], required=False
    )
    credit_note: "forms.ModelChoiceField[Any]" = forms.ModelChoiceField(
        label=_("Credit note"), queryset=None, required=False
    )

    def __init__(self, *args, case=None, credit_notes=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["item"])
        field.queryset = case.items.all() if case is not None else None
        field = cast(forms.ModelChoiceField, self.fields["credit_note"])
        field.queryset = credit_notes
        for name, label in FLAG_LABELS.items():
            self.fields[name] = forms.BooleanField(
                label=label, required=False, initial=name == "amount_known"
            )

    def facts(self) -> dict:
        data = self.cleaned_data
        facts = {name: data.get(name, False) for name in FLAG_LABELS}
        for name in ("commission", "freight", "discount"):
            if data.get(name):
                facts[name] = data[name]
        if data.get("director_notice"):
            facts["director_notice"] = data["director_notice"].pk
        return facts

    def flag_fields(self):
        return [self[name] for name in FLAG_LABELS]


class RemoveLineForm(PortalForm):
    reason = forms.CharField(label=_("Reason for removing"), max_length=500)


class AssistChargeForm(PortalForm):
    assist: "forms.ModelChoiceField[Any]" = forms.ModelChoiceField(label=_("Assist"), queryset=None)
    units = forms.IntegerField(label=_("Units of this entry"), min_value=1, max_value=2_000_000_000)

    def __init__(self, *args, assists=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["assist"])
        field.queryset = assists


class RelatedForm(PortalForm):
    alternative = forms.ChoiceField(
        label=_("Alternative chosen"), choices=RelatedAlternative.choices
    )
    test_value = amount(_("Its value (invoice currency)"))
    close = forms.BooleanField(
        label=_("Close: the relationship did not affect the price"), required=False
    )
    reason = text(_("Reason for the judgement"))


class ReasonForm(PortalForm):
    reason = text(_("Reason"), required=False)


class RequiredReasonForm(PortalForm):
    reason = text(_("Reason"))


class ReasonsForm(PortalForm):
    reasons = text(_("Reasons (they go to the importer)"))


class NotSatisfiedForm(PortalForm):
    reasons = text(_("Reasons (they go to the importer)"))
    provisional_value = amount(_("Provisional value (NIS)"))
    taxes_declared = amount(_("Taxes on the declared value (NIS)"))
    taxes_provisional = amount(_("Taxes on the provisional value (NIS)"))


class SecurityForm(PortalForm):
    kind = forms.ChoiceField(label=_("Payment or security"), choices=SecurityKind.choices)
    amount = amount(_("Amount (NIS)"))
    reference = forms.CharField(label=_("Receipt or guarantee number"), max_length=60)
    expires_on = forms.DateField(label=_("Guarantee expires"), required=False, widget=DATE)


class MethodRefuseForm(PortalForm):
    method = forms.CharField(widget=forms.HiddenInput, max_length=20)
    reason = text(_("Why this method cannot set the value"))


class CandidateForm(PortalForm):
    identical = forms.BooleanField(
        label=_("Can count as identical (or similar)"), required=False, initial=True
    )
    adjusted_unit_value = amount(_("Adjusted unit value (NIS)"), required=False)
    note = forms.CharField(label=_("Adjustments and finding"), max_length=2000, required=False)


class MethodApplyForm(PortalForm):
    method = forms.CharField(widget=forms.HiddenInput, max_length=20)
    reasons = text(_("Reasons (they go to the importer)"))
    value = amount(_("Value (NIS)"), required=False)
    basis = forms.ChoiceField(
        label=_("Basis (fallback)"), choices=[("", "—"), *FallbackBasis.choices], required=False
    )
    description = text(_("How the method was applied (fallback)"), required=False)
    documents: "forms.ModelMultipleChoiceField[Any]" = forms.ModelMultipleChoiceField(
        label=_("Production-cost documents (computed value)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    price = amount(_("Israeli sale price used (NIS)"), required=False)
    price_date = forms.DateField(label=_("Its date"), required=False, widget=DATE)
    quantity = forms.IntegerField(label=_("Its quantity"), required=False, min_value=1)
    deductions = forms.CharField(
        label=_("Deductions, one a line: amount; basis"),
        required=False,
        max_length=4000,
        widget=TEXT,
    )

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelMultipleChoiceField, self.fields["documents"])
        field.queryset = case.documents.all() if case is not None else None

    def clean_deductions(self):
        rows = []
        for number, row in enumerate(self.cleaned_data["deductions"].splitlines(), start=1):
            if not row.strip():
                continue
            value, _sep, basis = row.partition(";")
            try:
                rows.append((Decimal(value.strip().replace(",", "")), basis.strip()))
            except ArithmeticError:
                raise forms.ValidationError(
                    _("Line %(n)s: write the amount, a semicolon and the basis.") % {"n": number}
                ) from None
        return rows


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


class AssistWayForm(PortalForm):
    way = forms.ChoiceField(label=_("Spreading"), choices=SpreadWay.choices)
    reason = text(_("Reason for the change"))
    first_shipment = forms.IntegerField(
        label=_("Units in the first shipment"), min_value=1, required=False
    )
    produced = forms.IntegerField(label=_("Units produced up to it"), min_value=1, required=False)
    contract = forms.IntegerField(label=_("Units under contract"), min_value=1, required=False)


class CreditNoteDecisionForm(PortalForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    reason = text(_("Reason"))


class FreightNoticeForm(PortalForm):
    number = forms.CharField(label=_("Notice number"), max_length=30)
    title = forms.CharField(label=_("Title"), max_length=200)
    effective_from = forms.DateField(label=_("In force from"), widget=DATE)
    effective_until = forms.DateField(label=_("In force until"), required=False, widget=DATE)


# --- The agent -------------------------------------------------------------------------------


class UploadForm(PortalForm):
    file = forms.FileField(label=_("Document (PDF, JPEG or PNG)"))
    answer = forms.CharField(label=_("Answer"), max_length=4000, required=False, widget=TEXT)


class ChoiceForm(PortalForm):
    option = forms.ChoiceField(
        label=_("The importer's choice"), choices=ImporterOption.choices, widget=forms.RadioSelect
    )


class DamageRequestForm(PortalForm):
    description = text(_("The damage in carriage (CUS-93)"))


class AssistForm(PortalForm):
    importer = forms.ChoiceField(label=_("Importer"))
    supplier_number = forms.IntegerField(label=_("Supplier number"), min_value=1)
    description = forms.CharField(label=_("Description"), max_length=200)
    category = forms.ChoiceField(label=_("Kind of assist"), choices=AssistCategory.choices)
    cost = amount(_("Purchase, lease or production cost (NIS)"))
    carriage = amount(_("Its carriage to the producer, paid by the importer (NIS)"), required=False)
    changes = amount(_("Value added before it was sent (NIS)"), required=False)
    earlier_use = amount(_("Adjustment for earlier use (NIS)"), required=False)
    share_percent = forms.DecimalField(
        label=_("Share used for the imported goods (%)"),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=100,
        initial=100,
    )
    way = forms.ChoiceField(
        label=_("The importer's choice of spreading"),
        choices=SpreadWay.choices,
        widget=forms.RadioSelect,
    )
    first_shipment = forms.IntegerField(label=_("Units in the first shipment"), min_value=1)
    produced = forms.IntegerField(label=_("Units produced up to the first shipment"), min_value=1)
    contract = forms.IntegerField(
        label=_("Units under contract (way c)"), min_value=1, required=False
    )

    def __init__(self, *args, importers=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["importer"])
        field.choices = [(i.number, str(i)) for i in importers]


class CreditNoteForm(PortalForm):
    importer = forms.ChoiceField(label=_("Importer"))
    supplier_number = forms.IntegerField(label=_("Supplier number"), min_value=1)
    customs_house = forms.ModelChoiceField(
        label=_("Handling customs house"), queryset=CustomsHouse.objects.all(), to_field_name="code"
    )
    number = forms.CharField(label=_("Credit note number"), max_length=40)
    kind = forms.ChoiceField(label=_("Kind"), choices=CreditNoteKind.choices)
    amount = amount(_("Amount"))
    currency = forms.CharField(
        label=_("Currency"), max_length=3, min_length=3, widget=forms.TextInput(attrs=LTR)
    )
    description = text(_("What it is for"), required=False)

    def __init__(self, *args, importers=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["importer"])
        field.choices = [(i.number, str(i)) for i in importers]
