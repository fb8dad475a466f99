"""Forms for the clerks, the department doctor, the call centre and inspectors."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taxportal.fields import NationalIdField

from .models import (
    REPLACEMENT_REASONS,
    ApprovalSource,
    BadgeReason,
    DecisionOutcome,
    EligibilityGround,
    EvidenceKind,
    FamilyRelation,
    Vehicle,
    VehicleGround,
)
from .services import PersonDetails

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
ALLOWED_SUFFIXES = (".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff")
VEHICLE_NUMBER = re.compile(r"^\d{5,8}$")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _today():
    return timezone.localdate()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several medical documents in one input; each is checked for type and size."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [self._check(super(MultipleFileField, self).clean(f, initial)) for f in files]

    @staticmethod
    def _check(upload):
        name = upload.name.lower()
        if not name.endswith(ALLOWED_SUFFIXES):
            raise forms.ValidationError(
                _("%(name)s: only PDF or scanned images (JPG, PNG, TIFF) are accepted.")
                % {"name": upload.name}
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("%(name)s is larger than 10 MB.") % {"name": upload.name})
        return upload


def normalize_vehicle_number(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "")


class VehicleNumberField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Vehicle number"))
        kwargs.setdefault("max_length", 12)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "numeric", "dir": "ltr", "autocomplete": "off"})
        return attrs

    def clean(self, value):
        number = normalize_vehicle_number(super().clean(value))
        if number and not VEHICLE_NUMBER.match(number):
            raise forms.ValidationError(_("A vehicle number has 5 to 8 digits."))
        return number


class ApplicationForm(forms.Form):
    """BADGE-7: the application with its medical documents, ground and source."""

    national_id = NationalIdField()
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    born_on = forms.DateField(label=_("Date of birth"), widget=DateInput())
    street = forms.CharField(label=_("Street and number"), max_length=200)
    city = forms.CharField(label=_("City"), max_length=100)
    postal_code = forms.CharField(label=_("Postal code"), max_length=7, required=False)
    phone = forms.CharField(label=_("Mobile phone"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    has_guardian_of_person = forms.BooleanField(
        label=_("The applicant has a guardian of the person"), required=False
    )
    ground = forms.ChoiceField(label=_("Eligibility ground"), choices=EligibilityGround.choices)
    source = forms.ChoiceField(
        label=_("Source of the approval"),
        choices=ApprovalSource.choices,
        initial=ApprovalSource.DEPARTMENT_DOCTOR,
        help_text=_("A Ministry of Health approval issues a badge without the doctor."),
    )
    material_received_on = forms.DateField(
        label=_("Material received on"), widget=DateInput(), initial=_today
    )
    documents = MultipleFileField(label=_("Medical documents (PDF or scans)"))
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def clean_material_received_on(self):
        value = self.cleaned_data["material_received_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The material cannot arrive in the future."))
        return value

    def clean_born_on(self):
        value = self.cleaned_data["born_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date of birth cannot be in the future."))
        return value

    def person_details(self) -> PersonDetails:
        data = self.cleaned_data
        return PersonDetails(**{k: data[k] for k in PersonDetails.__dataclass_fields__})


class DocumentsForm(forms.Form):
    documents = MultipleFileField(label=_("More medical documents"))
    note = forms.CharField(label=_("What was sent"), max_length=200, required=False)


class DecisionForm(forms.Form):
    """BADGE-10: the department doctor's decision."""

    outcome = forms.ChoiceField(
        label=_("Decision"), choices=DecisionOutcome.choices, widget=forms.RadioSelect
    )
    decided_on = forms.DateField(label=_("Decision date"), widget=DateInput(), initial=_today)
    reasons = forms.CharField(
        label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    info_requested_until = forms.DateField(
        label=_("More information required until"), widget=DateInput(), required=False
    )
    approval_valid_until = forms.DateField(
        label=_("Approval valid until"),
        widget=DateInput(),
        required=False,
        help_text=_("Leave empty for a permanent approval."),
    )
    refer_to_institute = forms.BooleanField(
        label=_(
            "The findings bear on fitness to drive: refer to the Medical Institute for Road Safety"
        ),
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("outcome") == DecisionOutcome.INFO_REQUESTED and not data.get(
            "info_requested_until"
        ):
            self.add_error(
                "info_requested_until", _("Say by which date the information is required.")
            )
        if data.get("outcome") == DecisionOutcome.REJECTED and not data.get("reasons", "").strip():
            self.add_error("reasons", _("A rejection needs its reasons."))
        return data


class HealthApprovalForm(forms.Form):
    """BADGE-6: a Ministry of Health approval, recorded without the doctor."""

    approved_on = forms.DateField(label=_("Approved on"), widget=DateInput())
    valid_until = forms.DateField(
        label=_("Valid until"),
        widget=DateInput(),
        required=False,
        help_text=_("Leave empty for a permanent approval."),
    )
    reference = forms.CharField(label=_("Ministry's reference"), max_length=50)
    disability_started_on = forms.DateField(
        label=_("Disability started on"), widget=DateInput(), required=False
    )
    disability_percent = forms.IntegerField(
        label=_("Disability percentage"), min_value=0, max_value=100, required=False
    )


class InstituteAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Medical Institute's answer"), widget=forms.Textarea(attrs={"rows": 3})
    )
    answered_on = forms.DateField(label=_("Answered on"), widget=DateInput(), initial=_today)


class AppealForm(forms.Form):
    """BADGE-9: an appeal against a rejection."""

    material_received_on = forms.DateField(
        label=_("Appeal received on"), widget=DateInput(), initial=_today
    )
    documents = MultipleFileField(label=_("Documents sent with the appeal"), required=False)
    notes = forms.CharField(
        label=_("Grounds of the appeal"), widget=forms.Textarea(attrs={"rows": 3})
    )


class VehicleAddForm(forms.Form):
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


class VehicleRemoveForm(forms.Form):
    reason = forms.CharField(label=_("Why is the vehicle removed?"), max_length=200)


PRINT_REASONS = [
    (r.value, r.label)
    for r in (BadgeReason.NEW, BadgeReason.VEHICLES_CHANGED, *REPLACEMENT_REASONS)
]


class PrintForm(forms.Form):
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


class DeathForm(forms.Form):
    died_on = forms.DateField(label=_("Date of death"), widget=DateInput())
    reason = forms.CharField(label=_("Source of the information"), max_length=200)


class BadgeReturnForm(forms.Form):
    returned_on = forms.DateField(label=_("Returned on"), widget=DateInput(), initial=_today)


class HolderSearchForm(forms.Form):
    national_id = NationalIdField()


class CheckForm(forms.Form):
    """BADGE-53: the vehicle number, and the date printed on the badge if the inspector has it."""

    vehicle = VehicleNumberField()
    printed_on = forms.DateField(
        label=_("Date printed on the badge (optional)"), widget=DateInput(), required=False
    )


class ReceiptForm(forms.Form):
    sha256 = forms.CharField(label=_("SHA-256 of the file received"), max_length=64, min_length=64)
