"""Forms for officers, supervisors, the committee and importers. They validate input only;
the services decide."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from taxportal.dates import DatePartsField
from taxportal.fields import NationalIdField
from taxportal.forms import PortalForm, PortalModelForm
from taxportal.models import User
from taxportal.money import format_shekels
from taxportal.queues import QueueForm, Sort, any_choice
from taxportal.roles import Role
from taxportal.uploads import check_upload

from . import selectors
from .models import (
    AppealOutcome,
    CaseKind,
    CaseStatus,
    DocumentKind,
    ExtraSource,
    NoticeDelivery,
    ReleaseForm,
    SaneDate,
    UsedAbroadBasis,
    ValuationCase,
)
from .rules.ranges import MAX_AMOUNT, SCHEDULE_DAYS_AHEAD, VALUATION_DAYS_AHEAD

MONEY: dict[str, Any] = {
    "max_digits": 14,
    "decimal_places": 2,
    "min_value": 0,
    "max_value": MAX_AMOUNT,
}
REASONS = forms.Textarea(attrs={"rows": 4})


class ReasonsField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Reasons"))
        kwargs.setdefault("widget", REASONS)
        super().__init__(**kwargs)


class CaseOpenForm(PortalForm):
    """CUS-4, CUS-12: any valid identity number; the importer need not have registered online."""

    importer_national_id = NationalIdField(
        label=_("Importer's identity number"),
        help_text=_(
            "Any valid identity number. If the importer has not registered online, notices go "
            "by post until they do; then the case is in their personal area."
        ),
    )
    importer_name = forms.CharField(label=_("Importer's name"), max_length=150, required=False)
    importer_address = forms.CharField(
        label=_("Importer's postal address"),
        max_length=300,
        required=False,
        help_text=_("Needed for notices by post while the importer has not registered online."),
    )
    kind = forms.ChoiceField(label=_("Import of"), choices=CaseKind.choices)
    valuation_date = DatePartsField(
        label=_("Valuation date"), validators=[SaneDate(VALUATION_DAYS_AHEAD)]
    )


IMPORTER_FIELDS = ["importer_name", "importer_address"]
VEHICLE_FIELDS = [
    *IMPORTER_FIELDS, "valuation_date", "price_list_entry", "make", "model", "version",
    "manufacture_year",
    "first_road_date", "chassis_number", "engine_number", "engine_volume", "category",
    "collector_vehicle", "foreign_price_list_value", "used_abroad_basis", "has_invoice",
    "invoice_value", "invoice_date", "export_taxes", "export_taxes_refunded", "freight",
    "freight_origin", "insurance", "licence_fee", "other_costs", "note4_reductions",
    "damage_reduction",
]  # fmt: skip
GOODS_FIELDS = [
    *IMPORTER_FIELDS, "valuation_date", "goods_description", "tariff_item",
    "freight_excluded_by_tariff",
    "has_invoice", "invoice_value", "invoice_date", "export_taxes", "export_taxes_refunded",
    "freight", "insurance", "other_costs", "price_abroad", "israeli_price", "israeli_price_net",
    "data_doubtful", "used_depreciation_percent",
]  # fmt: skip
HELP = {
    "freight": _("Leave empty without proof of the freight cost: the freight table applies."),
    "first_road_date": _("Leave empty when unknown: usage counts from 1 April of the year."),
    "price_list_entry": _("Leave empty when the model is not listed (customs appraiser)."),
    "export_taxes": _(
        "Only the export country's taxes itemised on the invoice, entered here and not in the "
        "invoice price. Part of the value unless their refund is proven (CUS-6)."
    ),
    "invoice_date": _("Needed to value a vehicle used abroad by the invoice (CUS-13)."),
    "damage_reduction": _("Set from the appraiser's opinion; repair costs are never deducted."),
    "used_depreciation_percent": _("Above the policy's threshold the supervisor must approve."),
    "invoice_value": _(
        "The invoice price without (net of) the taxes itemised on it: enter those taxes below, "
        "not here. In shekels, as converted on the valuation date."
    ),
}


class CaseDataForm(PortalModelForm):
    """The officer's record of a case: vehicle or goods fields, and why they changed."""

    invoice_total = forms.DecimalField(
        label=_("Invoice total as printed, its taxes included (a check)"),
        required=False,
        help_text=_("Optional: the price above and the taxes itemised must add up to it."),
        **MONEY,
    )
    reason = forms.CharField(
        label=_("What changed and on what evidence"), max_length=300, required=True
    )

    class Meta:
        model = ValuationCase
        fields = list(dict.fromkeys([*VEHICLE_FIELDS, *GOODS_FIELDS]))
        field_classes = {
            "valuation_date": DatePartsField,
            "first_road_date": DatePartsField,
            "invoice_date": DatePartsField,
        }
        help_texts = HELP

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        wanted = VEHICLE_FIELDS if self.instance.is_vehicle else GOODS_FIELDS
        for name in list(self.fields):
            if name not in wanted and name not in ("reason", "invoice_total"):
                del self.fields[name]
        if "price_list_entry" in self.fields:
            field = cast(forms.ModelChoiceField, self.fields["price_list_entry"])
            assert field.queryset is not None  # a model form's choice field has its queryset
            field.queryset = field.queryset.filter(
                pk__in=[p.pk for p in selectors.price_list(self.instance.valuation_date)]
            )

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean returns the cleaned data
        if data.get("has_invoice") and data.get("invoice_value") is None:
            self.add_error("invoice_value", _("Give the invoice value, or untick the invoice."))
        self._check_invoice_total(data)
        valuation_date = data.get("valuation_date") or self.instance.valuation_date
        for name in ("first_road_date", "invoice_date"):
            if data.get(name) and valuation_date and data[name] > valuation_date:
                self.add_error(name, _("This date is after the valuation date."))
        year = data.get("manufacture_year")
        if year and valuation_date and year > valuation_date.year + 1:
            self.add_error("manufacture_year", _("This year is after the valuation date."))
        if (
            data.get("used_abroad_basis") == UsedAbroadBasis.INVOICE_ADJUSTED
            and not data.get("invoice_date")
            and "invoice_date" not in self.errors
        ):
            self.add_error(
                "invoice_date",
                _("Give the invoice date: the depreciation for the use abroad is counted from "
                  "the purchase (CUS-13)."),
            )  # fmt: skip
        return data

    def _check_invoice_total(self, data) -> None:
        """CUS-6: a gross invoice entered as the price would count its taxes twice."""
        total, net = data.get("invoice_total"), data.get("invoice_value")
        if total is None or net is None:
            return
        taxes = data.get("export_taxes") or 0
        if net + taxes != total:
            self.add_error(
                "invoice_value",
                _("The price without taxes (%(net)s) and the taxes itemised (%(taxes)s) do not "
                  "add up to the invoice total (%(total)s). Was the price entered with its taxes?")
                % {
                    "net": format_shekels(net),
                    "taxes": format_shekels(taxes),
                    "total": format_shekels(total),
                },
            )  # fmt: skip

    def changes(self) -> dict:
        ignored = {"reason", "invoice_total"}
        return {name: self.cleaned_data[name] for name in self.changed_data if name not in ignored}


class PaperDocumentForm(PortalForm):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    note = forms.CharField(label=_("Received how and where"), max_length=200)


class CheckedFileField(forms.FileField):
    """A PDF, JPEG or PNG by its content, within the size limit (taxportal.uploads)."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            check_upload(upload)
        return upload


class UploadForm(PortalForm):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    file = CheckedFileField(label=_("File (PDF, JPEG or PNG)"))


class ExtraForm(PortalForm):
    extra: "forms.ModelChoiceField[Any]" = forms.ModelChoiceField(
        label=_("Optional extra"), queryset=None
    )
    source = forms.ChoiceField(label=_("Found by"), choices=ExtraSource.choices)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import OptionalExtra

        ids = [e.pk for e in selectors.optional_extras(case.valuation_date)]
        field = cast(forms.ModelChoiceField, self.fields["extra"])
        field.queryset = OptionalExtra.objects.filter(pk__in=ids)


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


class AnswerForm(PortalForm):
    text = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 6}))
    file = CheckedFileField(label=_("Attach a document (optional)"), required=False)


class AppealFileForm(PortalForm):
    grounds = forms.CharField(
        label=_("All your grounds of appeal"), widget=forms.Textarea(attrs={"rows": 6})
    )
    file = CheckedFileField(label=_("Attach a document (optional)"), required=False)


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


class CaseQueueForm(QueueForm):
    """The officers' queue: the cases needing attention first, then by the next deadline."""

    SORTS = {
        selectors.ATTENTION_FIRST: Sort(_("Needing attention first, then the next deadline")),
        "deadline": Sort(_("Next deadline: soonest first")),
        "status": Sort(_("Status, then the next deadline")),
        "newest": Sort(_("Newest case first")),
    }

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=any_choice(_("All open cases"), CaseStatus.choices),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=any_choice(_("All"), CaseKind.choices)
    )

    field_order = ["q", "status", "kind", "sort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].help_text = _(
            "Case number, importer's identity number or name, or part of the chassis number"
        )


class AppealQueueForm(QueueForm):
    """The committee's appeals, the longest waiting first."""

    SORTS = {
        "forwarded": Sort(_("Forwarded: longest waiting first"), ("forwarded_at", "id")),
        "-forwarded": Sort(_("Forwarded: most recent first"), ("-forwarded_at", "-id")),
        "filed": Sort(_("Filed: earliest first"), ("filed_at", "id")),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].help_text = _("Case number, importer's identity number or name")
