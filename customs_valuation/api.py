"""The officers' JSON API: the CUS-8 worksheet for a vehicle, the same computation as the case
screen (`selectors.vehicle_quote`)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from taxportal.permissions import HasPortalPermission

from . import selectors
from .models import SaneDate
from .models.fields import validate_manufacture_year
from .rules.ranges import MAX_AMOUNT, VALUATION_DAYS_AHEAD

AMOUNT = {"max_digits": 14, "decimal_places": 2, "min_value": 0, "max_value": MAX_AMOUNT}


class VehicleQuoteSerializer(serializers.Serializer):
    """Dates from 1900 (the valuation date up to a year ahead) and amounts up to 100 million NIS
    (issue 11): anything else is refused with a message per field."""

    price_list_price = serializers.DecimalField(**AMOUNT)
    optional_extras = serializers.DecimalField(**AMOUNT)
    first_road_date = serializers.DateField(allow_null=True, validators=[SaneDate()])
    manufacture_year = serializers.IntegerField(
        allow_null=True, validators=[validate_manufacture_year]
    )
    valuation_date = serializers.DateField(validators=[SaneDate(VALUATION_DAYS_AHEAD)])
    import_costs = serializers.DecimalField(**AMOUNT)
    invoice_value = serializers.DecimalField(allow_null=True, **AMOUNT)

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


class VehicleQuoteView(APIView):
    permission_classes = [HasPortalPermission("value_imports")]

    def post(self, request):
        serializer = VehicleQuoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            sheet = selectors.vehicle_quote(**serializer.validated_data)
        except selectors.ReferenceMissing as missing:
            return Response({"valuation_date": [str(missing)]}, status=400)
        return Response(sheet.as_json())
