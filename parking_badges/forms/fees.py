"""The fee desk: licence periods, exemptions, transfers, differences and refunds."""

from django import forms
from django.utils.translation import gettext_lazy as _

from taxportal.dates import DatePartsField
from taxportal.fields import MobilePhoneField, NationalIdField
from taxportal.forms import PortalForm

from .. import rules
from ..choices import OwnerRelation, RefundKind, TransferCause, TransferFeePayer
from .fields import FeeAmountField, HolderField, VehicleNumberField, today


class VehicleLookupForm(PortalForm):
    number = VehicleNumberField()


class LicencePeriodForm(PortalForm):
    valid_from = DatePartsField(label=_("Valid from"))
    valid_until = DatePartsField(label=_("Valid until"))
    amount_paid = FeeAmountField(label=_("Amount paid (NIS)"))
    regular_annual_fee = FeeAmountField(
        label=_("Regular annual fee of the vehicle's group (NIS)"), required=False
    )
    tariff_code = forms.CharField(label=_("Tariff code"), max_length=2, required=False)
    paid_on = DatePartsField(label=_("Paid on"), required=False)

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
    starts_on = DatePartsField(label=_("Exempt from"), initial=today)
    reason = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea({"rows": 2}))


class TransferForm(PortalForm):
    seller = HolderField(label=_("Disabled seller's identity number"))
    cause = forms.ChoiceField(label=_("Cause"), choices=TransferCause.choices)
    buyer_national_id = NationalIdField(label=_("Buyer's identity number"))
    buyer_name = forms.CharField(label=_("Buyer's name"), max_length=200)
    buyer_phone = MobilePhoneField(label=_("Buyer's mobile phone"), required=False)
    buyer_email = forms.EmailField(label=_("Buyer's e-mail"), required=False)
    transferred_on = DatePartsField(label=_("Transfer date"), initial=today)
    transfer_fee_payer = forms.ChoiceField(
        label=_("Who pays the transfer fee (as the parties agreed)"),
        choices=TransferFeePayer.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea({"rows": 2}))


class DifferencePaymentForm(PortalForm):
    paid_on = DatePartsField(label=_("Paid on"), initial=today)
    payment_reference = forms.CharField(label=_("Payment reference"), max_length=50)


class RefundRequestForm(PortalForm):
    person = HolderField(label=_("Disabled person's identity number"))
    kind = forms.ChoiceField(label=_("Kind"), choices=RefundKind.choices, widget=forms.RadioSelect)
    owner_relation = forms.ChoiceField(
        label=_("The vehicle is registered to"), choices=OwnerRelation.choices
    )
    requested_on = DatePartsField(label=_("Request date"), initial=today)
    approving_body = forms.ChoiceField(
        label=_("Determined by"),
        choices=[(body.value, body.label) for body in rules.REFUND_DETERMINING_BODIES],
    )
    approval_date = DatePartsField(label=_("Approved on"))
    earlier_recognition_date = DatePartsField(
        label=_("Earlier National Insurance / Ministry of Health recognition"),
        help_text=_("Eligibility is checked back up to 12 months before the determination."),
        required=False,
    )
    disability_start = DatePartsField(label=_("Disability started on"), required=False)
    ownership_date = DatePartsField(label=_("Owner since"))
    lease_from = DatePartsField(label=_("Lease from"), required=False)
    lease_until = DatePartsField(label=_("Lease until"), required=False)
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
    paid_on = DatePartsField(label=_("Paid on"), initial=today)
