"""The holder's file, printing and checking a badge (BADGE-12 to BADGE-30, BADGE-53)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from taxportal.dates import DatePartsField
from taxportal.fields import MultipleFileField, NationalIdField
from taxportal.forms import PortalForm

from ..choices import REPLACEMENT_REASONS, BadgeReason, EvidenceKind, FamilyRelation, VehicleGround
from ..models import Vehicle
from .fields import VehicleNumberField, today


class VehicleAddForm(PortalForm):
    """BADGE-19 to BADGE-30: a vehicle on its ground, with the documents received."""

    vehicle_number = VehicleNumberField()
    ground = forms.ChoiceField(label=_("Ground"), choices=VehicleGround.choices)
    relation = forms.ChoiceField(
        label=_("Relation to the holder (family member)"),
        choices=[("", "—"), *FamilyRelation.choices],
        required=False,
    )
    owner_national_id = NationalIdField(
        label=_("Identity number of the registered owner (family, employer, other driver)"),
        required=False,
    )
    evidence = forms.MultipleChoiceField(
        label=_("Documents received"),
        choices=EvidenceKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    scan = forms.FileField(label=_("Scanned documents (optional)"), required=False)

    def clean_vehicle_number(self):
        number = self.cleaned_data["vehicle_number"]
        vehicle = (
            Vehicle.objects.filter(number=number).prefetch_related("owners", "restrictions").first()
        )
        if vehicle is None:
            raise forms.ValidationError(_("There is no vehicle with this number in the register."))
        self.vehicle = vehicle
        return number

    def clean_scan(self):
        scan = self.cleaned_data.get("scan")
        return MultipleFileField._check(scan) if scan else scan


class VehicleRemoveForm(PortalForm):
    reason = forms.CharField(label=_("Why is the vehicle removed?"), max_length=200)


PRINT_REASONS = [
    (r.value, r.label)
    for r in (BadgeReason.NEW, BadgeReason.VEHICLES_CHANGED, *REPLACEMENT_REASONS)
]


class PrintForm(PortalForm):
    """BADGE-12 to BADGE-14: print (or replace) the holder's badge."""

    reason = forms.ChoiceField(label=_("Reason for printing"), choices=PRINT_REASONS)
    reason_note = forms.CharField(
        label=_("Details"),
        max_length=200,
        required=False,
        help_text=_("Required for a replacement: what was lost, stolen or damaged, which vehicle."),
    )
    owners_are_guardians = forms.BooleanField(
        label=_("The vehicles' owners are the holder's guardians (two copies)"), required=False
    )


class DeathForm(PortalForm):
    died_on = DatePartsField(label=_("Date of death"), allow_future=False)
    reason = forms.CharField(label=_("Source of the information"), max_length=200)


class BadgeReturnForm(PortalForm):
    returned_on = DatePartsField(label=_("Returned on"), initial=today)


class HolderSearchForm(PortalForm):
    national_id = NationalIdField()


class CheckForm(PortalForm):
    """BADGE-53: the vehicle number, and the date printed on the badge if the inspector has it."""

    vehicle = VehicleNumberField()
    printed_on = DatePartsField(label=_("Date printed on the badge (optional)"), required=False)
