"""Suppliers through the API: search the shared database, enter, read, change (CUS-36 to
CUS-38)."""

from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers, status
from rest_framework.response import Response

from .. import selectors
from ..models import Supplier
from ..services import suppliers as supplier_services
from .base import AgentAPIView, AgentListView, as_api_error


class SupplierSerializer(serializers.ModelSerializer):
    number = serializers.IntegerField(
        source="pk", read_only=True, help_text=gettext_lazy("The supplier number the system gave.")
    )
    country = serializers.CharField(
        source="country_id", help_text=gettext_lazy("ISO 3166 two-letter country code.")
    )
    postcode = serializers.CharField(
        allow_blank=True,
        help_text=gettext_lazy("Mandatory; stored as NONE for countries without postcodes."),
    )
    dealer_number = serializers.CharField(
        allow_blank=True,
        required=False,
        help_text=gettext_lazy("Foreign dealer number: Latin letters, digits, hyphens (≤ 20)."),
    )
    status = serializers.IntegerField(read_only=True, help_text=gettext_lazy("CUS-26 code."))
    status_text = serializers.CharField(source="get_status_display", read_only=True)
    status_reason = serializers.CharField(read_only=True)
    merged_into = serializers.IntegerField(source="merged_into_id", read_only=True, allow_null=True)
    cancelled_at = serializers.DateTimeField(read_only=True, allow_null=True)

    class Meta:
        model = Supplier
        fields = [
            "number", "name", "country", "address", "city", "postcode", "dealer_number",
            "status", "status_text", "status_reason", "merged_into", "cancelled_at",
        ]  # fmt: skip
        extra_kwargs: dict[str, Any] = {"name": {"validators": []}}


class SupplierCreateSerializer(SupplierSerializer):
    confirm_duplicate = serializers.BooleanField(
        default=False,
        write_only=True,
        help_text=gettext_lazy(
            "Send true after a warning that a supplier with identical data exists (CUS-36)."
        ),
    )

    class Meta(SupplierSerializer.Meta):
        fields = [*SupplierSerializer.Meta.fields, "confirm_duplicate"]


def _supplier_data(validated: dict) -> dict:
    data = dict(validated)
    if "country_id" in data:
        data["country"] = data.pop("country_id")
    data.pop("confirm_duplicate", None)
    return data


class SupplierListCreate(AgentListView):
    """Search the shared supplier database (`?q=` name or number, `?country=`), or enter a new
    supplier (status 1)."""

    serializer_class = SupplierCreateSerializer
    list_serializer_class = SupplierSerializer

    def rows(self):
        self.agent  # noqa: B018 - a linked agent only
        query = self.request.query_params
        return selectors.suppliers_search(query.get("q", ""), query.get("country", ""))

    def post(self, request):
        serializer = SupplierCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            supplier = supplier_services.supplier_enter(
                actor=request.user,
                agent=self.agent,
                data=_supplier_data(serializer.validated_data),
                confirm_duplicate=serializer.validated_data["confirm_duplicate"],
            )
        except supplier_services.DuplicateSupplier as warning:
            payload = cast(dict[str, Any], as_api_error(warning).detail)  # a refusal by field
            payload["duplicates"] = SupplierSerializer(warning.duplicates, many=True).data
            return Response(payload, status=status.HTTP_409_CONFLICT)
        except DjangoValidationError as error:
            raise as_api_error(error) from None
        return Response(SupplierSerializer(supplier).data, status=status.HTTP_201_CREATED)


class SupplierDetail(AgentAPIView):
    """One supplier by number; a merged number answers with the supplier it resolves to."""

    serializer_class = SupplierSerializer

    def get(self, request, number):
        self.agent  # noqa: B018
        supplier, alias = selectors.supplier_by_number(number)
        payload = SupplierSerializer(supplier).data
        if alias is not None:
            payload["warning"] = _("Supplier %(old)s was merged into %(new)s.") % {
                "old": alias.pk,
                "new": supplier.pk,
            }
        return Response(payload)

    def patch(self, request, number):
        self.agent  # noqa: B018
        supplier, alias = selectors.supplier_by_number(number)
        serializer = SupplierSerializer(supplier, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        try:
            supplier = supplier_services.supplier_change(
                actor=request.user,
                supplier=supplier,
                data=_supplier_data(serializer.validated_data),
            )
        except DjangoValidationError as error:
            raise as_api_error(error) from None
        return Response(SupplierSerializer(supplier).data)
