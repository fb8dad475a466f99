"""The fee desk: licence periods, exemptions, transfers, differences and refunds."""

from django import forms
from django.utils.translation import gettext_lazy as _

from taxportal.fields import MobilePhoneField, NationalIdField
from taxportal.forms import PortalForm

from .. import rules
from ..choices import OwnerRelation, RefundKind, TransferCause, TransferFeePayer
from .fields import DateInput, FeeAmountField, HolderField, VehicleNumberField, today


class VehicleLookupForm(PortalForm):
    number = VehicleNumberField()


class LicencePeriodForm(PortalForm):
    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput())
    valid_until = forms.DateField(label=_("Valid until"), widget=DateInput())
    amount_paid = FeeAmountField(label=_("Amount paid (NIS)"))
    regular_annual_fee = FeeAmountField(
        label=_("Regular annual fee of the vehicle's group (NIS)"), required=False
    )
    tariff_code = forms.CharField(label=_("Tariff code"), max_length=2, required=False)
    paid_on = forms.DateField(label=_("Paid on"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean returns the cleaned data
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The period must end after it starts."))
        return data


class ExemptionForm(PortalForm):
    person = HolderField(label=_("Holder's identity number"))
    owner_relation = forms.ChoiceField(
        label=_("The vehicle is registered to"),
        choices=[c for c in OwnerRelation.choices if c[0] != OwnerRelation.PARENT],
    )
    starts_on = forms.DateField(label=_("Exempt from"), initial=today, widget=DateInput())
    reason = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea({"rows": 2}))


class TransferForm(PortalForm):
    seller = HolderField(label=_("Disabled seller's identity number"))
    cause = forms.ChoiceField(label=_("Cause"), choices=TransferCause.choices)
    buyer_national_id = NationalIdField(label=_("Buyer's identity number"))
    buyer_name = forms.CharField(label=_("Buyer's name"), max_length=200)
    buyer_phone = MobilePhoneField(label=_("Buyer's mobile phone"), required=False)
    buyer_email = forms.EmailField(label=_("Buyer's e-mail"), required=False)
    transferred_on = forms.DateField(label=_("Transfer date"), initial=today, widget=DateInput())
    transfer_fee_payer = forms.ChoiceField(
        label=_("Who pays the transfer fee (as the parties agreed)"),
        choices=TransferFeePayer.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea({"rows": 2}))


class DifferencePaymentForm(PortalForm):
    paid_on = forms.DateField(label=_("Paid on"), initial=today, widget=DateInput())
    payment_reference = forms.CharField(label=_("Payment reference"), max_length=50)


class RefundRequestForm(PortalForm):
    person = HolderField(label=_("Disabled person's identity number"))
    kind = forms.ChoiceField(label=_("Kind"), choices=RefundKind.choices, widget=forms.RadioSelect)
    owner_relation = forms.ChoiceField(
        label=_("The vehicle is registered to"), choices=OwnerRelation.choices
    )
    requested_on = forms.DateField(label=_("Request date"), initial=today, widget=DateInput())
    approving_body = forms.ChoiceField(
        label=_("Determined by"),
        choices=[(body.value, body.label) for body in rules.REFUND_DETERMINING_BODIES],
    )
    approval_date = forms.DateField(label=_("Approved on"), widget=DateInput())
    earlier_recognition_date = forms.DateField(
        label=_("Earlier National Insurance / Ministry of Health recognition"),
        help_text=_("Eligibility is checked back up to 12 months before the determination."),
        required=False,
        widget=DateInput(),
    )
    disability_start = forms.DateField(
        label=_("Disability started on"), required=False, widget=DateInput()
    )
    ownership_date = forms.DateField(label=_("Owner since"), widget=DateInput())
    lease_from = forms.DateField(label=_("Lease from"), required=False, widget=DateInput())
    lease_until = forms.DateField(label=_("Lease until"), required=False, widget=DateInput())
    lease_documents_checked = forms.BooleanField(
        label=_(
            "Original purchase contract copied, the company's letter (financing deal from month "
            "to month) and the original identity document checked"
        ),
        required=False,
    )


class RefundDecisionForm(PortalForm):
    note = forms.CharField(
        label=_("Decision note"), required=False, widget=forms.Textarea({"rows": 2})
    )


class RefundPaidForm(PortalForm):
    paid_on = forms.DateField(label=_("Paid on"), initial=today, widget=DateInput())
