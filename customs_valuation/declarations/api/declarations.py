"""Declarations through the API: enter (forms 138 and 138א), read as the agent sees them (4 as
2, CUS-45), correct, replace at 6, upload scans, record the original's delivery (CUS-39 to
CUS-50)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from .. import presentation, selectors
from ..choices import DeclarationForm, DocumentKind
from ..models import ImporterDeclaration
from ..services import declarations as declaration_services
from ..services.declarations import DATA_FIELDS
from .base import AgentAPIView, AgentListView, as_api_error


class DeclarationDataSerializer(serializers.ModelSerializer):
    """The logical declaration: the terms of the importer–supplier relationship."""

    currency = serializers.RegexField(
        r"^[A-Za-z]{3}$", help_text=_("Invoice currency, ISO 4217 (EUR, USD, CNY…).")
    )

    def validate_currency(self, value: str) -> str:
        return value.upper()

    class Meta:
        model = ImporterDeclaration
        fields = list(DATA_FIELDS)
        extra_kwargs = {
            "relationship_details": {"help_text": _("Required when the parties are related.")},
            "signed_on": {"help_text": _("The date the importer signed the original.")},
        }


class DeclarationCreateSerializer(DeclarationDataSerializer):
    form = serializers.ChoiceField(
        choices=DeclarationForm.choices, help_text=_("138: annual; 138a: for one entry.")
    )
    importer = serializers.CharField(
        max_length=9, help_text=_("The number of an importer you are authorised for.")
    )
    supplier_number = serializers.IntegerField(
        min_value=1, help_text=_("From the supplier database.")
    )
    entry_number = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        help_text=_("Form 138a only: the entry of this pair the declaration is for."),
    )

    class Meta(DeclarationDataSerializer.Meta):
        fields = ["form", "importer", "supplier_number", "entry_number", *DATA_FIELDS]


class DeclarationSerializer(DeclarationDataSerializer):
    """A declaration as the agent sees it: status 4 reads as 2 with the date 4 was set, and its
    reason is not shown (CUS-45)."""

    number = serializers.IntegerField(source="pk", read_only=True)
    importer = serializers.CharField(source="importer.number", read_only=True)
    supplier = serializers.IntegerField(source="supplier_id", read_only=True)
    status = serializers.SerializerMethodField(help_text=_("CUS-27 code as sent to the agent."))
    status_text = serializers.SerializerMethodField()
    status_at = serializers.SerializerMethodField()
    reason = serializers.SerializerMethodField()
    approve_by = serializers.SerializerMethodField(
        help_text=_("While the 21 days run: the last day to have it approved.")
    )
    replaced_by = serializers.SerializerMethodField()
    entry = serializers.CharField(source="entry.number", read_only=True, default=None)

    class Meta(DeclarationDataSerializer.Meta):
        fields = [
            "number", "form", "importer", "supplier", "entry", "entered_on", "valid_until",
            "status", "status_text", "status_at", "reason", "approve_by", "replaced_by",
            *DATA_FIELDS,
        ]  # fmt: skip
        read_only_fields = ["form", "entered_on", "valid_until"]

    def _view(self, declaration) -> dict:
        # Stub gap: DRF types the context as a Mapping; it is the dict the view passed.
        cache = self.context.setdefault("views", {})  # type: ignore[attr-defined]
        if declaration.pk not in cache:
            cache[declaration.pk] = presentation.agent_view(declaration)
        return cache[declaration.pk]

    def get_status(self, declaration) -> int:
        return self._view(declaration)["status"]

    def get_status_text(self, declaration) -> str:
        return str(self._view(declaration)["status_text"])

    def get_status_at(self, declaration) -> str | None:
        at = self._view(declaration)["status_at"]
        return at.isoformat() if at else None

    def get_reason(self, declaration) -> str:
        return self._view(declaration)["reason"]

    def get_approve_by(self, declaration) -> str | None:
        day = self._view(declaration)["approve_by"]
        return day.isoformat() if day else None

    def get_replaced_by(self, declaration) -> int | None:
        replacement = getattr(declaration, "replaced_by", None)
        return replacement.pk if replacement else None


def _answer(declaration, warnings=(), code=status.HTTP_200_OK) -> Response:
    payload = DeclarationSerializer(declaration).data
    payload["warnings"] = list(warnings)
    return Response(payload, status=code)


class DeclarationListCreate(AgentListView):
    """Your declarations (`?importer=`, `?status=` as you see it), or enter a new one (1)."""

    serializer_class = DeclarationCreateSerializer
    list_serializer_class = DeclarationSerializer

    def rows(self):
        query = self.request.query_params
        return selectors.declarations_of_agent(
            self.agent, importer=query.get("importer", ""), status=query.get("status", "")
        ).select_related("entry", "replaced_by")

    def post(self, request):
        serializer = DeclarationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        importer = selectors.importer_for_agent(self.agent, data.pop("importer"))
        try:
            declaration, warnings = declaration_services.declaration_enter(
                actor=request.user,
                agent=self.agent,
                importer=importer,
                supplier_number=data.pop("supplier_number"),
                form=data.pop("form"),
                entry_number=data.pop("entry_number", ""),
                data=data,
            )
        except DjangoValidationError as error:
            raise as_api_error(error) from None
        return _answer(declaration, warnings, status.HTTP_201_CREATED)


class DeclarationDetail(AgentAPIView):
    """One declaration: yours, or another agent's when you give its importer (`?importer=`).
    PATCH corrects its data in place (CUS-43, CUS-50)."""

    serializer_class = DeclarationDataSerializer

    def _declaration(self, number):
        return selectors.declaration_for_agent(
            self.agent, number, self.request.query_params.get("importer", "")
        )

    def get(self, request, number):
        return _answer(self._declaration(number))

    def patch(self, request, number):
        declaration = self._declaration(number)
        refused = {"importer", "supplier_number", "form"} & set(request.data)
        serializer = DeclarationDataSerializer(declaration, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data) | dict.fromkeys(refused)
        try:
            declaration = declaration_services.declaration_correct(
                actor=request.user, agent=self.agent, declaration=declaration, data=data
            )
        except DjangoValidationError as error:
            raise as_api_error(error) from None
        return _answer(declaration)


class DeclarationReplacement(AgentAPIView):
    """At 6: the new logical declaration, starting at 3 (CUS-50)."""

    serializer_class = DeclarationDataSerializer

    def post(self, request, number):
        declaration = selectors.declaration_for_agent(self.agent, number)
        serializer = DeclarationDataSerializer(declaration, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        try:
            new = declaration_services.declaration_replace(
                actor=request.user,
                agent=self.agent,
                declaration=declaration,
                data=dict(serializer.validated_data),
            )
        except DjangoValidationError as error:
            raise as_api_error(error) from None
        return _answer(new, code=status.HTTP_201_CREATED)


class UploadSerializer(serializers.Serializer):
    document = serializers.ChoiceField(
        choices=DocumentKind.choices, help_text=_("What the scan is.")
    )
    file = serializers.FileField(help_text=_("PDF, JPEG or PNG, up to 10 MB."))


class DeclarationDocuments(AgentAPIView):
    """Upload a scan (multipart): the signed original, the invoice, a document asked for."""

    serializer_class = UploadSerializer
    parser_classes = [MultiPartParser, FormParser]

    def post(self, request, number):
        declaration = selectors.declaration_for_agent(self.agent, number)
        serializer = UploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            document = declaration_services.document_upload(
                actor=request.user,
                agent=self.agent,
                declaration=declaration,
                kind=serializer.validated_data["document"],
                upload=serializer.validated_data["file"],
            )
        except DjangoValidationError as error:
            raise as_api_error(error) from None
        return Response(
            {"id": document.pk, "document": document.kind, "uploaded_at": document.uploaded_at},
            status=status.HTTP_201_CREATED,
        )


class NoBodySerializer(serializers.Serializer):
    """No body: the action is the request."""


class OriginalDelivered(AgentAPIView):
    """Record that the signed original was delivered; at 7 or 8 the status becomes 3."""

    serializer_class = NoBodySerializer

    def post(self, request, number):
        declaration = selectors.declaration_for_agent(self.agent, number)
        try:
            declaration = declaration_services.original_delivered(
                actor=request.user, agent=self.agent, declaration=declaration
            )
        except DjangoValidationError as error:
            raise as_api_error(error) from None
        return _answer(declaration)
