"""Decisions on a case: the officer's, the appraiser's, the supervisor's; releases against a
guarantee and the delivery of a posted notice."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from taxportal.dates import DatePartsField
from taxportal.forms import PortalForm

from ..models import (
    NoticeDelivery,
    ReleaseForm,
    SaneDate,
)
from ..rules.ranges import SCHEDULE_DAYS_AHEAD
from .fields import MONEY, ReasonsField


class DecisionChoice:
    ACCEPT = "accept"
    NOTICE = "notice"
    APPRAISER = "appraiser"
    SET_VALUE = "set_value"


class OfficerDecisionForm(PortalForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            (DecisionChoice.ACCEPT, _("Accept the declared value (invoice price)")),
            (DecisionChoice.NOTICE, _("Notice of intent to disqualify the declared value")),
            (DecisionChoice.APPRAISER, _("Send to a customs appraiser")),
            (DecisionChoice.SET_VALUE, _("Set the value by the worksheet (no invoice, goods)")),
        ],
    )
    value_considered = forms.DecimalField(
        label=_("Value considered (notice of intent)"),
        required=False,
        help_text=_("Empty: the worksheet's value."),
        **MONEY,
    )
    reasons = ReasonsField()


class AppraisalForm(PortalForm):
    value = forms.DecimalField(label=_("Appraiser's value in Israel"), **MONEY)
    reasons = ReasonsField(label=_("Appraiser and basis"))


class SupervisorForm(PortalForm):
    convinced = forms.TypedChoiceField(
        label=_("After the importer's answer"),
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
        choices=[
            ("yes", _("Convinced: the invoice price is the value")),
            ("no", _("Not convinced: disqualify the declared value and set a value")),
        ],
    )
    value = forms.DecimalField(
        label=_("Value set"), required=False, help_text=_("Empty: the worksheet's value."), **MONEY
    )
    reasons = ReasonsField()


class ApprovalForm(PortalForm):
    approve = forms.TypedChoiceField(
        label=_("Usage depreciation above the threshold"),
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Approve")), ("no", _("Refuse"))],
    )
    reasons = ReasonsField()


class ReleaseRecordForm(PortalForm):
    form = forms.ChoiceField(label=_("Release against"), choices=ReleaseForm.choices)
    reference = forms.CharField(label=_("Bank or receipt reference"), max_length=60)
    lodged_on = DatePartsField(label=_("Lodged on"), validators=[SaneDate()])


class ReleaseExtendForm(PortalForm):
    release: "forms.ModelChoiceField[Any]" = forms.ModelChoiceField(
        label=_("Guarantee or deposit"), queryset=None
    )
    expires_on = DatePartsField(label=_("Valid until"), validators=[SaneDate(SCHEDULE_DAYS_AHEAD)])
    reason = forms.CharField(label=_("Reason"), max_length=200)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["release"])
        field.queryset = case.releases.filter(status="held").exclude(expires_on=None)


class DeliveryForm(PortalForm):
    """CUS-23: the delivery of a posted notice, as the post office confirmed it."""

    decision: "forms.ModelChoiceField[Any]" = forms.ModelChoiceField(
        label=_("Notice sent by post"), queryset=None
    )
    delivered_on = DatePartsField(label=_("Delivered on"), validators=[SaneDate()])

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["decision"])
        field.queryset = case.decisions.filter(
            delivery=NoticeDelivery.POST, notified_on__isnull=True
        )
