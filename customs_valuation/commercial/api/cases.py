"""The agents' API on cases (CUS-95, CUS-56): the cases of the agent's entries with the documents
asked for and their due dates, uploads against each item, the notices (with their page and PDF
addresses), the importer's choice (CUS-80), a damage request (CUS-93)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from ...declarations.api.base import AgentAPIView, AgentListView, as_api_error
from .. import rules, selectors
from ..choices import (
    ImporterOption,
)
from ..models import CommercialCase, RequestedDocument
from ..services import decisions as decision_services
from ..services import documents as document_services
from ..services import special as special_services
from .common import MONEY_OUT, IdOut, NoBodySerializer, money


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
