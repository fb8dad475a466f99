"""The wizard's forms. They check what can be checked without the records; the answers
themselves are compared by the services, never here."""

import phonenumbers
from django import forms
from django.contrib.auth import password_validation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from taxportal.dates import DatePartsField
from taxportal.fields import NationalIdField
from taxportal.forms import PortalForm
from taxportal.models import User

from . import rules
from .models import Action, Channel

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class RadioGroup(forms.RadioSelect):
    """Radio buttons whose field id is the first option's, so the error summary's link for the
    group leads to (and focuses) its first option instead of nowhere."""

    def id_for_label(self, id_, index="0"):
        return super().id_for_label(id_, index)


class EntryMethod:
    NATIONAL_ID = "national_id"
    SMART_CARD = "smart_card"
    CHOICES = [
        (NATIONAL_ID, _("Identity number")),
        (SMART_CARD, _("Smart card of an authorising party")),
    ]


def _text(label, **kwargs):
    kwargs.setdefault("required", False)
    kwargs.setdefault("max_length", 40)
    field = forms.CharField(label=label, **kwargs)
    field.widget.attrs.update({"autocomplete": "off", "dir": "ltr"})
    return field


def _number(label, **kwargs):
    field = _text(label, **kwargs)
    field.widget.attrs["inputmode"] = "numeric"
    return field


class EntryForm(PortalForm):
    """REG-1 to REG-4: who, how, and what for."""

    method = forms.ChoiceField(
        label=_("Entry method"),
        choices=EntryMethod.CHOICES,
        initial=EntryMethod.NATIONAL_ID,
        widget=RadioGroup,
    )
    national_id = NationalIdField(required=False)
    action = forms.ChoiceField(
        label=_("Requested action"),
        choices=Action.choices,
        initial=Action.REGISTER,
        widget=RadioGroup,
    )

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean returns the cleaned data
        missing = not data.get("national_id") and "national_id" not in self.errors
        if data.get("method") == EntryMethod.NATIONAL_ID and missing:
            self.add_error("national_id", _("Enter your identity number."))
        return data


def _high_field(kind: str) -> forms.Field:
    """The field that asks one high-level question (REG-6)."""
    if kind == "phone_password":
        return _text(_("Phone password given at a tax office"))
    labels = {
        "work_grant_claim_number": _("Work-grant claim number"),
        "income_tax_refund_amount": _("Amount of the last income-tax refund paid to you (₪)"),
        "assessment_number": _("Number of the last tax-assessment notice sent to you"),
    }
    return _number(labels[kind])


class HighQuestionsForm(PortalForm):
    """REG-6, REG-7: answer one question of the set shown, or tick that you have no answers."""

    no_answers = forms.BooleanField(label=_("I have no answers to these questions"), required=False)

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = kinds
        for kind in kinds:
            self.fields[kind] = _high_field(kind)
        self.order_fields([*kinds, "no_answers"])

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean returns the cleaned data
        answered = any(rules.is_answered(data, kind) for kind in self.kinds)
        if answered and data.get("no_answers"):
            raise forms.ValidationError(
                _("Either answer a question or tick “I have no answers to these questions”."),
                code="answer_and_tick",
            )
        return data


class LowItemsForm(PortalForm):
    """REG-8: two of the three items."""

    id_issue_date = DatePartsField(
        label=_("Identity card issue date"),
        required=False,
        allow_future=False,
        help_text=_("As printed on your identity card, for example 1 2 2015."),
    )
    driving_licence_number = _number(_("Driving-licence number"))
    passport_number = _text(_("Passport number"))

    def clean_id_issue_date(self):
        """Kept in the wizard's session as text (yyyy-mm-dd), like the other answers."""
        value = self.cleaned_data["id_issue_date"]
        return value.isoformat() if value else ""

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean returns the cleaned data
        if not self.errors and rules.low_items_entered(data) == 0:
            raise forms.ValidationError(
                _(
                    "Enter two of the three items. If you enter only one, you will get a new "
                    "set of questions instead of the second."
                ),
                code="two_of_three",
            )
        return data


VAT_PERIODS = [("1", _("Monthly")), ("2", _("Bi-monthly"))]
MONTHS = [(str(m), f"{m:02d}") for m in range(1, 13)]


def _further_fields(kind: str) -> dict[str, forms.Field]:
    """The field(s) that ask one further question (REG-9)."""
    if kind == "valid_passport":
        return {
            kind: forms.ChoiceField(
                label=_("Do you hold a valid passport?"), choices=YES_NO, widget=RadioGroup
            )
        }
    if kind == "vat_report":
        return {
            "vat_report_period": forms.ChoiceField(
                label=_("Last VAT report: period"), choices=VAT_PERIODS
            ),
            "vat_report_month": forms.ChoiceField(
                label=_("Last VAT report: month"), choices=MONTHS
            ),
            "vat_report_year": _number(_("Last VAT report: year"), required=True, max_length=4),
            "vat_report_amount": _number(_("Last VAT report: amount (₪)"), required=True),
        }
    labels = {
        "vehicle_number": _("Number of a vehicle you own"),
        "parent_national_id": _("Identity number of one of your parents"),
        "income_tax_refund_account": _(
            "Bank account into which an income-tax refund was once paid"
        ),
        "income_tax_advance": _("Last amount paid on account of income-tax advances (₪)"),
        "vat_refund_account": _("Bank account into which a VAT refund was paid"),
        "vat_turnover": _("Last VAT turnover (₪)"),
        "real_estate_report_code": _("Real-estate taxation online report code"),
    }
    return {kind: _number(labels[kind], required=True)}


class FurtherQuestionsForm(PortalForm):
    """REG-9: the two further questions drawn for this attempt."""

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds:
            self.fields.update(_further_fields(kind))


def normalize_mobile(value: str) -> str:
    """An Israeli mobile number in international form, or ValidationError (REG-12)."""
    try:
        number = phonenumbers.parse(value, "IL")
    except phonenumbers.NumberParseException:
        number = None
    if (
        number is None
        or number.country_code != 972
        or not phonenumbers.is_valid_number(number)
        or phonenumbers.number_type(number)
        not in (
            phonenumbers.PhoneNumberType.MOBILE,
            phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        )
    ):
        raise forms.ValidationError(
            _("Enter an Israeli mobile number, for example 050-234-5678."), code="mobile"
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class ContactForm(PortalForm):
    """REG-12 to REG-16: where the code and messages go, consents and the terms."""

    mobile = forms.CharField(
        label=_("Mobile phone number"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel", "dir": "ltr"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )
    channel = forms.ChoiceField(
        label=_("I want to receive the user code, passwords and personal messages"),
        choices=Channel.choices,
        widget=RadioGroup,
        error_messages={"required": _("Choose how to receive the user code: SMS or e-mail.")},
    )
    consent_sms = forms.ChoiceField(
        label=_("Further messages after registration by SMS to the mobile number above"),
        choices=YES_NO,
        widget=RadioGroup,
        error_messages={"required": _("Answer yes or no for further SMS messages.")},
    )
    consent_email = forms.ChoiceField(
        label=_("Further messages after registration by e-mail to the address above"),
        choices=YES_NO,
        widget=RadioGroup,
        error_messages={"required": _("Answer yes or no for further e-mail messages.")},
    )
    terms = forms.BooleanField(
        label=_("I accept the terms of joining."),
        required=True,
        error_messages={"required": _("To register, tick that you accept the terms of joining.")},
    )

    def __init__(self, *args, with_terms=True, profile=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.profile = profile
        if not with_terms:
            del self.fields["terms"]

    def clean_mobile(self):
        value = self.cleaned_data["mobile"].strip()
        return normalize_mobile(value) if value else ""

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean returns the cleaned data
        typed_wrongly = "mobile" in self.errors or "email" in self.errors
        if not typed_wrongly and not data.get("mobile") and not data.get("email"):
            raise forms.ValidationError(
                _("Enter a mobile phone number and/or an e-mail address (both are recommended)."),
                code="no_contact",
            )
        if self.errors:
            return data
        channel = data.get("channel")
        if channel == Channel.SMS and not data.get("mobile"):
            self.add_error("mobile", _("You chose SMS: enter the mobile number."))
        if channel == Channel.EMAIL and not data.get("email"):
            self.add_error("email", _("You chose e-mail: enter the e-mail address."))
        if data.get("consent_sms") == "yes" and not data.get("mobile"):
            self.add_error("consent_sms", _("To receive SMS messages, enter the mobile number."))
        if data.get("consent_email") == "yes" and not data.get("email"):
            self.add_error("consent_email", _("To receive e-mail messages, enter the address."))
        if self.profile is not None:
            in_use = self.profile.channel
            field = "mobile" if in_use == Channel.SMS else "email"
            if not data.get(field) and self.profile.detail_of(in_use):
                self.add_error(
                    field,
                    _(
                        "Messages now go to this detail. To remove it, first choose the other "
                        "channel and confirm it by its link."
                    ),
                )
        return data


class UserCodeForm(PortalForm):
    user_code = forms.CharField(
        label=_("User code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "dir": "ltr"}),
    )


class SetPasswordForm(PortalForm):
    """REG-20: Django's password validators decide what a good password is."""

    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        # In the reader's language: made when shown, not when the module is imported.
        help_text=lazy(password_validation.password_validators_help_text_html, str)(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, national_id: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.national_id = national_id

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean returns the cleaned data
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        if first:
            try:
                password_validation.validate_password(
                    first, User(username=self.national_id, national_id=self.national_id)
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class CitizenLoginForm(PortalForm):
    national_id = NationalIdField()
    user_code = forms.CharField(
        label=_("User code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "username", "dir": "ltr"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
