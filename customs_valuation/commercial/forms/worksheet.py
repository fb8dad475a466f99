"""Forms of the worksheet: a line with the facts its rule reads, removing it, assists charged,
checked (CUS-76) and their spreading changed."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from taxportal.forms import PortalForm

from ..choices import (
    AssistCheck,
    CheckResult,
    CommissionKind,
    DiscountKind,
    FreightKind,
    LineKind,
    SpreadWay,
)
from ..models import FreightNotice
from .common import amount, text

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


class AssistCheckForm(PortalForm):
    """CUS-76: one of the valuer's checks of an assist charged to the entry."""

    assist: "forms.ModelChoiceField[Any]" = forms.ModelChoiceField(label=_("Assist"), queryset=None)
    code = forms.ChoiceField(label=_("Check"), choices=AssistCheck.choices)
    result = forms.ChoiceField(label=_("Result"), choices=CheckResult.choices)
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)

    def __init__(self, *args, assists=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["assist"])
        field.queryset = assists


class AssistWayForm(PortalForm):
    way = forms.ChoiceField(label=_("Spreading"), choices=SpreadWay.choices)
    reason = text(_("Reason for the change"))
    first_shipment = forms.IntegerField(
        label=_("Units in the first shipment"), min_value=1, required=False
    )
    produced = forms.IntegerField(label=_("Units produced up to it"), min_value=1, required=False)
    contract = forms.IntegerField(label=_("Units under contract"), min_value=1, required=False)
