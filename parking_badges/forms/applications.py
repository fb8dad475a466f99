"""Applications, appeals and the department doctor's decision (BADGE-6 to BADGE-10)."""

import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taxportal.dates import DatePartsField
from taxportal.fields import MobilePhoneField, MultipleFileField, NationalIdField
from taxportal.forms import PortalForm
from taxportal.uploads import SCANS, check_upload

from .. import rules
from ..choices import ApprovalSource, DecisionOutcome, EligibilityGround
from ..services import PersonDetails
from .fields import today


class ApplicationForm(PortalForm):
    """BADGE-7: the application with its medical documents, ground and source."""

    required_messages = {
        "national_id": _("Enter the applicant's identity number"),
        "first_name": _("Enter the applicant's first name"),
        "last_name": _("Enter the applicant's last name"),
        "born_on": _("Enter the applicant's date of birth"),
        "street": _("Enter the applicant's street and house number"),
        "city": _("Enter the applicant's city"),
        "ground": _("Choose the ground of eligibility"),
        "source": _("Choose who approved the eligibility"),
        "material_received_on": _("Enter the date the material was received"),
        "documents": _("Attach the medical documents: a PDF or a scan"),
    }

    national_id = NationalIdField()
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    born_on = DatePartsField(label=_("Date of birth"), allow_future=False)
    street = forms.CharField(label=_("Street and number"), max_length=200)
    city = forms.CharField(label=_("City"), max_length=100)
    postal_code = forms.CharField(label=_("Postal code"), max_length=7, required=False)
    phone = MobilePhoneField(label=_("Mobile phone"), required=False)
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
    # BADGE-6: an approval of another body than the department doctor: its own date and letter.
    source_decided_on = DatePartsField(
        label=_("Date of the approving body's decision"),
        required=False,
        help_text=_("Not for the department doctor: the date on the other body's approval."),
    )
    source_reference = forms.CharField(
        label=_("The approving body's reference"), max_length=50, required=False
    )
    source_letter = forms.FileField(
        label=_("The approving body's approval letter (PDF or scan)"), required=False
    )
    material_received_on = DatePartsField(label=_("Material received on"), initial=today)
    documents = MultipleFileField(label=_("Medical documents (PDF or scans)"))
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    # BADGE-7: shown only when the details differ from the holder's file.
    confirm_changes = forms.BooleanField(
        label=_(
            "I checked these details with the applicant: update the holder's file "
            "(its history keeps the earlier details)"
        ),
        required=False,
    )
    # BADGE-55: a new value each time the page is opened; the same form sent twice records
    # one application.
    submission_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4, required=False)

    def clean_source_letter(self):
        letter = self.cleaned_data.get("source_letter")
        if letter:
            check_upload(letter, allowed=SCANS)
        return letter

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean returns the cleaned data
        if data.get("source") and data.get("material_received_on"):
            problems = rules.source_evidence_problems(
                source=data["source"],
                decided_on=data.get("source_decided_on"),
                has_letter=bool(data.get("source_letter")),
                received_on=data["material_received_on"],
            )
            for field, problem in problems.items():
                if field not in self.errors:
                    self.add_error(field, problem)
        if not data.get("submission_token") and "submission_token" not in self.errors:
            self.add_error(
                None, _("This form is out of date: open a new application form and send it again.")
            )
        return data

    def clean_material_received_on(self):
        value = self.cleaned_data["material_received_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The material cannot arrive in the future."))
        return value

    def person_details(self) -> PersonDetails:
        data = self.cleaned_data
        return PersonDetails(**{k: data[k] for k in PersonDetails.__dataclass_fields__})


class DocumentsForm(PortalForm):
    documents = MultipleFileField(label=_("More medical documents"))
    note = forms.CharField(label=_("What was sent"), max_length=200, required=False)


class DecisionForm(PortalForm):
    """BADGE-10: the department doctor's decision."""

    required_messages = {
        "outcome": _(
            "Choose whether the application is approved, rejected or needs more information"
        ),
        "decided_on": _("Enter the date of the decision"),
    }

    outcome = forms.ChoiceField(
        label=_("Decision"), choices=DecisionOutcome.choices, widget=forms.RadioSelect
    )
    decided_on = DatePartsField(label=_("Decision date"), initial=today)
    reasons = forms.CharField(
        label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    info_requested_until = DatePartsField(
        label=_("More information required until"), required=False
    )
    approval_valid_until = DatePartsField(
        label=_("Approval valid until"),
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
        assert data is not None  # Form.clean returns the cleaned data
        if data.get("outcome") == DecisionOutcome.INFO_REQUESTED and not data.get(
            "info_requested_until"
        ):
            self.add_error(
                "info_requested_until", _("Say by which date the information is required.")
            )
        if data.get("outcome") == DecisionOutcome.REJECTED and not data.get("reasons", "").strip():
            self.add_error("reasons", _("A rejection needs its reasons."))
        return data


class HealthApprovalForm(PortalForm):
    """BADGE-6: a Ministry of Health approval, recorded without the doctor."""

    approved_on = DatePartsField(label=_("Approved on"))
    valid_until = DatePartsField(
        label=_("Valid until"),
        required=False,
        help_text=_("Leave empty for a permanent approval."),
    )
    reference = forms.CharField(label=_("Ministry's reference"), max_length=50)
    disability_started_on = DatePartsField(label=_("Disability started on"), required=False)
    disability_percent = forms.IntegerField(
        label=_("Disability percentage"), min_value=0, max_value=100, required=False
    )


class InstituteAnswerForm(PortalForm):
    answer = forms.CharField(
        label=_("Medical Institute's answer"), widget=forms.Textarea(attrs={"rows": 3})
    )
    answered_on = DatePartsField(label=_("Answered on"), initial=today)


class AppealForm(PortalForm):
    """BADGE-9: an appeal against a rejection."""

    material_received_on = DatePartsField(label=_("Appeal received on"), initial=today)
    documents = MultipleFileField(label=_("Documents sent with the appeal"), required=False)
    notes = forms.CharField(
        label=_("Grounds of the appeal"), widget=forms.Textarea(attrs={"rows": 3})
    )


class InfoExtendForm(PortalForm):
    """BADGE-10: a later "more information by" date, with the reason."""

    prefix = "extend"  # beside the closing form on the same page
    until = DatePartsField(label=_("New date for the information"))
    reason = forms.CharField(
        label=_("Why the date is extended"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_until(self):
        until = self.cleaned_data["until"]
        today = timezone.localdate()
        problem = rules.info_extension_problem(current=None, until=until, today=today)
        if problem:
            raise forms.ValidationError(problem)
        return until


class CaseCloseForm(PortalForm):
    """BADGE-10: the information did not come: the case is closed, with the reason."""

    prefix = "close"
    reason = forms.CharField(
        label=_("Why the case is closed"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
