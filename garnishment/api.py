"""`POST /api/garnishment/reports/` (JSON or CSV, token authentication) and reading a report
back with every line's outcome (GAR-11)."""

import io
import tempfile

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import ParseError, PermissionDenied
from rest_framework.parsers import BaseParser
from rest_framework.response import Response
from rest_framework.views import APIView

from taxportal.api_schema import problem_response
from taxportal.authentication import ApiTokenAuthentication
from taxportal.permissions import HasPortalPermission
from taxportal.problems import MEDIA_TYPE, ProblemDetail

from . import selectors, services
from .api_serializers import (
    ReportBodySerializer,
    ReportPageQuerySerializer,
    ReportPageSerializer,
    ReportQuerySerializer,
    ReportReceivedSerializer,
)
from .lines import FileProblem, parse_json_body, problem_text
from .lines.intake import MB
from .models import Report, ReportLine

LINES_IN_RESPONSE = 1000
SPOOL_LIMIT = 5 * 1024 * 1024


def _too_large():
    return ProblemDetail(
        413,
        "too_large",
        _("The report is larger than %(megabytes)d MB: send it in parts.")
        % {"megabytes": settings.GARNISHMENT_MAX_FILE_MB},
    )


def _read_limited(stream, sink) -> None:
    """Copy the body to `sink`, refusing it (413) past GARNISHMENT_MAX_FILE_MB, the limit of
    the upload form too."""
    size, limit = 0, settings.GARNISHMENT_MAX_FILE_MB * MB
    for chunk in iter(lambda: stream.read(1 << 16), b""):
        size += len(chunk)
        if size > limit:
            raise _too_large()
        sink.write(chunk)


class CsvParser(BaseParser):
    """Keeps a CSV body as a file, spooled to disk past a few megabytes: never one string."""

    media_type = "text/csv"

    def parse(self, stream, media_type=None, parser_context=None):
        spooled = tempfile.SpooledTemporaryFile(max_size=SPOOL_LIMIT)  # noqa: SIM115 - returned
        if stream is not None:
            _read_limited(stream, spooled)
        spooled.seek(0)
        return spooled


class ReportJsonParser(BaseParser):
    """Keeps the JSON body's bytes as received (the original stored unchanged) and its data."""

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        buffer = io.BytesIO()
        if stream is not None:
            _read_limited(stream, buffer)
        body = buffer.getvalue()
        try:  # numbers as decimals: 1e15 is an amount too large, never a float
            data = parse_json_body(body)
        except FileProblem as problem:
            raise ParseError(problem.message()) from None
        return {"bytes": body, "data": data}


def line_payload(line: ReportLine) -> dict:
    return {
        "line": line.line_number,
        "status": line.status,
        "authority": line.authority.code if line.authority else None,
        "order_number": line.order_number,
        "fee_code": line.fee_code,
        "fee_billed": str(line.fee_billed),
        "fee_reason": line.fee_reason,
        "fee_reason_text": line.get_fee_reason_display(),
        "due_on": line.due_on.isoformat() if line.due_on else None,
        "problems": line.problems,
    }


def report_payload(report: Report, lines) -> dict:
    return {
        "id": report.pk,
        "third_party": report.third_party.name,
        "period": f"{report.period.year:04d}-{report.period.month:02d}",
        "received_at": report.submitted_at.isoformat(),
        "content_hash": report.content_hash,
        "file_error": (
            problem_text(report.file_problem, get_language() or "he") if report.file_problem else ""
        ),
        "line_count": report.line_count,
        "accepted": report.accepted_count,
        "withheld": report.withheld_count,
        "rejected": report.rejected_count,
        "billed_total": str(report.billed_total),
        "processing": report.processing,
        "url": None,
        "lines": [line_payload(line) for line in lines],
    }


def _submitter_third_party(request):
    third_party = selectors.third_party_of(request.user)
    if third_party is None:
        raise PermissionDenied(_("Your user is not linked to a third party."))
    return third_party


RECEIVED = {
    200: OpenApiResponse(
        ReportReceivedSerializer, "This body was received before: nothing changed."
    ),
    201: OpenApiResponse(ReportReceivedSerializer, "Received and billed, with every line."),
    202: OpenApiResponse(ReportReceivedSerializer, "Received; billed in the background."),
    (422, MEDIA_TYPE): problem_response(
        422,
        "missing_columns",
        "The body is not a report and nothing of it is kept; `code` says why (empty, encoding, "
        "encoding_at_line, missing_columns, no_lines, unreadable, too_many_lines, ...), `line` "
        "where, and `detail` in the caller's language.",
        "The file lacks the columns: authority (authority).",
        field="file",
    ),
    (503, MEDIA_TYPE): problem_response(
        503,
        "schedule_incomplete",
        "The fee schedule cannot be computed now (an index value is missing): send it later.",
        "The fee schedule is incomplete (an index value is missing), so no report can be "
        "billed now.",
        field="file",
    ),
}


class ReportCreate(APIView):
    """Send one monthly report, as JSON or as the CSV template; the same body again returns 200
    and changes nothing. A report of more lines than the portal bills at once is answered 202:
    read its lines at `url` once `processing` is `done`."""

    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [HasPortalPermission("submit_garnishment_reports")]
    parser_classes = [ReportJsonParser, CsvParser]

    @extend_schema(
        parameters=[ReportQuerySerializer],
        request={"application/json": ReportBodySerializer, "text/csv": OpenApiTypes.BINARY},
        responses=RECEIVED,
        examples=[
            OpenApiExample(
                "json",
                request_only=True,
                media_type="application/json",
                value={
                    "period": "2026-05",
                    "lines": [
                        {
                            "debtor_id_kind": "id",
                            "debtor_id": "302466339",
                            "debtor_name": "Moshe Cohen",
                            "received_on": "2026-05-03",
                            "order_amount": "1250.50",
                            "authority": "TLV",
                            "order_number": "A-1",
                            "answered_on": "2026-05-04",
                            "case_number": "",
                            "assets_found": "yes",
                        }
                    ],
                },
            )
        ],
    )
    def post(self, request):
        third_party = _submitter_third_party(request)
        query = ReportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        last_month = timezone.localdate().replace(day=1) - relativedelta(months=1)
        if isinstance(request.data, dict) and "bytes" in request.data:
            body = ReportBodySerializer(data=request.data["data"])
            body.is_valid(raise_exception=True)
            binary, json_lines, file_format = (
                io.BytesIO(request.data["bytes"]),
                request.data["data"]["lines"],
                "json",
            )
            period = body.validated_data.get("period") or last_month
        elif hasattr(request.data, "read"):
            binary, json_lines, file_format = request.data, None, "csv"
            period = query.validated_data.get("period") or last_month
        else:  # no body at all
            problem = FileProblem("empty")
            raise ProblemDetail(422, problem.code, problem.message(), field="file")
        try:
            report, created = services.report_submit(
                third_party=third_party,
                period=period,
                binary=binary,
                original_name=query.validated_data.get("name") or f"api.{file_format}",
                file_format=file_format,
                channel=Report.Channel.API,
                actor=request.user,
                json_lines=json_lines,
            )
        except services.ReportRefused as refused:  # nothing of it was stored
            problem = refused.problem
            raise ProblemDetail(
                refused.status, problem.code, problem.message(), line=problem.line, field="file"
            ) from None
        pending = report.processing == Report.Processing.PENDING
        lines = [] if pending else selectors.report_lines(report)[:LINES_IN_RESPONSE]
        payload = report_payload(report, lines)
        payload["already_received"] = not created
        # Past the first 1,000 lines, or once a large report is processed: read them there.
        payload["url"] = payload["lines_url"] = request.build_absolute_uri(
            reverse("garnishment_api:report_detail", args=[report.pk])
        )
        if created and pending:
            answer: int = status.HTTP_202_ACCEPTED
        else:
            answer = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(payload, status=answer, headers={"Location": payload["url"]})


class ReportDetail(APIView):
    """A report of yours and a page of its lines: `?page=2&status=rejected`. Another third
    party's report answers 404, as a missing one."""

    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [HasPortalPermission("submit_garnishment_reports")]

    @extend_schema(parameters=[ReportPageQuerySerializer], responses=ReportPageSerializer)
    def get(self, request, pk):
        query = ReportPageQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        report = selectors.report_for_submitter(request.user, pk)  # another party's: 404
        lines = selectors.report_lines(report, query.validated_data.get("status", ""))
        page = Paginator(lines, LINES_IN_RESPONSE).get_page(query.validated_data.get("page"))
        payload = report_payload(report, page.object_list)
        payload["url"] = request.build_absolute_uri()
        payload["page"], payload["pages"] = page.number, page.paginator.num_pages
        return Response(payload)
