"""The officers' JSON API: the CUS-8 worksheet for a vehicle, the same computation as the case
screen (`selectors.vehicle_quote`)."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from taxportal.api_fields import AmountField
from taxportal.permissions import HasPortalPermission

from . import selectors
from .models import SaneDate
from .models.fields import validate_manufacture_year
from .rules.ranges import MAX_AMOUNT, VALUATION_DAYS_AHEAD

AMOUNT: dict[str, Any] = {
    "max_digits": 14,
    "decimal_places": 2,
    "min_value": 0,
    "max_value": MAX_AMOUNT,
}
MONEY: dict[str, Any] = {"max_digits": 14, "decimal_places": 2, "allow_null": True}


class VehicleQuoteSerializer(serializers.Serializer):
    """Dates from 1900 (the valuation date up to a year ahead) and amounts up to 100 million NIS
    (issue 11): anything else is refused with a message per field."""

    price_list_price = AmountField(**AMOUNT)
    optional_extras = AmountField(**AMOUNT)
    first_road_date = serializers.DateField(allow_null=True, validators=[SaneDate()])
    manufacture_year = serializers.IntegerField(
        allow_null=True, validators=[validate_manufacture_year]
    )
    valuation_date = serializers.DateField(validators=[SaneDate(VALUATION_DAYS_AHEAD)])
    import_costs = AmountField(**AMOUNT)
    invoice_value = AmountField(allow_null=True, **AMOUNT)

    def validate(self, data):
        if data["first_road_date"] is None and data["manufacture_year"] is None:
            raise serializers.ValidationError(
                {"manufacture_year": _("Give the manufacture year when the road date is unknown.")}
            )
        start = data["first_road_date"]
        if start is not None and start > data["valuation_date"]:
            raise serializers.ValidationError(
                {"first_road_date": _("The first road date is after the valuation date.")}
            )
        return data


class WorksheetLineSerializer(serializers.Serializer):
    key = serializers.CharField()
    # Stub gap: a declared field named like Field.label; DRF collects it as a field.
    label = serializers.CharField()  # type: ignore[assignment]
    amount = serializers.DecimalField(**MONEY)
    note = serializers.CharField(allow_blank=True)


class VehicleWorksheetSerializer(serializers.Serializer):
    """The answer: `rules.VehicleWorksheet.as_json()`."""

    months = serializers.IntegerField(help_text="Months of use (CUS-2).")
    depreciation_percent = serializers.DecimalField(max_digits=6, decimal_places=2)
    price_list_value = serializers.DecimalField(**MONEY)
    comparison_value = serializers.DecimalField(**MONEY)
    reasonable = serializers.BooleanField(allow_null=True, help_text="CUS-9; null: no invoice.")
    beyond_table = serializers.BooleanField()
    lines = WorksheetLineSerializer(many=True)


class VehicleQuoteView(APIView):
    """The CUS-8 worksheet of a vehicle; nothing is stored."""

    permission_classes = [HasPortalPermission("value_imports")]

    @extend_schema(
        request=VehicleQuoteSerializer,
        responses=VehicleWorksheetSerializer,
        examples=[
            OpenApiExample(
                "vehicle",
                request_only=True,
                value={
                    "price_list_price": "150000.00",
                    "optional_extras": "10000.00",
                    "first_road_date": "2021-03-10",
                    "manufacture_year": None,
                    "valuation_date": "2024-06-15",
                    "import_costs": "20000.00",
                    "invoice_value": "70000.00",
                },
            )
        ],
    )
    def post(self, request):
        serializer = VehicleQuoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            sheet = selectors.vehicle_quote(**serializer.validated_data)
        except selectors.ReferenceMissing as missing:
            raise serializers.ValidationError({"valuation_date": [str(missing)]}) from None
        return Response(sheet.as_json())
