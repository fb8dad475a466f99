from decimal import Decimal
from typing import cast

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from taxportal.dates import DatePartsField
from taxportal.fields import NationalIdField
from taxportal.forms import PortalForm, PortalModelForm
from taxportal.queues import QueueForm, Sort, any_choice

from .models import Report, ReportLine, ServiceArrangement, ThirdParty
from .models.money import MONEY, MONEY_MAX
from .rules import (
    ANSWERS_REPORT_MAX_YEARS,
    DEFAULT_PAYMENT_TERM_DAYS,
    answers_period_is_allowed,
    report_period_refusal,
)

MONTH_FORMAT = "%Y-%m"
UPLOAD_EXTENSIONS = (".csv", ".xlsx")


class MonthField(forms.DateField):
    """A month as <input type=month>: the first day of that month."""

    widget = forms.DateInput(attrs={"type": "month"}, format=MONTH_FORMAT)

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", [MONTH_FORMAT, "%m/%Y"])
        super().__init__(**kwargs)


def served_choices(field: forms.Field, authority, served) -> None:
    """The third parties `authority` serves electronically, for a payment or the answers report;
    `served`, when the page already read them (in name order), are shown without a query of
    their own (the query stays, to check what is sent)."""
    third_party = cast(forms.ModelChoiceField, field)
    third_party.queryset = ThirdParty.objects.filter(arrangements__authority=authority).order_by(
        "name"
    )
    if served is not None:
        empty = [] if third_party.empty_label is None else [("", third_party.empty_label)]
        third_party.choices = empty + [
            (party.pk, third_party.label_from_instance(party)) for party in served
        ]


class ReportUploadForm(PortalForm):
    period = MonthField(label=_("Month reported"))
    file = forms.FileField(
        label=_("Report file (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(UPLOAD_EXTENSIONS)}),
    )

    def clean_period(self):
        period = self.cleaned_data["period"]
        refusal = report_period_refusal(period, timezone.localdate())
        if refusal:
            raise forms.ValidationError(refusal, code="period")
        return period

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(UPLOAD_EXTENSIONS):
            raise forms.ValidationError(_("Upload a CSV or XLSX file."), code="extension")
        if upload.size > settings.GARNISHMENT_MAX_FILE_MB * (1 << 20):
            raise forms.ValidationError(
                _("The file is larger than %(max)s MB.")
                % {"max": settings.GARNISHMENT_MAX_FILE_MB},
                code="too_large",
            )
        return upload


class RecognitionRequestForm(PortalModelForm):
    """The request for recognition: the security officer's details and the signed form 1
    (GAR-2, GAR-4)."""

    security_officer_national_id = NationalIdField(label=_("Security officer's identity number"))
    form1_signer_national_id = NationalIdField(label=_("Signer's identity number"))

    class Meta:
        model = ThirdParty
        fields = [
            "security_officer_name", "security_officer_national_id", "security_officer_email",
            "security_officer_phone", "form1_file", "form1_signer_name",
            "form1_signer_national_id", "form1_signer_role", "form1_signed_on",
            "orders_last_12_months",
        ]  # fmt: skip
        widgets = {"form1_file": forms.FileInput()}
        field_classes = {"form1_signed_on": DatePartsField}


class ServiceStopForm(PortalForm):
    cause = forms.ChoiceField(
        label=_("What happened"),
        choices=[
            ("officer", _("Our information-security officer left")),
            ("systems", _("Our systems no longer meet the conditions of form 1")),
        ],
        widget=forms.RadioSelect,
    )
    details = forms.CharField(label=_("Details"), widget=forms.Textarea(attrs={"rows": 3}))


class PaymentForm(PortalForm):
    third_party = forms.ModelChoiceField(label=_("Third party"), queryset=ThirdParty.objects.none())
    period = MonthField(label=_("Month paid for"))
    amount = forms.DecimalField(
        label=_("Amount (NIS)"),
        min_value=Decimal("0.01"),
        max_value=MONEY_MAX,
        max_digits=MONEY["max_digits"],
        decimal_places=MONEY["decimal_places"],
    )
    paid_on = DatePartsField(label=_("Paid on"))
    reference = forms.CharField(label=_("Payment reference"), max_length=100)
    advance = forms.BooleanField(
        label=_("This is an advance: more than is due for the month"),
        required=False,
        help_text=_("A payment above what the month's statement still shows due is refused "
                    "unless you confirm it as an advance."),
    )  # fmt: skip

    def __init__(self, *args, authority=None, served=None, **kwargs):
        super().__init__(*args, **kwargs)
        served_choices(self.fields["third_party"], authority, served)


class NoticeForm(PortalForm):
    """The authority tells a published third party it serves it electronically (GAR-1b), with
    any reporting and payment terms they agreed (GAR-9)."""

    third_party = forms.ModelChoiceField(
        label=_("Third party"),
        queryset=ThirdParty.objects.filter(status=ThirdParty.Status.PUBLISHED).order_by("name"),
    )
    notice_on = DatePartsField(label=_("Notice date"))
    payment_term_days = forms.IntegerField(
        label=_("Payment term (days)"), min_value=1, initial=DEFAULT_PAYMENT_TERM_DAYS
    )
    channel = forms.ChoiceField(
        label=_("Agreed channel"), choices=ServiceArrangement.Channel.choices
    )
    file_format = forms.CharField(label=_("Agreed file format"), max_length=50, required=False)
    notes = forms.CharField(
        label=_("Agreed terms"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, published=None, **kwargs):
        super().__init__(*args, **kwargs)
        third_party = cast(forms.ModelChoiceField, self.fields["third_party"])
        # Shown from two columns, read when the form is shown unless the page read them
        # (`selectors.served_and_published`); the queryset checks the choice.
        if published is None:
            published = (
                ThirdParty.objects.filter(status=ThirdParty.Status.PUBLISHED)
                .order_by("name")
                .values_list("pk", "name")
            )
        third_party.choices = lambda: [("", third_party.empty_label), *published]


class AnswersReportForm(PortalForm):
    # With a context: a bare "To" is also a letter's addressee ("לכבוד" in the customs notices).
    start = DatePartsField(label=pgettext_lazy("the start of a period", "From"))
    end = DatePartsField(label=pgettext_lazy("the end of a period", "To"))
    third_party = forms.ModelChoiceField(
        label=_("Third party"), queryset=ThirdParty.objects.none(), required=False
    )

    def __init__(self, *args, authority=None, served=None, **kwargs):
        super().__init__(*args, **kwargs)
        served_choices(self.fields["third_party"], authority, served)

    def clean(self):
        cleaned = super().clean()
        assert cleaned is not None  # Form.clean returns the cleaned data
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and not answers_period_is_allowed(start, end):
            raise forms.ValidationError(
                _("The period runs forward and covers at most %(years)d years."),
                code="period",
                params={"years": ANSWERS_REPORT_MAX_YEARS},
            )
        return cleaned


# --- The lists' search, filters and sort (taxportal.queues) ------------------------------------


class ReportQueueForm(QueueForm):
    """The third party's reports, the latest received first."""

    SORTS = {
        "received": Sort(_("Received: latest first"), ("-submitted_at", "-id")),
        "month": Sort(_("Month: latest first"), ("-period", "-id")),
    }

    processing = forms.ChoiceField(
        label=_("Processing"),
        required=False,
        choices=any_choice(_("All"), Report.Processing.choices),
    )

    field_order = ["q", "processing", "sort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].help_text = _("A month (mm/yyyy) or part of the file's name")


class LineQueueForm(QueueForm):
    """A report's lines in their order; by status, order number or debtor."""

    SORTS = {"line": Sort(_("Line number"), ("line_number",))}

    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=any_choice(_("All lines"), ReportLine.Status.choices),
    )

    field_order = ["q", "status", "sort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].help_text = _("Order number, debtor's identifier or line number")


class StatementQueueForm(QueueForm):
    """Monthly statements, the latest month first."""

    SORTS = {
        "-month": Sort(_("Month: latest first"), ("-period",)),
        "month": Sort(_("Month: earliest first"), ("period",)),
    }

    def __init__(self, *args, authority_side: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].help_text = (
            _("A month (mm/yyyy) or part of the third party's name")
            if authority_side
            else _("A month (mm/yyyy) or part of the authority's name")
        )
