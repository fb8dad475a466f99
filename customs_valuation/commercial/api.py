"""The agents' API of part 2.2 (CUS-95, CUS-56): the cases of the agent's entries with the
documents asked for and their due dates, uploads against each item, the notices (with their
page and PDF addresses), the importer's choice (CUS-80), a damage request (CUS-93); assists with
their spreading (CUS-77) and credit notes for the chief valuer (CUS-70). The same services and
validation as the portal; another agent's ids answer 404 as missing ones do."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from ..declarations import selectors as declaration_selectors
from ..declarations.api.base import AgentAPIView, AgentListView, as_api_error
from ..declarations.models import CustomsHouse
from . import rules, selectors
from .choices import (
    AssistCategory,
    CreditNoteKind,
    ImporterOption,
    SpreadWay,
)
from .models import Assist, CommercialCase, CreditNote, RequestedDocument
from .services import credit_notes as credit_services
from .services import decisions as decision_services
from .services import documents as document_services
from .services import special as special_services
from .services import worksheet as sheet_services

AMOUNT: dict[str, Any] = {"max_digits": 16, "decimal_places": 2, "min_value": 0}


def money(value) -> str | None:
    """Amounts travel as strings with two decimals, never as floats."""
    return None if value is None else f"{value:.2f}"


def _notice(notice, request) -> dict:
    return {
        "id": notice.pk,
        "kind": notice.kind,
        "kind_text": str(notice.get_kind_display()),
        "method": notice.method,
        "method_text": str(notice.get_method_display()) if notice.method else "",
        "reasons": notice.reasons,
        "value": money(notice.value),
        "provisional_value": money(notice.provisional_value),
        "taxes_declared": money(notice.taxes_declared),
        "taxes_provisional": money(notice.taxes_provisional),
        "security_amount": money(notice.security_amount),
        "issued_at": timezone.localtime(notice.issued_at).isoformat(),
        "page": request.build_absolute_uri(reverse("customs_commercial:notice", args=[notice.pk])),
        "pdf": request.build_absolute_uri(
            reverse("customs_commercial:notice_pdf", args=[notice.pk])
        ),
    }


def _case(case: CommercialCase, request, *, full: bool) -> dict:
    today = timezone.localdate()
    answer = {
        "id": case.pk,
        "entry": case.entry.number,
        "importer": case.entry.importer.number,
        "status": case.status,
        "status_text": str(case.get_status_display()),
        "importer_option": case.importer_option or None,
        "opened_at": timezone.localtime(case.opened_at).isoformat(),
        "value": money(case.final_value),
        "method": case.final_method or None,
    }
    if not full:
        return answer
    answer["requests"] = [
        {
            "id": r.pk,
            "requested_on": r.requested_on,
            "due_on": r.due_on,
            "lapsed": rules.request_lapsed(r.due_on, today=today),
            "note": r.note,
            "items": [
                {
                    "id": i.pk,
                    "code": i.code,
                    "text": str(i.get_code_display()),
                    "note": i.note,
                    "uploads": len(i.uploads.all()),
                }
                for i in r.items.all()
            ],
        }
        for r in selectors.requests_of(case)
    ]
    answer["notices"] = [_notice(n, request) for n in case.notices.all()]
    answer["may_choose"] = case.status == "not_convinced"
    return answer


MONEY_OUT: dict[str, Any] = {
    "allow_null": True,
    "help_text": _("An amount with two decimals, as a string."),
}


class NoticeOut(serializers.Serializer):
    """A notice of part 2.2 (CUS-80, CUS-83) and where to read it."""

    id = serializers.IntegerField()
    kind = serializers.CharField(help_text=_("not_satisfied, entry_correction or deficit."))
    kind_text = serializers.CharField()
    method = serializers.CharField(help_text=_("The method that set the value, if any."))
    method_text = serializers.CharField()
    reasons = serializers.CharField()
    value = serializers.CharField(**MONEY_OUT)
    provisional_value = serializers.CharField(**MONEY_OUT)
    taxes_declared = serializers.CharField(**MONEY_OUT)
    taxes_provisional = serializers.CharField(**MONEY_OUT)
    security_amount = serializers.CharField(**MONEY_OUT)
    issued_at = serializers.DateTimeField()
    page = serializers.URLField(help_text=_("The notice as a Hebrew page."))
    pdf = serializers.URLField(help_text=_("The notice as a PDF."))


class RequestItemOut(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("Upload against this id."))
    code = serializers.CharField(help_text=_("CUS-61: a to h (g1 to g8)."))
    text = serializers.CharField()
    note = serializers.CharField()
    uploads = serializers.IntegerField()


class RequestOut(serializers.Serializer):
    id = serializers.IntegerField()
    requested_on = serializers.DateField()
    due_on = serializers.DateField()
    lapsed = serializers.BooleanField()
    note = serializers.CharField()
    items = RequestItemOut(many=True)


class CaseSerializer(serializers.Serializer):
    """A case of one of your entries (the internal checklist is the valuer's)."""

    id = serializers.IntegerField()
    entry = serializers.CharField()
    importer = serializers.CharField()
    status = serializers.CharField()
    status_text = serializers.CharField()
    importer_option = serializers.CharField(allow_null=True)
    opened_at = serializers.DateTimeField()
    value = serializers.CharField(**MONEY_OUT)
    method = serializers.CharField(allow_null=True)

    def to_representation(self, instance):
        return _case(instance, self.context["request"], full=False)


class CaseDetailOut(CaseSerializer):
    requests = RequestOut(many=True)
    notices = NoticeOut(many=True)
    may_choose = serializers.BooleanField(help_text=_("A choice under CUS-80 is awaited."))


class CaseList(AgentListView):
    """The commercial valuation cases of your entries, newest first."""

    list_serializer_class = CaseSerializer

    def rows(self):
        return selectors.cases_for_agent(self.agent).order_by("-opened_at", "-pk")


class NoBodySerializer(serializers.Serializer):
    """No body."""


class CaseDetail(AgentAPIView):
    """One case: the documents asked for (each item with its id, to upload against), their due
    dates, and the notices with the addresses of their page and PDF."""

    serializer_class = NoBodySerializer

    @extend_schema(responses=CaseDetailOut)
    def get(self, request, pk):
        return Response(_case(selectors.case_for_agent(self.agent, pk), request, full=True))


class UploadSerializer(serializers.Serializer):
    item = serializers.IntegerField(min_value=1, help_text=_("The id of the item asked for."))
    file = serializers.FileField(help_text=_("PDF, JPEG or PNG."))
    answer = serializers.CharField(max_length=4000, required=False, allow_blank=True)


class UploadOut(serializers.Serializer):
    id = serializers.IntegerField()
    item = serializers.IntegerField()
    uploaded_at = serializers.DateTimeField()


class CaseDocuments(AgentAPIView):
    """Upload a document against an item asked for (multipart)."""

    serializer_class = UploadSerializer
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(responses={201: UploadOut})
    def post(self, request, pk):
        case = selectors.case_for_agent(self.agent, pk)
        serializer = UploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        item = RequestedDocument.objects.filter(pk=data["item"], request__case=case).first()
        if item is None:
            raise Http404
        try:
            document = document_services.document_upload(
                actor=request.user,
                agent=self.agent,
                item=item,
                upload=data["file"],
                answer=data.get("answer", ""),
            )
        except DjangoValidationError as error:
            raise as_api_error(error) from None
        return Response(
            {"id": document.pk, "item": item.pk, "uploaded_at": document.uploaded_at},
            status=status.HTTP_201_CREATED,
        )


class ChoiceSerializer(serializers.Serializer):
    option = serializers.ChoiceField(
        choices=ImporterOption.choices,
        help_text=_("a: supervision; b: release paying under protest; c: deposit or guarantee."),
    )


class CaseChoice(AgentAPIView):
    """Record the importer's choice after a notice that the valuer is not satisfied (CUS-80)."""

    serializer_class = ChoiceSerializer

    @extend_schema(responses=CaseDetailOut)
    def post(self, request, pk):
        case = selectors.case_for_agent(self.agent, pk)
        serializer = ChoiceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            case = decision_services.case_choose(
                actor=request.user,
                agent=self.agent,
                case=case,
                option=serializer.validated_data["option"],
            )
        except DjangoValidationError as error:
            raise as_api_error(error) from None
        return Response(_case(case, request, full=True))


class IdOut(serializers.Serializer):
    id = serializers.IntegerField()


class DamageSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=4000)


class CaseDamage(AgentAPIView):
    """Ask for the value to be reduced for damage in carriage, before release (CUS-93)."""

    serializer_class = DamageSerializer

    @extend_schema(responses={201: IdOut})
    def post(self, request, pk):
        case = selectors.case_for_agent(self.agent, pk)
        serializer = DamageSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            made = special_services.damage_request(
                actor=request.user,
                agent=self.agent,
                case=case,
                description=serializer.validated_data["description"],
            )
        except DjangoValidationError as error:
            raise as_api_error(error) from None
        return Response({"id": made.pk}, status=status.HTTP_201_CREATED)


def _importer(agent, number):
    importer = declaration_selectors.importers_of(agent).filter(number=str(number)).first()
    if importer is None:
        raise Http404
    return importer


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
        importer = _importer(self.agent, data.pop("importer"))
        try:
            assist = sheet_services.assist_record(
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
        importer = _importer(self.agent, data.pop("importer"))
        try:
            note = credit_services.credit_note_request(
                actor=request.user, agent=self.agent, importer=importer, **data
            )
        except DjangoValidationError as error:
            raise as_api_error(error) from None
        return Response(CreditNoteOut(note).data, status=status.HTTP_201_CREATED)
