"""The importer's answer and appeal (online or recorded from paper), the supervisor's forwarding
and the committee's (or the collector's) decision."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from taxportal.fields import MultipleFileField
from taxportal.forms import PortalForm
from taxportal.models import User
from taxportal.roles import Role
from taxportal.uploads import DOCUMENTS

from ..models import AppealOutcome
from .fields import MONEY, CheckedFileField, ReasonsField


class ForwardForm(PortalForm):
    opinion = ReasonsField(label=_("Supervisor's opinion"))


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class MembersChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


def committee_members():
    return User.objects.filter(groups__name=Role.APPEAL_COMMITTEE_MEMBER).order_by("last_name")


class AppealDecisionForm(PortalForm):
    members = MembersChoiceField(
        label=_("The three committee members"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    legal_adviser = MemberChoiceField(
        label=_("Legal adviser or representative"), queryset=User.objects.none()
    )
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=AppealOutcome.choices, widget=forms.RadioSelect
    )
    value = forms.DecimalField(
        label=_("Value (when the appeal is allowed in part)"), required=False, **MONEY
    )
    reasons = ReasonsField(label=_("The committee's reasons"))

    def __init__(self, *args, committee: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if committee:
            field = cast(forms.ModelChoiceField, self.fields["members"])
            field.queryset = committee_members()
            field = cast(forms.ModelChoiceField, self.fields["legal_adviser"])
            field.queryset = committee_members()
        else:  # goods: the collector decides alone (CUS-23)
            del self.fields["members"]
            del self.fields["legal_adviser"]
            self.fields["reasons"].label = _("The collector's reasons")


def importer_documents() -> MultipleFileField:
    """Issue 15: the importer's documents with an answer or an appeal, as many as they need (up
    to ten), each a PDF, JPEG or PNG by its content; named `file` as the one-document field was,
    so a single file posted as before still arrives."""
    return MultipleFileField(
        label=_("Attach documents (optional, PDF, JPEG or PNG, up to 10)"),
        allowed=DOCUMENTS,
        required=False,
    )


class DocumentsForm(PortalForm):
    def documents(self) -> list:
        """The checked uploads (a list from the importer's several-documents field, one or none
        from an officer's paper scan)."""
        value = self.cleaned_data.get("file")
        return list(value) if isinstance(value, list | tuple) else [value] if value else []


class AnswerForm(DocumentsForm):
    text = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 6}))
    file: forms.FileField = importer_documents()


class AppealFileForm(DocumentsForm):
    grounds = forms.CharField(
        label=_("All your grounds of appeal"), widget=forms.Textarea(attrs={"rows": 6})
    )
    file: forms.FileField = importer_documents()


class PaperAnswerForm(AnswerForm):
    """An answer the importer sent on paper (not registered online), recorded by the officer."""

    text = forms.CharField(
        label=_("The importer's written answer (as received)"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    file = CheckedFileField(label=_("Scan of the letter (optional)"), required=False)


class PaperAppealForm(AppealFileForm):
    """An appeal the importer sent on paper (not registered online), recorded by the officer."""

    grounds = forms.CharField(
        label=_("The importer's grounds of appeal (as received)"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    file = CheckedFileField(label=_("Scan of the letter (optional)"), required=False)
