"""`POST /api/garnishment/reports/` (JSON or CSV, token authentication) and reading a report
back with every line's outcome (GAR-11)."""

import io
import json
import tempfile
from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import ParseError, PermissionDenied, ValidationError
from rest_framework.parsers import BaseParser
from rest_framework.response import Response
from rest_framework.views import APIView

from taxportal.authentication import ApiTokenAuthentication
from taxportal.permissions import HasPortalPermission

from . import selectors, services
from .models import Report, ReportLine

LINES_IN_RESPONSE = 1000
SPOOL_LIMIT = 5 * 1024 * 1024


class CsvParser(BaseParser):
    """Keeps a CSV body as a file, spooled to disk past a few megabytes: never one string."""

    media_type = "text/csv"

    def parse(self, stream, media_type=None, parser_context=None):
        spooled = tempfile.SpooledTemporaryFile(max_size=SPOOL_LIMIT)  # noqa: SIM115 - returned
        for chunk in iter(lambda: stream.read(1 << 16), b""):
            spooled.write(chunk)
        spooled.seek(0)
        return spooled


class ReportJsonParser(BaseParser):
    """Keeps the JSON body's bytes as received (the original stored unchanged) and its data."""

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        body = stream.read()
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError) as error:
            raise ParseError(_("The body is not JSON: %(error)s") % {"error": error}) from None
        return {"bytes": body, "data": data}


def _period(value, default: date) -> date:
    if not value:
        return default
    try:
        year, month = str(value).split("-")[:2]
        return date(int(year), int(month), 1)
    except ValueError:
        raise ValidationError({"period": _("Write the month as YYYY-MM.")}) from None


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
        "file_error": report.file_error,
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

    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [HasPortalPermission("submit_garnishment_reports")]
    parser_classes = [ReportJsonParser, CsvParser]

    def post(self, request):
        third_party = _submitter_third_party(request)
        last_month = timezone.localdate().replace(day=1) - relativedelta(months=1)
        if isinstance(request.data, dict) and "bytes" in request.data:
            data = request.data["data"]
            if not isinstance(data, dict) or not isinstance(data.get("lines"), list):
                raise ValidationError({"lines": _('Send {"period": "YYYY-MM", "lines": [...]}.')})
            binary, json_lines, file_format = (
                io.BytesIO(request.data["bytes"]),
                data["lines"],
                "json",
            )
            period = _period(data.get("period"), last_month)
        else:
            binary, json_lines, file_format = request.data, None, "csv"
            period = _period(request.query_params.get("period"), last_month)
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

    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [HasPortalPermission("submit_garnishment_reports")]

    def get(self, request, pk):
        report = selectors.report_for_submitter(request.user, pk)
        lines = selectors.report_lines(report, request.query_params.get("status", ""))
        page = Paginator(lines, LINES_IN_RESPONSE).get_page(request.query_params.get("page"))
        payload = report_payload(report, page.object_list)
        payload["url"] = request.build_absolute_uri()
        payload["page"], payload["pages"] = page.number, page.paginator.num_pages
        return Response(payload)
