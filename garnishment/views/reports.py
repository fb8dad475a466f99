"""The submitter's reports: upload, the list, a report's lines, its original file, removing it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taxportal.paging import QUEUE_COUNT_AHEAD, paginate
from taxportal.permissions import permission_required
from taxportal.queues import Column, export_format, export_links, export_response, terms

from .. import selectors, services
from ..forms import LineQueueForm, ReportQueueForm, ReportUploadForm
from ..lines import FIELD_LABELS, field_label, file_format_of, problem_text
from ..models import Report, ReportLine
from .common import LINES_PER_PAGE, REPORTS_PER_PAGE, SUBMIT


@permission_required(SUBMIT)
def reports(request):
    """The submitter's start page: upload this month's report, see every report sent."""
    third_party = selectors.third_party_of(request.user)
    form = ReportUploadForm(request.POST or None, request.FILES or None)
    if third_party is not None and request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report, created = services.report_submit(
                third_party=third_party,
                period=form.cleaned_data["period"],
                binary=upload,
                original_name=upload.name,
                file_format=file_format_of(upload.name, upload.content_type or ""),
                channel=Report.Channel.UPLOAD,
                actor=request.user,
            )
        except services.ReportRefused as refused:  # nothing was stored
            form.add_error("file", refused)
            return _reports_page(request, third_party, form)
        if not created:
            messages.info(
                request, _("This file was already received for this month; nothing changed.")
            )
        elif report.processing == Report.Processing.PENDING:
            messages.info(
                request,
                _("The file is large: it was received and its lines are being checked and billed."),
            )
        return redirect("garnishment:report_detail", pk=report.pk)
    return _reports_page(request, third_party, form)


REPORT_COLUMNS = [
    Column(gettext_lazy("Month"), lambda r: f"{r.period:%m/%Y}"),
    Column(pgettext_lazy("the time a report came", "Received"), lambda r: r.submitted_at),
    Column(gettext_lazy("File"), lambda r: r.original_name),
    Column(gettext_lazy("Processing"), lambda r: r.get_processing_display()),
    Column(gettext_lazy("Lines"), lambda r: r.line_count),
    # Counts of lines, worded as the page's headings ("Accepted" alone is a report's status).
    Column(pgettext_lazy("lines of a report", "Accepted"), lambda r: r.accepted_count),
    Column(pgettext_lazy("lines of a report", "Withheld"), lambda r: r.withheld_count),
    Column(pgettext_lazy("lines of a report", "Rejected"), lambda r: r.rejected_count),
    Column(gettext_lazy("Fees billed (NIS)"), lambda r: r.billed_total),
]


def _reports_page(request, third_party, form):
    pager = None
    queue_form = ReportQueueForm(request.GET)
    if third_party is not None:
        listed = selectors.reports_of(
            third_party,
            search=terms(queue_form),
            processing=queue_form.value("processing", ""),
            ordering=queue_form.ordering,
        )
        fmt = export_format(request) if request.method == "GET" else None
        if fmt:
            name = f"reports-{timezone.localdate():%Y-%m-%d}"
            return export_response(fmt, name, REPORT_COLUMNS, listed.iterator(chunk_size=1000))
        pager = paginate(request, listed, per_page=REPORTS_PER_PAGE, count_up_to=QUEUE_COUNT_AHEAD)
    return render(
        request,
        "garnishment/reports.html",
        {
            "third_party": third_party,
            "form": form,
            "page": pager and pager.page,
            "pager": pager,
            "queue_form": queue_form,
            "export_links": export_links(request),
            "field_labels": FIELD_LABELS,
        },
    )


def line_reasons(line) -> str:
    """Why a line was billed, withheld or rejected, as the report's page says it."""
    if line.completed_by_id:
        done = _("Completed by a corrected line: report #%(report)s, line %(number)s.") % {
            "report": line.completed_by.report_id,
            "number": line.completed_by.line_number,
        }
        return f"{done} {line.get_fee_reason_display()}"
    if line.problems:
        language = (get_language() or "he")[:2]
        return "; ".join(
            f"{field_label(item['field'])}: {problem_text(item, language)}"
            for item in line.problems
        )
    return line.get_fee_reason_display()


LINE_COLUMNS = [
    Column(gettext_lazy("Line"), lambda line: line.line_number),
    Column(gettext_lazy("Status"), lambda line: line.get_status_display()),
    Column(gettext_lazy("Authority"), lambda line: line.authority.code if line.authority else ""),
    Column(gettext_lazy("Order number"), lambda line: line.order_number),
    Column(gettext_lazy("Debtor's identifier"), lambda line: line.debtor_id),
    Column(gettext_lazy("Received on"), lambda line: line.received_on),
    Column(gettext_lazy("Fee billed (NIS)"), lambda line: line.fee_billed),
    Column(gettext_lazy("Why"), lambda line: line_reasons(line)),
    Column(gettext_lazy("Payment due"), lambda line: line.due_on),
]


# What the page's table shows of a line (`line_rows`), and its report: the lines are the
# report's (`report.lines`), which Django sets on each by reading its report_id. The
# authority's code and the completing line are columns of the line's row, not model instances
# of their own (a hundred of them a page).
LINE_SHOWN = (
    "report", "line_number", "status", "order_number", "order_kind", "garnishment_order_number",
    "received_on", "fee_billed", "fee_reason", "problems", "due_on",
)  # fmt: skip
LINE_JOINED = {
    "authority_code": F("authority__code"),
    "completed_in_report": F("completed_by__report_id"),
    "completed_as_line": F("completed_by__line_number"),
}


@permission_required(SUBMIT)
def report_detail(request, pk):
    report = selectors.report_for_submitter(request.user, pk)
    queue_form = LineQueueForm(request.GET)
    status = queue_form.value("status", "")
    lines = selectors.report_lines(report, status, terms(queue_form))
    fmt = export_format(request)
    if fmt:
        name = f"report-{report.pk}-lines"
        return export_response(fmt, name, LINE_COLUMNS, lines.iterator(chunk_size=2000))
    # Not the line as received, nor the debtor's details.
    shown = lines.select_related(None).only(*LINE_SHOWN).annotate(**LINE_JOINED)
    pager = paginate(request, shown, per_page=LINES_PER_PAGE, count_up_to=QUEUE_COUNT_AHEAD)
    return render(
        request,
        "garnishment/report_detail.html",
        {
            "report": report,
            "page": pager.page,
            "pager": pager,
            "status": status,
            "statuses": ReportLine.Status.choices,
            "queue_form": queue_form,
            "export_links": export_links(request),
        },
    )


@permission_required(SUBMIT)
@require_POST
def report_remove(request, pk):
    """The sender removes a report that failed (nothing of it was billed)."""
    report = selectors.report_for_submitter(request.user, pk)
    try:
        services.report_remove(report=report, actor=request.user)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
        return redirect("garnishment:report_detail", pk=report.pk)
    messages.success(request, _("The report that failed was removed."))
    return redirect("garnishment:reports")


@permission_required(SUBMIT)
def report_original(request, pk):
    report = selectors.report_for_submitter(request.user, pk)
    if not report.original_file:  # removed past the retention period (GAR-10)
        raise Http404
    return FileResponse(
        report.original_file.open("rb"), as_attachment=True, filename=report.original_name
    )
