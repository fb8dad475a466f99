"""Dates typed as three boxes, day, month and year, in that order (the GOV.UK "date input").

One box with a browser's date picker or a "ddmmyyyy" mask fails people: pickers differ between
browsers and screen readers, and a mask hides which part is wrong. Three labelled boxes let a
person type the date as written on their card, and each wrong part gets its own message
("The month must be between 1 and 12", "31/02/2027 does not exist").

`DatePartsField` gives a `date` (or None when left empty and not required). A script, or a page
saved before the three boxes, may still post one value under the field's name (27/03/2026,
2026-03-27 or 27032026): it is split into the same three parts and checked the same way.
"""

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

PARTS = ("day", "month", "year")
_DIGITS = re.compile(r"[0-9]+")  # ASCII only: str.isdigit() also takes "²" and "٢"
PART_LABELS = {"day": _("Day"), "month": _("Month"), "year": _("Year")}
_ONE_VALUE = re.compile(
    r"^\s*(\d{1,2})\D(\d{1,2})\D(\d{4})\s*$|^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$"
)


def split_date_text(text: str) -> list[str]:
    """One typed value as [day, month, year]; text in no known form goes into the day, so it is
    refused as "not a number" rather than silently dropped."""
    text = str(text).strip()
    if len(text) == 8 and text.isdigit():
        return [text[:2], text[2:4], text[4:]]
    match = _ONE_VALUE.match(text)
    if not match:
        return [text, "", ""] if text else ["", "", ""]
    d, m, y, iso_y, iso_m, iso_d = match.groups()
    return [d, m, y] if d else [iso_d, iso_m, iso_y]


def _missing_message(missing: list[str]) -> str:
    messages = {
        ("day",): _("%(label)s must include a day"),
        ("month",): _("%(label)s must include a month"),
        ("year",): _("%(label)s must include a year"),
        ("day", "month"): _("%(label)s must include a day and a month"),
        ("day", "year"): _("%(label)s must include a day and a year"),
        ("month", "year"): _("%(label)s must include a month and a year"),
    }
    return str(messages[tuple(missing)])


def parse_date_parts(day: str, month: str, year: str, *, label: str) -> date:
    """The date the three parts make, or a ValidationError that names the wrong part."""
    values = {"day": day.strip(), "month": month.strip(), "year": year.strip()}
    missing = [part for part in PARTS if not values[part]]
    if missing:
        raise ValidationError(_missing_message(missing) % {"label": label}, code=f"no_{missing[0]}")
    if not _DIGITS.fullmatch(values["day"]):
        raise ValidationError(_("Enter the day as a number, like 27"), code="day")
    if not _DIGITS.fullmatch(values["month"]):
        raise ValidationError(_("Enter the month as a number, like 3"), code="month")
    if not re.fullmatch(r"[1-9][0-9]{3}", values["year"]):
        raise ValidationError(_("Enter the year as four digits, like 2026"), code="year")
    # Compared as text first: a part of thousands of digits is not made into a number.
    d = int(values["day"]) if len(values["day"]) <= 2 else 0
    m = int(values["month"]) if len(values["month"]) <= 2 else 0
    y = int(values["year"])
    if not 1 <= d <= 31:
        raise ValidationError(_("The day must be between 1 and 31"), code="day")
    if not 1 <= m <= 12:
        raise ValidationError(_("The month must be between 1 and 12"), code="month")
    try:
        return date(y, m, d)
    except ValueError:
        raise ValidationError(
            _("%(label)s must be a real date: %(date)s does not exist")
            % {"label": label, "date": f"{d:02d}/{m:02d}/{y}"},
            code="no_such_date",
        ) from None


class DatePartsWidget(forms.MultiWidget):
    """Three labelled number boxes in a fieldset (the field's label is its legend)."""

    template_name = "taxportal/widgets/date_parts.html"

    def __init__(self, attrs=None):
        boxes = {
            "day": {"maxlength": "2", "class": "form-control date-input-day"},
            "month": {"maxlength": "2", "class": "form-control date-input-month"},
            "year": {"maxlength": "4", "class": "form-control date-input-year"},
        }
        widgets = [
            forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "off", "dir": "ltr", **boxes[p]}
            )
            for p in PARTS
        ]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, date):
            return [str(value.day), str(value.month), str(value.year)]
        if isinstance(value, str) and value.count("/") == 2:
            return [part.strip() for part in value.split("/")]  # the parts as typed, any empty
        if value:
            return split_date_text(value)
        return ["", "", ""]

    def value_from_datadict(self, data, files, name):
        parts = super().value_from_datadict(data, files, name)
        if not any(parts) and data.get(name):
            return split_date_text(data.get(name))
        return parts

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for part, subwidget in zip(PARTS, context["widget"]["subwidgets"], strict=True):
            subwidget["part_label"] = PART_LABELS[part]
        return context


class DatePartsField(forms.Field):
    """A date as day, month and year boxes; `allow_future=False` refuses dates after today."""

    widget = DatePartsWidget

    def __init__(self, *, allow_future: bool = True, **kwargs):
        self.allow_future = allow_future
        super().__init__(**kwargs)

    def _label(self) -> str:
        return str(self.label or gettext("The date")).strip().rstrip(":?")

    def to_python(self, value):
        if isinstance(value, date) or value is None:
            return value
        parts = value if isinstance(value, list | tuple) else split_date_text(value)
        parts = [str(part or "") for part in parts]
        if not any(part.strip() for part in parts):
            return None
        return parse_date_parts(*parts, label=self._label())

    def validate(self, value):
        super().validate(value)
        if value and not self.allow_future and value > timezone.localdate():
            raise ValidationError(
                _("%(label)s must be today or in the past") % {"label": self._label()},
                code="future",
            )

    def has_changed(self, initial, data):
        try:
            return self.to_python(initial) != self.to_python(data)
        except ValidationError:
            return True
