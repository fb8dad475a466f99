"""The importer screen (BADGE-43 to BADGE-46)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from taxportal.dates import DatePartsField
from taxportal.fields import NationalIdField
from taxportal.forms import PortalForm

from .. import rules
from ..choices import EntitlementSource, VehicleType
from .fields import FeeAmountField, VehicleNumberField, today


class ImporterOpenForm(PortalForm):
    vehicle_number = VehicleNumberField()
    vehicle_type = forms.ChoiceField(label=_("Vehicle type"), choices=VehicleType.choices)
    total_weight_kg = forms.IntegerField(
        label=_("Total weight (kg)"), min_value=1, max_value=100000, required=False
    )
    manufactured_on = DatePartsField(label=_("Manufacture date"))
    importer_name = forms.CharField(label=_("Importer"), max_length=200)
    buyer_national_id = NationalIdField(
        label=_("Buyer's identity number (5th additional-owner row)")
    )
    buyer_name = forms.CharField(label=_("Buyer's name"), max_length=200)
    entitlement_source = forms.ChoiceField(
        label=_("Entitlement form from"), choices=EntitlementSource.choices
    )
    entitlement_originals = forms.BooleanField(
        label=_("Two signed originals of the entitlement form received"), required=False
    )
    previous_rights_unsettled = forms.BooleanField(
        label=_("Rights on a previous vehicle not yet settled with Customs"), required=False
    )
    previous_rights_receipt = forms.BooleanField(
        label=_("Receipt for those rights received"), required=False
    )
    adaptation_codes = forms.MultipleChoiceField(
        label=_("Adaptations for the disabled (restrictions)"),
        choices=[(code, code) for code in rules.ADAPTATION_RESTRICTIONS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class ImporterReleaseForm(PortalForm):
    released_on = DatePartsField(label=_("Released by Customs on"), initial=today)
    customs_reference = forms.CharField(label=_("Customs release reference"), max_length=50)


class ImporterPrintForm(PortalForm):
    printed_amount = FeeAmountField(label=_("Amount printed on the licence (NIS)"))


class ImporterCloseForm(PortalForm):
    two_vehicles_notice_given = forms.BooleanField(
        label=_(
            "The buyer was told: with two vehicles on the badge, adding the new one must be "
            "reported to the Licensing Authority"
        ),
        required=False,
    )
