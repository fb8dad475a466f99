"""Forms of the agent's pages: uploads, the importer's choice, a damage request, assists and
credit notes."""

from decimal import Decimal
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from taxportal.forms import PortalForm

from ...declarations.models import CustomsHouse
from ..choices import (
    AssistCategory,
    CreditNoteKind,
    ImporterOption,
    SpreadWay,
)
from .common import LTR, TEXT, amount, text


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
