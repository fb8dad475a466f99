"""Issue 16: every error says what to do for that field, in the reader's language, instead of
Django's "This field is required"; uploads say what the file must be; the password rules speak
to citizens (who have no user name) in Hebrew as in English."""

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from garnishment.forms import AnswersReportForm
from parking_badges.forms import ApplicationForm, DecisionForm
from registration.forms import SetPasswordForm
from taxportal.forms import PortalForm
from taxportal.uploads import PDF, check_upload


class Everything(PortalForm):
    name = forms.CharField(label="Vehicle owner's name")
    kind = forms.ChoiceField(label="Kind of import", choices=[("a", "A")])
    scan = forms.FileField(label="Signed form 1")
    agree = forms.BooleanField(label="I confirm the details are true")
    passport = forms.TypedChoiceField(
        label="Do you hold a valid passport?", choices=[("y", "Yes")], widget=forms.RadioSelect
    )
    amount = forms.DecimalField(label="Invoice amount")
    count = forms.IntegerField(label="Number of vehicles")
    day = forms.DateField(label="Date of release")
    email = forms.EmailField(label="E-mail", required=False)
    own = forms.CharField(label="Reference", error_messages={"required": "Give the reference."})


def errors(form_class, data=None, files=None, **kwargs) -> dict:
    form = form_class(data or {}, files or {}, **kwargs)
    form.is_valid()
    return {name: list(messages) for name, messages in form.errors.items()}


def test_issue_16_each_kind_of_field_says_what_to_do():
    with translation.override("en"):
        found = errors(Everything)
    assert found["name"] == ["Enter vehicle owner's name"]
    assert found["kind"] == ["Choose kind of import"]
    assert found["scan"] == ["Choose the file: signed form 1"]
    assert found["agree"] == ["Tick the box to confirm: I confirm the details are true"]
    assert found["passport"] == ["Choose yes or no: Do you hold a valid passport?"]
    assert found["own"] == ["Give the reference."]  # the author's own wording stays


def test_issue_16_wrong_values_say_what_a_right_one_looks_like():
    data = {"amount": "a lot", "count": "2.5", "day": "31/02/2026", "email": "dana@"}
    with translation.override("en"):
        found = errors(Everything, data)
    assert found["amount"] == ["Enter invoice amount as an amount, like 1250.50"]
    assert found["count"] == ["Enter number of vehicles as a whole number"]
    assert found["day"] == ["Enter date of release as a real date, like 27/03/2026"]
    assert found["email"] == ["Enter an e-mail address in the correct form, like name@example.com"]


def test_issue_16_no_generic_required_message_on_a_real_form_in_either_language():
    for language in ("en", "he"):
        with translation.override(language):
            found = errors(ApplicationForm)
            generic = str(forms.Field.default_error_messages["required"])
        assert found and all(generic not in messages for messages in found.values()), found
    with translation.override("en"):
        found = errors(ApplicationForm)
    assert found["national_id"] == ["Enter the applicant's identity number"]
    assert found["documents"] == ["Attach the medical documents: a PDF or a scan"]
    with translation.override("he"):
        found = errors(ApplicationForm)
    assert found["national_id"] == ["יש להזין את מספר הזהות של המבקש"]


def test_issue_16_the_doctor_is_told_to_choose_a_decision():
    with translation.override("en"):
        found = errors(DecisionForm)
    assert found["outcome"] == [
        "Choose whether the application is approved, rejected or needs more information"
    ]


def test_issue_16_an_upload_says_what_the_file_must_be():
    text = SimpleUploadedFile("report.txt", b"just text", content_type="application/pdf")
    with translation.override("en"), pytest.raises(forms.ValidationError) as refusal:
        check_upload(text, allowed=(PDF,))
    assert refusal.value.messages == ["The selected file “report.txt” must be a PDF."]
    with translation.override("he"), pytest.raises(forms.ValidationError) as refusal:
        check_upload(text)
    assert refusal.value.messages == ["הקובץ שנבחר „report.txt” חייב להיות PDF, JPEG או PNG."]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "password, english, hebrew",
    [
        (
            "534640974a",
            "The password is too like your own details (identity number, name or e-mail "
            "address): choose one that has nothing to do with them.",
            "הסיסמה דומה מדי לפרטים שלך",
        ),
        ("Ab1", "The password must be at least 8 characters long.", "לפחות 8 תווים"),
        ("12345678", "The password cannot be digits only: add letters.", "ספרות בלבד"),
        ("password", "This password is one of the most common ones", "הנפוצות ביותר"),
    ],
)
def test_issue_16_password_rules_speak_to_citizens(password, english, hebrew):
    data = {"password1": password, "password2": password}
    with translation.override("en"):
        found = " ".join(errors(SetPasswordForm, data, national_id="534640974")["password1"])
    assert english in found
    assert "user name" not in found and "username" not in found
    with translation.override("he"):
        found = " ".join(errors(SetPasswordForm, data, national_id="534640974")["password1"])
    assert hebrew in found
    assert not any("a" <= c.lower() <= "z" for c in found.replace("password", ""))


def test_issue_16_password_help_is_in_the_readers_language():
    with translation.override("he"):
        help_text = str(SetPasswordForm(national_id="534640974").fields["password1"].help_text)
    assert "יש להשתמש ב־8 תווים לפחות" in help_text


@pytest.mark.django_db
def test_issue_16_the_answers_report_end_date_is_not_a_letters_addressee():
    with translation.override("he"):
        form = AnswersReportForm(authority=None)
        labels = (str(form.fields["start"].label), str(form.fields["end"].label))
    assert labels == ("מתאריך", "עד תאריך")


class Grown(PortalForm):
    """A form that adds a field once built, as the forms with a field per reference row do."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plate"] = forms.CharField(label="Vehicle number")


def test_issue_16_a_field_added_once_the_form_is_built_says_what_to_do_too():
    with translation.override("en"):
        found = errors(Grown)
    assert found["plate"] == ["Enter vehicle number"]


def test_issue_16_a_form_only_shown_keeps_its_fields_as_built():
    """An unbound form is never validated: nothing is written for it (the cost saved on every
    page showing an empty form); once bound and validated, it says what to do."""
    shown = Everything()
    generic = str(forms.Field.default_error_messages["required"])
    shown.as_div()
    assert str(shown.fields["name"].error_messages["required"]) == generic
    with translation.override("en"):
        assert errors(Everything)["name"] == ["Enter vehicle owner's name"]
