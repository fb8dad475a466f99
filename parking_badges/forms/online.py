"""What a citizen fills in online (issue 15): the application with its grounds, vehicles and
documents (BADGE-7, BADGE-19 to BADGE-28). The shape of what is typed; the rules are the
services' (the same as for the clerk's intake)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taxportal.dates import DatePartsField
from taxportal.fields import MobilePhoneField, MultipleFileField
from taxportal.forms import PortalForm
from taxportal.uploads import SCANS, check_upload

from .. import rules
from ..choices import (
    ApprovalSource,
    EligibilityGround,
    EvidenceKind,
    FamilyRelation,
    OwnerRelation,
    VehicleGround,
)
from ..models import CITIZEN_REPLACEMENT_REASONS
from .fields import VehicleNumberField

# The details the online form asks that the holder's file keeps (services.PersonDetails).
DETAIL_FIELDS = (
    "first_name",
    "last_name",
    "born_on",
    "street",
    "city",
    "postal_code",
    "phone",
    "email",
)


class OnlineApplicationForm(PortalForm):
    """BADGE-7 online: the citizen's details, the ground, who approved it (BADGE-6), and the
    current medical documents, each checked by its content."""

    required_messages = {
        "first_name": _("Enter your first name"),
        "last_name": _("Enter your last name"),
        "born_on": _("Enter your date of birth"),
        "street": _("Enter your street and house number"),
        "city": _("Enter your city"),
        "ground": _("Choose why you are eligible for a badge"),
        "source": _("Choose who approved your eligibility"),
        "documents": _("Attach your current medical documents: a PDF or a scan"),
    }

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    born_on = DatePartsField(label=_("Date of birth"))
    street = forms.CharField(label=_("Street and number"), max_length=200)
    city = forms.CharField(label=_("City"), max_length=100)
    postal_code = forms.CharField(label=_("Postal code"), max_length=7, required=False)
    phone = MobilePhoneField(label=_("Mobile phone"), required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    ground = forms.ChoiceField(
        label=_("Why are you eligible?"),
        choices=EligibilityGround.choices,
        widget=forms.RadioSelect,
    )
    source = forms.ChoiceField(
        label=_("Who approved your eligibility?"),
        choices=ApprovalSource.choices,
        initial=ApprovalSource.DEPARTMENT_DOCTOR,
        help_text=_(
            "Not approved yet: choose the department doctor, who decides on your documents."
        ),
    )
    source_decided_on = DatePartsField(
        label=_("Date of the approving body's decision"), required=False
    )
    source_reference = forms.CharField(
        label=_("The approving body's reference"), max_length=50, required=False
    )
    source_letter = forms.FileField(
        label=_("The approving body's approval letter (PDF or scan)"), required=False
    )
    documents = MultipleFileField(
        label=_("Current medical documents (PDF or scans)"),
        help_text=_("You can choose several files."),
    )

    def clean_source_letter(self):
        letter = self.cleaned_data.get("source_letter")
        if letter:
            check_upload(letter, allowed=SCANS)
        return letter

    def clean_born_on(self):
        value = self.cleaned_data["born_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date of birth cannot be in the future."))
        return value

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean returns the cleaned data
        if data.get("source"):
            problems = rules.source_evidence_problems(
                source=data["source"],
                decided_on=data.get("source_decided_on"),
                has_letter=bool(data.get("source_letter")),
                received_on=timezone.localdate(),
            )
            for field, problem in problems.items():
                if field not in self.errors:
                    self.add_error(field, problem)
        return data


class VehicleAskedForm(PortalForm):
    """One vehicle to put on the badge (at most two), on its ground with its proof
    (BADGE-19 to BADGE-28). Left empty: no vehicle."""

    number = VehicleNumberField(required=False)
    ground = forms.ChoiceField(
        label=_("Whose vehicle is it?"),
        choices=[("", "—"), *VehicleGround.choices],
        required=False,
    )
    relation = forms.ChoiceField(
        label=_("The owner is your"),
        choices=[("", "—"), *FamilyRelation.choices],
        required=False,
        help_text=_("Only for a family member's vehicle."),
    )
    owner_national_id = forms.CharField(
        label=_("The registered owner's identity or company number"),
        max_length=9,
        required=False,
    )
    evidence_kind = forms.ChoiceField(
        label=_("The document that proves it"),
        choices=[("", "—"), *EvidenceKind.choices],
        required=False,
        help_text=_("Not needed for a vehicle registered to you."),
    )
    evidence = forms.FileField(label=_("The document (PDF or scan)"), required=False)

    def clean_evidence(self):
        evidence = self.cleaned_data.get("evidence")
        if evidence:
            check_upload(evidence, allowed=SCANS)
        return evidence

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean returns the cleaned data
        if not data.get("number"):
            if any(data.get(f) for f in ("ground", "relation", "evidence_kind", "evidence")):
                self.add_error("number", _("Enter the vehicle number"))
            return data
        if not data.get("ground"):
            self.add_error("ground", _("Choose whose vehicle it is"))
            return data
        for problem in rules.asked_vehicle_problems(
            ground=data["ground"],
            relation=data.get("relation", ""),
            evidence_kind=data.get("evidence_kind", ""),
            has_evidence=bool(data.get("evidence")),
        ):
            self.add_error(None, problem)
        return data

    @property
    def asked(self) -> bool:
        return bool(self.is_bound and self.is_valid() and self.cleaned_data.get("number"))


class CitizenDocumentsForm(PortalForm):
    """BADGE-10: the documents the department doctor asked for, sent by the citizen."""

    required_messages = {"documents": _("Choose the documents to send: a PDF or a scan")}

    documents = MultipleFileField(
        label=_("The documents asked for (PDF or scans)"),
        help_text=_("You can choose several files."),
    )


class ReplacementRequestForm(PortalForm):
    """BADGE-14: a new badge in place of a lost, stolen or damaged one, or a replaced vehicle."""

    required_messages = {"reason": _("Choose why you need a new badge")}

    reason = forms.ChoiceField(
        label=_("Why do you need a new badge?"),
        choices=CITIZEN_REPLACEMENT_REASONS,
        widget=forms.RadioSelect,
    )
    old_vehicle_number = VehicleNumberField(
        label=_("The vehicle replaced (its number)"), required=False
    )
    new_vehicle_number = VehicleNumberField(label=_("The new vehicle (its number)"), required=False)
    document = forms.FileField(
        label=_("A document, if you have one (PDF or scan)"),
        required=False,
        help_text=_(
            "For example the police confirmation of a theft, or the new vehicle's licence."
        ),
    )

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document:
            check_upload(document, allowed=SCANS)
        return document


class CitizenRefundForm(PortalForm):
    """BADGE-37: a refund of the full fee paid while eligible, for a vehicle on the badge."""

    required_messages = {
        "vehicle_number": _("Choose the vehicle"),
        "owner_relation": _("Choose whom the vehicle is registered to"),
        "documents": _("Attach the licence receipts: a PDF or a scan"),
    }

    vehicle_number = forms.ChoiceField(label=_("The vehicle"), choices=())
    owner_relation = forms.ChoiceField(
        label=_("The vehicle is registered to"),
        choices=[
            (OwnerRelation.SELF.value, _("Me")),
            (OwnerRelation.SPOUSE.value, OwnerRelation.SPOUSE.label),
            (OwnerRelation.PARENT.value, _("My parent (while I am under 18)")),
            (OwnerRelation.GUARDIAN.value, OwnerRelation.GUARDIAN.label),
        ],
        widget=forms.RadioSelect,
    )
    documents = MultipleFileField(
        label=_("The licence receipts of the years paid in full (PDF or scans)"),
        help_text=_("You can choose several files."),
    )

    def __init__(self, *args, vehicle_numbers: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vehicle_number"].choices = [(n, n) for n in vehicle_numbers]  # type: ignore[attr-defined]
