"""Forms of the decision and the methods, the chief valuer's credit notes and the Director's
freight notices."""

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from taxportal.forms import PortalForm

from ..choices import (
    FallbackBasis,
    SecurityKind,
)
from .common import DATE, TEXT, amount, text


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
