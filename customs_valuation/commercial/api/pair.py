"""The agents' API for an importer–supplier pair: assists with their spreading (CUS-77) and
credit notes for the chief valuer (CUS-70)."""

from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from ...declarations.api.base import AgentListView, as_api_error
from ...declarations.models import CustomsHouse
from ..choices import (
    AssistCategory,
    CreditNoteKind,
    SpreadWay,
)
from ..models import Assist, CreditNote
from ..services import assists as assist_services
from ..services import credit_notes as credit_services
from .common import AMOUNT, importer_of, money


class AssistSerializer(serializers.Serializer):
    importer = serializers.CharField(max_length=9)
    supplier_number = serializers.IntegerField(min_value=1)
    description = serializers.CharField(max_length=200)
    category = serializers.ChoiceField(choices=AssistCategory.choices)
    cost = serializers.DecimalField(**AMOUNT, help_text=_("In shekels."))
    carriage = serializers.DecimalField(**AMOUNT, required=False, default=Decimal(0))
    changes = serializers.DecimalField(**AMOUNT, required=False, default=Decimal(0))
    earlier_use = serializers.DecimalField(**AMOUNT, required=False, default=Decimal(0))
    share_percent = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        required=False,
        default=Decimal(100),
    )
    way = serializers.ChoiceField(choices=SpreadWay.choices)
    first_shipment = serializers.IntegerField(min_value=1)
    produced = serializers.IntegerField(min_value=1)
    contract = serializers.IntegerField(min_value=1, required=False, allow_null=True)


class AssistOut(serializers.Serializer):
    id = serializers.IntegerField()
    importer = serializers.CharField()
    supplier_number = serializers.IntegerField()
    description = serializers.CharField()
    value = serializers.CharField(help_text=_("In shekels."))
    way = serializers.CharField()
    per_unit = serializers.CharField()
    used = serializers.CharField()
    remaining = serializers.CharField()

    def to_representation(self, instance):
        return {
            "id": instance.pk,
            "importer": instance.importer.number,
            "supplier_number": instance.supplier_id,
            "description": instance.description,
            "value": money(instance.value),
            "way": instance.way,
            "per_unit": money(instance.per_unit),
            "used": money(instance.used_amount),
            "remaining": money(instance.remaining),
        }


class Assists(AgentListView):
    """Your assists (CUS-75 to CUS-77); POST records one with the importer's spreading, once."""

    list_serializer_class = AssistOut
    serializer_class = AssistSerializer

    def rows(self):
        return Assist.objects.filter(agent=self.agent).select_related("importer").order_by("-pk")

    @extend_schema(request=AssistSerializer, responses={201: AssistOut})
    def post(self, request):
        serializer = AssistSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        importer = importer_of(self.agent, data.pop("importer"))
        try:
            assist = assist_services.assist_record(
                actor=request.user, agent=self.agent, importer=importer, **data
            )
        except DjangoValidationError as error:
            raise as_api_error(error) from None
        return Response(AssistOut(assist).data, status=status.HTTP_201_CREATED)


class CreditNoteSerializer(serializers.Serializer):
    importer = serializers.CharField(max_length=9)
    supplier_number = serializers.IntegerField(min_value=1)
    customs_house = serializers.SlugRelatedField(
        slug_field="code", queryset=CustomsHouse.objects.all()
    )
    number = serializers.CharField(max_length=40)
    kind = serializers.ChoiceField(choices=CreditNoteKind.choices)
    amount = serializers.DecimalField(**AMOUNT)
    currency = serializers.CharField(min_length=3, max_length=3)
    description = serializers.CharField(max_length=4000, required=False, allow_blank=True)


class CreditNoteOut(serializers.Serializer):
    id = serializers.IntegerField()
    importer = serializers.CharField()
    supplier_number = serializers.IntegerField()
    number = serializers.CharField()
    kind = serializers.CharField()
    amount = serializers.CharField()
    currency = serializers.CharField()
    status = serializers.CharField(help_text=_("requested, approved or refused."))
    status_text = serializers.CharField()
    reason = serializers.CharField(help_text=_("The chief valuer's reason."))

    def to_representation(self, instance):
        return {
            "id": instance.pk,
            "importer": instance.importer.number,
            "supplier_number": instance.supplier_id,
            "number": instance.number,
            "kind": instance.kind,
            "amount": money(instance.amount),
            "currency": instance.currency,
            "status": instance.status,
            "status_text": str(instance.get_status_display()),
            "reason": instance.decision_reason,
        }


class CreditNotes(AgentListView):
    """Credit notes and further payments brought to the chief valuer before filing (CUS-70); an
    entry citing one not approved is refused at filing."""

    list_serializer_class = CreditNoteOut
    serializer_class = CreditNoteSerializer

    def rows(self):
        return (
            CreditNote.objects.filter(agent=self.agent).select_related("importer").order_by("-pk")
        )

    @extend_schema(request=CreditNoteSerializer, responses={201: CreditNoteOut})
    def post(self, request):
        serializer = CreditNoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        importer = importer_of(self.agent, data.pop("importer"))
        try:
            note = credit_services.credit_note_request(
                actor=request.user, agent=self.agent, importer=importer, **data
            )
        except DjangoValidationError as error:
            raise as_api_error(error) from None
        return Response(CreditNoteOut(note).data, status=status.HTTP_201_CREATED)
