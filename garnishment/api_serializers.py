"""What the reports API reads and answers, as serializers: they check the request and describe
both sides in the OpenAPI document (taxportal.api_schema)."""

import re
from datetime import date

from django.core.validators import ProhibitNullCharactersValidator
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .lines import COLUMNS, FIELD_LABELS
from .models import Report, ReportLine
from .rules import FeeReason

MONTH = re.compile(r"\d{4}-\d{2}")
FIRST_YEAR = 2000  # electronic garnishment answers began long after: an earlier month is a typo
PERIOD_HELP = (
    "The month reported, YYYY-MM, from 2000 and not in the future; empty or absent: last month."
)


@extend_schema_field({"type": "string", "pattern": r"^(\d{4}-\d{2})?$", "example": "2026-05"})
class PeriodField(serializers.CharField):
    """A month as YYYY-MM: the first day of that month, never a month still to come."""

    default_error_messages = {"invalid": _("Write the month as YYYY-MM.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", PERIOD_HELP)
        super().__init__(required=False, allow_blank=True, **kwargs)

    def to_internal_value(self, data):
        text = super().to_internal_value(data)
        if not text:
            return None
        if not MONTH.fullmatch(text):
            self.fail("invalid")
        try:
            period = date(int(text[:4]), int(text[5:7]), 1)
        except ValueError:
            self.fail("invalid")
        if period > timezone.localdate():
            raise serializers.ValidationError(_("The month reported cannot be in the future."))
        if period.year < FIRST_YEAR:
            raise serializers.ValidationError(
                _("The month reported cannot be before %(year)d.") % {"year": FIRST_YEAR}
            )
        return period


class FileNameField(serializers.CharField):
    """The file's name as sent: kept as text by the service, which strips any path and control
    characters (a NUL included), so it is not refused here."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = [
            v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]


class ReportQuerySerializer(serializers.Serializer):
    period = PeriodField()
    name = FileNameField(
        required=False,
        allow_blank=True,
        max_length=255,
        help_text="The file's name, kept with the report.",
    )


# What each field of a line is expected to be. Any JSON value is taken: one the column cannot
# hold (an object, a list, a NUL character) rejects that line with the field and why, never the
# report (GAR-11), so the document does not restrict the type.
EXPECTED = {
    "order_amount": _("text or a number"),
    "assets_found": _("yes/no (כן/לא) as text, or a boolean"),
}


@extend_schema_field({})
class _AnyValue(serializers.JSONField):
    """A line's field: any JSON value, checked per line."""


def _line_field(name: str):
    help_text = format_lazy("{} ({}).", FIELD_LABELS[name], EXPECTED.get(name, _("text")))
    return _AnyValue(required=False, help_text=help_text)


ReportLineInSerializer = type(
    "ReportLineInSerializer",
    (serializers.Serializer,),
    {
        "__doc__": "One line: the columns of the report template. A field may also be sent "
        "under its Hebrew header; `assets_found` is yes/no (כן/לא) or a boolean, dates are "
        "YYYY-MM-DD or DD/MM/YYYY.",
        **{name: _line_field(name) for name in COLUMNS},
    },
)


@extend_schema_field(ReportLineInSerializer(many=True))
class ReportLinesField(serializers.ListField):
    """The lines as sent: a list of objects. What each field says, its JSON type and characters
    included, is checked by the billing and answered per line (accepted, withheld, rejected with
    the field and why), as a CSV line is: one bad line never refuses the others (GAR-11)."""

    child = serializers.DictField()

    def __init__(self, **kwargs):
        super().__init__(allow_empty=True, **kwargs)


class ReportBodySerializer(serializers.Serializer):
    period = PeriodField()
    lines = ReportLinesField()


class LineProblemSerializer(serializers.Serializer):
    field = serializers.CharField()
    code = serializers.CharField()
    message = serializers.CharField(help_text="In English.")
    message_he = serializers.CharField(help_text="In Hebrew.")


class ReportLineSerializer(serializers.Serializer):
    line = serializers.IntegerField(help_text="The line's number in the file (1: the header).")
    status = serializers.ChoiceField(choices=ReportLine.Status.choices)
    authority = serializers.CharField(allow_null=True)
    order_number = serializers.CharField(allow_blank=True)
    fee_code = serializers.CharField(allow_blank=True)
    fee_billed = serializers.DecimalField(max_digits=12, decimal_places=2)
    fee_reason = serializers.ChoiceField(choices=FeeReason.choices, allow_blank=True)
    fee_reason_text = serializers.CharField(allow_blank=True)
    due_on = serializers.DateField(allow_null=True)
    problems = LineProblemSerializer(many=True)


class ReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    third_party = serializers.CharField()
    period = serializers.RegexField(r"^\d{4}-\d{2}$")
    received_at = serializers.DateTimeField()
    content_hash = serializers.CharField(help_text="SHA-256 of the body as received.")
    file_error = serializers.CharField(
        allow_blank=True, help_text="Why a report billed in the background failed; empty otherwise."
    )
    line_count = serializers.IntegerField()
    accepted = serializers.IntegerField()
    withheld = serializers.IntegerField()
    rejected = serializers.IntegerField()
    billed_total = serializers.DecimalField(max_digits=12, decimal_places=2)
    processing = serializers.ChoiceField(choices=Report.Processing.choices)
    url = serializers.URLField()
    lines = ReportLineSerializer(many=True, help_text="Up to 1,000 lines; the rest at `url`.")


class ReportReceivedSerializer(ReportSerializer):
    already_received = serializers.BooleanField(
        help_text="The same body was received before: nothing changed."
    )
    lines_url = serializers.URLField()


class ReportPageSerializer(ReportSerializer):
    page = serializers.IntegerField()
    pages = serializers.IntegerField()


class ReportPageQuerySerializer(serializers.Serializer):
    page = serializers.IntegerField(required=False, min_value=1)
    status = serializers.ChoiceField(choices=ReportLine.Status.choices, required=False)
