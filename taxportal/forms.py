"""Forms in the GOV.UK manner (issue 16): every error says what to do, for that field.

Django answers an empty required field with "This field is required." whatever the field is;
`PortalForm` (and `PortalModelForm`) replace Django's generic messages, field by field and by
the kind of field, when the form's author did not write one:

- a field to type in:           "Enter <label>";
- a choice (radios, a list):    "Choose <label>";
- a yes/no question (radios):   "Choose yes or no: <the question?>";
- a box to tick:                "Tick the box to confirm: <label>";
- a file:                       "Choose the file: <label>" (and uploads.py says what kind it
                                must be: "The file must be a PDF");
- a number, an amount, a date:  "Enter <label> as a number / an amount / a real date ...".

A form can give its own wording for a field in `required_messages` ({"national_id": _("Enter
the applicant's identity number")}), as GOV.UK writes them; the generic wording is the rule
for the rest. Messages are made when the form is built, in the reader's language.
"""

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DJANGO_REQUIRED = "This field is required."


def _label(field: forms.Field, name: str) -> str:
    text = str(field.label or name.replace("_", " ")).strip().rstrip(":?").strip()
    # "Identity number" reads "Enter identity number"; an acronym ("VAT number") and "I" stay.
    first_word = text.split(" ", 1)[0]
    if len(first_word) > 1 and first_word[0].isupper() and not first_word[1].isupper():
        text = text[0].lower() + text[1:]
    return text


def _is_question(field: forms.Field) -> bool:
    return str(field.label or "").rstrip().endswith("?")


def _choice_widget(field: forms.Field) -> bool:
    return isinstance(field, forms.ChoiceField | forms.ModelChoiceField) or isinstance(
        field.widget, forms.RadioSelect | forms.Select | forms.CheckboxSelectMultiple
    )


def required_message(field: forms.Field, name: str) -> str:
    label = _label(field, name)
    if isinstance(field, forms.FileField):
        return _("Choose the file: %(label)s") % {"label": label}
    if isinstance(field, forms.BooleanField) and not isinstance(field, forms.NullBooleanField):
        return _("Tick the box to confirm: %(label)s") % {"label": label}
    if isinstance(field, forms.NullBooleanField | forms.TypedChoiceField) and _is_question(field):
        return _("Choose yes or no: %(question)s") % {"question": str(field.label).strip()}
    if _choice_widget(field) or isinstance(field, forms.NullBooleanField):
        return _("Choose %(label)s") % {"label": label}
    return _("Enter %(label)s") % {"label": label}


def invalid_message(field: forms.Field, name: str) -> str | None:
    label = _label(field, name)
    if isinstance(field, forms.DateTimeField):
        return _("Enter %(label)s as a real date and time, like 27/03/2026 14:30") % {
            "label": label
        }
    if isinstance(field, forms.DateField):
        return _("Enter %(label)s as a real date, like 27/03/2026") % {"label": label}
    if isinstance(field, forms.DecimalField):
        return _("Enter %(label)s as an amount, like 1250.50") % {"label": label}
    if isinstance(field, forms.IntegerField):
        return _("Enter %(label)s as a whole number") % {"label": label}
    if isinstance(field, forms.EmailField):
        return _("Enter an e-mail address in the correct form, like name@example.com")
    return None


class GovukErrorsMixin:
    """Replace Django's generic field messages with ones that say what to do. They are written
    when a bound form is first validated: an unbound form (a page's empty search or action
    form) is never validated, and writing them cost a quarter of a millisecond a form."""

    required_messages: "dict[str, StrOrPromise]" = {}
    _messages_written = False

    def full_clean(self):
        if self.is_bound and not self._messages_written:  # type: ignore[attr-defined]
            self._write_messages()
        super().full_clean()  # type: ignore[misc]

    def _write_messages(self) -> None:
        self._messages_written = True
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            messages = dict(field.error_messages)
            if name in self.required_messages:
                messages["required"] = str(self.required_messages[name])
            elif str(messages.get("required")) == _(DJANGO_REQUIRED):
                messages["required"] = required_message(field, name)
            invalid = invalid_message(field, name)
            default_invalid = type(field).default_error_messages.get("invalid")
            if invalid and str(messages.get("invalid")) == str(default_invalid):
                messages["invalid"] = invalid
            if isinstance(field, forms.ChoiceField) and "invalid_choice" in messages:
                # Django fills in %(value)s: a "%" in the label must not be read as a field.
                messages["invalid_choice"] = _("Choose one of the options for %(label)s") % {
                    "label": _label(field, name).replace("%", "%%")
                }
            if isinstance(field, forms.FileField):
                messages["empty"] = _("The selected file is empty")
                messages["invalid"] = messages["missing"] = _("Choose a file to upload")
            field.error_messages = messages


class PortalForm(GovukErrorsMixin, forms.Form):
    """Every form of the portal: errors that say what to do (see the module)."""


class PortalModelForm(GovukErrorsMixin, forms.ModelForm):
    """Every model form of the portal: errors that say what to do (see the module)."""
