"""`POST /api/garnishment/reports/` (JSON or CSV, token authentication) and reading a report
back with every line's outcome (GAR-11)."""

import io
import re
import tempfile
from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import (
    APIException,
    ParseError,
    PermissionDenied,
    ValidationError,
)
from rest_framework.parsers import BaseParser
from rest_framework.response import Response
from rest_framework.views import APIView

from taxportal.permissions import HasPortalPermission

from . import selectors, services
from .lines import FileProblem, file_format_of, parse_json_body, problem_text
from .lines.intake import MB
from .models import Report, ReportLine
from .rules import report_period_refusal

PERIOD = re.compile(r"\d{4}-\d{2}")

LINES_IN_RESPONSE = 1000
SPOOL_LIMIT = 5 * 1024 * 1024
READ_CHUNK = 1 << 16


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


def _too_large() -> PayloadTooLarge:
    return PayloadTooLarge(
        _("The body is larger than %(max)s MB.") % {"max": settings.GARNISHMENT_MAX_FILE_MB}
    )


def _body_limit() -> int:
    return settings.GARNISHMENT_MAX_FILE_MB * MB


class CsvParser(BaseParser):
    """Keeps a CSV body as a file, spooled to disk past a few megabytes: never one string, and
    never more than GARNISHMENT_MAX_FILE_MB (413)."""

    media_type = "text/csv"

    def parse(self, stream, media_type=None, parser_context=None):
        spooled = tempfile.SpooledTemporaryFile(max_size=SPOOL_LIMIT)  # noqa: SIM115 - returned
        size = 0
        for chunk in iter(lambda: stream.read(READ_CHUNK), b""):
            size += len(chunk)
            if size > _body_limit():
                spooled.close()
                raise _too_large()
            spooled.write(chunk)
        spooled.seek(0)
        return spooled


class ReportJsonParser(BaseParser):
    """Keeps the JSON body's bytes as received (the original stored unchanged) and its data,
    numbers read as decimals; a body too large (413), too deeply nested or not a report
    ({"period": "YYYY-MM", "lines": [...]}) is refused (400)."""

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        body = stream.read(_body_limit() + 1)
        if len(body) > _body_limit():
            raise _too_large()
        try:
            data = parse_json_body(body)
        except FileProblem as problem:
            raise ParseError(problem.message(), code=problem.code) from None
        return {"bytes": body, "data": data}


def _period(value, default: date) -> date:
    """The month reported, "YYYY-MM": not in the future and not before 2000, as the form."""
    if value in (None, ""):
        return default
    if not isinstance(value, str) or not PERIOD.fullmatch(value.strip()):
        raise ValidationError({"period": _("Write the month as YYYY-MM.")})
    year, month = map(int, value.strip().split("-"))
    if not 1 <= month <= 12:
        raise ValidationError({"period": _("Write the month as YYYY-MM.")})
    period = date(year, month, 1)
    refusal = report_period_refusal(period, timezone.localdate())
    if refusal:
        raise ValidationError({"period": refusal})
    return period


def refusal_payload(refused: services.ReportRefused) -> dict:
    """A refused report: what is wrong in the caller's language, and where."""
    problem = refused.problem
    payload = {"detail": problem.message(), "code": problem.code, "field": "file"}
    if problem.line is not None:
        payload["line"] = problem.line
    if problem.code == "missing_columns":
        payload["missing"] = problem.params["missing"]
    return payload


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
        "period": f"{report.period:%Y-%m}",
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


class ReportCreate(APIView):
    """Send one monthly report; the same body again returns 200 and changes nothing."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [HasPortalPermission("submit_garnishment_reports")]
    parser_classes = [ReportJsonParser, CsvParser]

    def post(self, request):
        third_party = _submitter_third_party(request)
        last_month = timezone.localdate().replace(day=1) - relativedelta(months=1)
        file_format = file_format_of("", request.content_type or "")
        if file_format == "json" and isinstance(request.data, dict) and "bytes" in request.data:
            data = request.data["data"]
            binary, json_lines = io.BytesIO(request.data["bytes"]), data["lines"]
            period = _period(data.get("period"), last_month)
        elif file_format == "csv" and hasattr(request.data, "read"):
            binary, json_lines = request.data, None
            period = _period(request.query_params.get("period"), last_month)
        else:  # no body at all
            problem = FileProblem("empty")
            return Response(
                {"detail": problem.message(), "code": problem.code, "field": "file"},
                status=status.HTTP_422_UNPROCESSABLE_ENTITY,
            )
        try:
            report, created = services.report_submit(
                third_party=third_party,
                period=period,
                binary=binary,
                original_name=request.query_params.get("name", f"api.{file_format}"),
                file_format=file_format,
                channel=Report.Channel.API,
                actor=request.user,
                json_lines=json_lines,
            )
        except services.ReportRefused as refused:
            return Response(refusal_payload(refused), status=refused.status)
        pending = report.processing == Report.Processing.PENDING
        lines = [] if pending else selectors.report_lines(report)[:LINES_IN_RESPONSE]
        payload = report_payload(report, lines)
        payload["already_received"] = not created
        # Past the first 1,000 lines, or once a large report is processed: read them there.
        payload["url"] = payload["lines_url"] = request.build_absolute_uri(
            reverse("garnishment_api:report_detail", args=[report.pk])
        )
        if created and pending:
            answer = status.HTTP_202_ACCEPTED
        else:
            answer = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(payload, status=answer, headers={"Location": payload["url"]})


class ReportDetail(APIView):
    """A report and a page of its lines: `?page=2&status=rejected`."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [HasPortalPermission("submit_garnishment_reports")]

    def get(self, request, pk):
        report = selectors.report_for_submitter(request.user, pk)
        lines = selectors.report_lines(report, request.query_params.get("status", ""))
        page = Paginator(lines, LINES_IN_RESPONSE).get_page(request.query_params.get("page"))
        payload = report_payload(report, page.object_list)
        payload["url"] = request.build_absolute_uri()
        payload["page"], payload["pages"] = page.number, page.paginator.num_pages
        return Response(payload)
