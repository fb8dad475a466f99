"""Importers, entries and their block answer, blocks, notifications (CUS-32, CUS-51, CUS-56)."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, status
from rest_framework.response import Response

from .. import presentation, selectors
from ..choices import EntryKind, NotificationKind
from ..models import AgentNotification, CustomsHouse, Entry, Importer
from ..services import entries as entry_services
from ..services.common import notification_mark_read
from .base import AgentAPIView, AgentListView, as_api_error

AMOUNT: dict[str, Any] = {"max_digits": 16, "decimal_places": 2, "min_value": 0}


class ImporterSerializer(serializers.ModelSerializer):
    number = serializers.CharField(help_text=_("The importer's 9-digit number."))

    class Meta:
        model = Importer
        fields = ["number", "name", "address"]


class BlockSerializer(serializers.Serializer):
    """A block: its kind, since when, its cause, and what lifts it (nobody lifts it by hand)."""

    def to_representation(self, instance):
        return presentation.block_answer(instance)


class ImporterList(AgentListView):
    """The importers you are authorised to file for today."""

    list_serializer_class = ImporterSerializer

    def rows(self):
        return selectors.importers_of(self.agent)


class ImporterDetail(AgentAPIView):
    """One of your importers and its active blocks; any other number answers 404."""

    serializer_class = ImporterSerializer

    def get(self, request, number):
        importer = selectors.importer_for_agent(self.agent, number)
        payload = ImporterSerializer(importer).data
        blocks = selectors.blocks_for_agent(self.agent, active_only=True).filter(importer=importer)
        payload["blocks"] = [presentation.block_answer(b) for b in blocks]
        return Response(payload)


class EntryFileSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=20, help_text=_("The entry's number."))
    importer = serializers.CharField(max_length=9)
    supplier_number = serializers.IntegerField(min_value=1)
    customs_house = serializers.SlugRelatedField(
        slug_field="code", queryset=CustomsHouse.objects.all(), help_text=_("e.g. haifa")
    )
    kind = serializers.ChoiceField(choices=EntryKind.choices)
    goods_value = serializers.DecimalField(**AMOUNT)
    currency = serializers.RegexField(r"^[A-Za-z]{3}$", help_text=_("ISO 4217"))
    usd_value = serializers.DecimalField(
        **AMOUNT, help_text=_("The goods value in US dollars at the entry's exchange rate.")
    )
    thorough_examination = serializers.BooleanField(default=False)
    declaration_number = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("The declaration relied on (CUS-39).")
    )


class EntrySerializer(serializers.ModelSerializer):
    importer = serializers.CharField(source="importer.number")
    supplier = serializers.IntegerField(source="supplier_id")
    customs_house = serializers.CharField(source="customs_house.code")
    declaration = serializers.IntegerField(source="declaration_id", allow_null=True)

    class Meta:
        model = Entry
        fields = [
            "number", "importer", "supplier", "supplier_number_given", "customs_house", "kind",
            "goods_value", "currency", "usd_value", "thorough_examination", "declaration",
            "original_required", "filed_at", "released_at", "archived_at",
        ]  # fmt: skip


class EntryFile(AgentAPIView):
    """File an entry: 201 with the entry, or 409 naming each block, since when and what lifts
    it. The check is made at this moment."""

    serializer_class = EntryFileSerializer

    def post(self, request):
        serializer = EntryFileSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        importer = selectors.importer_for_agent(self.agent, data.pop("importer"))
        try:
            filing = entry_services.entry_file(
                actor=request.user, agent=self.agent, importer=importer, **data
            )
        except DjangoValidationError as error:
            raise as_api_error(error) from None
        if filing.refused:
            return Response(
                {
                    "refused": True,
                    "blocks": [presentation.block_answer(b) for b in filing.blocks],
                    "warnings": filing.warnings,
                },
                status=status.HTTP_409_CONFLICT,
            )
        payload = EntrySerializer(filing.entry).data
        payload["warnings"] = filing.warnings
        return Response(payload, status=status.HTTP_201_CREATED)


class EntryDetail(AgentAPIView):
    serializer_class = EntrySerializer

    def get(self, request, number):
        return Response(EntrySerializer(selectors.entry_for_agent(self.agent, number)).data)


class BlockList(AgentListView):
    """Blocks of the importers you file for (`?active=1` for those in force)."""

    list_serializer_class = BlockSerializer

    def rows(self):
        active = self.request.query_params.get("active") in {"1", "true"}
        return selectors.blocks_for_agent(self.agent, active_only=active)


class NotificationSerializer(serializers.ModelSerializer):
    subject = serializers.ChoiceField(source="kind", choices=NotificationKind.choices)
    text = serializers.SerializerMethodField()
    declaration = serializers.IntegerField(source="declaration_id", allow_null=True)
    supplier = serializers.IntegerField(source="supplier_id", allow_null=True)
    block = serializers.IntegerField(source="block_id", allow_null=True)

    class Meta:
        model = AgentNotification
        fields = [
            "id", "subject", "text", "reason", "declaration", "supplier", "block", "sent_at",
            "read_at",
        ]  # fmt: skip

    def get_text(self, notice) -> str:
        return presentation.notification_text(notice)


class NotificationList(AgentListView):
    """Your notifications, newest first (`?unread=1`)."""

    list_serializer_class = NotificationSerializer

    def rows(self):
        unread = self.request.query_params.get("unread") in {"1", "true"}
        return selectors.notifications_of(self.agent, unread=unread)


class NotificationRead(AgentAPIView):
    serializer_class = NotificationSerializer

    def post(self, request, pk):
        notice = get_object_or_404(selectors.notifications_of(self.agent), pk=pk)
        notification_mark_read(agent=self.agent, notification=notice)
        return Response(NotificationSerializer(notice).data)
