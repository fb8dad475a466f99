"""What the customs forms share: the money field's limits, the reasons box, a checked upload."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from taxportal.uploads import check_upload

from ..rules.ranges import MAX_AMOUNT

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


class CheckedFileField(forms.FileField):
    """A PDF, JPEG or PNG by its content, within the size limit (taxportal.uploads)."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            check_upload(upload)
        return upload
