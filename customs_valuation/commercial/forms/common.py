"""What the forms of part 2.2 share: the widgets, an amount field, a text field, a yes/no/unknown
field."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})
LTR = {"dir": "ltr"}
AMOUNT: dict[str, Any] = {
    "max_digits": 16,
    "decimal_places": 2,
    "min_value": 0,
    "widget": forms.NumberInput(attrs={"step": "0.01", **LTR}),
}
YES_NO_UNKNOWN = [("", _("Not known")), ("yes", _("Yes")), ("no", _("No"))]


def amount(label, required=True, **extra):
    return forms.DecimalField(label=label, required=required, **(AMOUNT | extra))


def text(label, required=True, max_length=2000, **extra):
    return forms.CharField(
        label=label, required=required, max_length=max_length, widget=TEXT, **extra
    )


class YesNoField(forms.TypedChoiceField):
    """Yes, no, or not known (None)."""

    def __init__(self, **kwargs):
        super().__init__(
            choices=YES_NO_UNKNOWN,
            required=False,
            empty_value=None,
            coerce=lambda v: {"yes": True, "no": False}.get(v),
            **kwargs,
        )
