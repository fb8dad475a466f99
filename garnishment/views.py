"""Pages of the two sides: the third party's submitter and the authority's finance clerk."""

from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taxportal.paging import QUEUE_COUNT_AHEAD, paginate
from taxportal.permissions import permission_required
from taxportal.queues import Column, export_format, export_links, export_response, in_chunks, terms

from . import exports, selectors, services
from .forms import (
    AnswersReportForm,
    LineQueueForm,
    NoticeForm,
    PaymentForm,
    RecognitionRequestForm,
    ReportQueueForm,
    ReportUploadForm,
    ServiceStopForm,
    StatementQueueForm,
)
from .lines import FIELD_LABELS, field_label, file_format_of, problem_text
from .models import CpiValue, Report, ReportLine
from .rules import FeeSchedule, MissingIndexYears

SUBMIT = "submit_garnishment_reports"
PAY = "record_garnishment_payments"
LINES_PER_PAGE = 100
REPORTS_PER_PAGE = 20


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
    pager = paginate(request, lines, per_page=LINES_PER_PAGE, count_up_to=QUEUE_COUNT_AHEAD)
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


@permission_required(SUBMIT)
def recognition(request):
    """The third party's recognition, its authorities' notices and terms, and its duty to
    report at once when it stops meeting the conditions (GAR-3)."""
    third_party = selectors.third_party_of(request.user)
    action = request.POST.get("action") if request.method == "POST" else None
    form = ServiceStopForm(request.POST if action == "stop" else None)
    request_form = RecognitionRequestForm(
        request.POST if action == "request" else None,
        request.FILES if action == "request" else None,
        instance=third_party,
    )
    if third_party is not None and action == "request" and request_form.is_valid():
        services.third_party_request_recognition(
            third_party=third_party,
            details={name: request_form.cleaned_data[name] for name in request_form.changed_data},
            actor=request.user,
        )
        messages.success(request, _("Request sent to the Enforcement and Collection Authority."))
        return redirect("garnishment:recognition")
    if third_party is not None and action == "stop" and form.is_valid():
        choices = cast(forms.ChoiceField, form.fields["cause"]).choices
        # Stub gap: django-stubs types `choices` as all it accepts; it reads back as a list.
        cause = dict(choices)[form.cleaned_data["cause"]]  # type: ignore[arg-type]
        services.third_party_stop_service(
            third_party=third_party,
            actor=request.user,
            reason=f"{cause}: {form.cleaned_data['details']}",
        )
        messages.warning(request, _("Reported. Orders received from today on are not billable."))
        return redirect("garnishment:recognition")
    arrangements = (
        third_party.arrangements.select_related("authority").order_by("authority__name")
        if third_party
        else []
    )
    return render(
        request,
        "garnishment/recognition.html",
        {
            "third_party": third_party,
            "arrangements": arrangements,
            "form": form,
            "request_form": request_form,
        },
    )


STATEMENT_COLUMNS = [
    Column(gettext_lazy("Month"), lambda row: f"{row.statement.period:%m/%Y}"),
    Column(gettext_lazy("Authority"), lambda row: row.statement.authority.name),
    Column(gettext_lazy("Third party"), lambda row: row.statement.third_party.name),
    Column(gettext_lazy("Payable (NIS)"), lambda row: row.statement.payable_amount),
    Column(gettext_lazy("Withheld lines"), lambda row: row.statement.withheld_count),
    Column(gettext_lazy("Payment due"), lambda row: row.statement.due_on),
    Column(gettext_lazy("Paid (NIS)"), lambda row: row.paid),
    Column(gettext_lazy("Balance (NIS)"), lambda row: row.balance),
    Column(gettext_lazy("Produced at"), lambda row: row.statement.generated_at),
]


def _statement_list(request, *, third_party=None, authority=None):
    """One side's statements: the search form, and the page or the export of what is shown."""
    queue_form = StatementQueueForm(request.GET, authority_side=authority is not None)
    listed = []
    if third_party or authority:
        listed = selectors.statements_for(
            third_party=third_party,
            authority=authority,
            search=terms(queue_form),
            ordering=queue_form.ordering,
        )
    fmt = export_format(request) if request.method == "GET" and listed != [] else None
    if fmt:
        rows = in_chunks(listed, selectors.with_paid)
        name = f"statements-{timezone.localdate():%Y-%m-%d}"
        return queue_form, None, export_response(fmt, name, STATEMENT_COLUMNS, rows)
    count_up_to = QUEUE_COUNT_AHEAD if listed != [] else None
    pager = paginate(request, listed, per_page=REPORTS_PER_PAGE, count_up_to=count_up_to)
    return queue_form, pager, None


@permission_required(SUBMIT, PAY)
def statements(request):
    third_party = selectors.third_party_of(request.user)
    authority = selectors.authority_of(request.user)
    queue_form, pager, export = _statement_list(
        request, third_party=third_party, authority=authority
    )
    if export is not None:
        return export
    rows = selectors.with_paid(pager.items)
    return render(
        request,
        "garnishment/statements.html",
        {
            "pager": pager,
            "rows": rows,
            "queue_form": queue_form,
            "export_links": export_links(request),
            "listed": bool(third_party or authority),
        },
    )


def _statement_context(request, pk):
    statement = selectors.statement_for_user(request.user, pk)
    paid = selectors.paid_for(statement)
    return {
        "statement": statement,
        "paid": paid,
        "row": selectors.Reconciled(statement, paid),
        "payments": selectors.payments_for(statement),
        "withheld": selectors.withheld_lines(statement).select_related("report")[:LINES_PER_PAGE],
        "field_labels": FIELD_LABELS,
    }


@permission_required(SUBMIT, PAY)
def statement_detail(request, pk):
    return render(request, "garnishment/statement_detail.html", _statement_context(request, pk))


@permission_required(SUBMIT, PAY)
def statement_csv(request, pk):
    statement = selectors.statement_for_user(request.user, pk)
    header, rows = exports.statement_rows(statement, selectors.paid_for(statement))
    return exports.csv_response(f"statement-{statement.pk}.csv", header, rows)


@permission_required(SUBMIT, PAY)
def statement_pdf(request, pk):
    return exports.pdf_response(
        "garnishment/statement_pdf.html",
        _statement_context(request, pk),
        f"statement-{pk}.pdf",
        request,
    )


@permission_required(PAY)
def authority_home(request):
    """The finance clerk's start page: what is owed, record a payment, tell a third party that
    the authority serves it electronically, ask for answers."""
    authority = selectors.authority_of(request.user)
    action = request.POST.get("action") if request.method == "POST" else None
    payment_form = PaymentForm(request.POST if action == "payment" else None, authority=authority)
    notice_form = NoticeForm(request.POST if action == "notice" else None)
    if authority is not None and action == "payment" and payment_form.is_valid():
        try:
            services.payment_record(
                authority=authority, actor=request.user, **payment_form.cleaned_data
            )
        except ValidationError as refusal:  # above what is due, not confirmed (GAR-9)
            payment_form.add_error("amount", refusal)
        else:
            messages.success(request, _("Payment recorded."))
            return redirect("garnishment:authority_home")
    if authority is not None and action == "notice" and notice_form.is_valid():
        services.arrangement_record(
            authority=authority,
            actor=request.user,
            reason="notice of electronic service",
            **notice_form.cleaned_data,
        )
        messages.success(request, _("Notice recorded."))
        return redirect("garnishment:authority_home")
    queue_form, pager, export = _statement_list(request, authority=authority)
    if export is not None:
        return export
    rows = selectors.with_paid(pager.items)
    return render(
        request,
        "garnishment/authority_home.html",
        {
            "authority": authority,
            "pager": pager,
            "rows": rows,
            "queue_form": queue_form,
            "export_links": export_links(request),
            "payment_form": payment_form,
            "notice_form": notice_form,
            "arrangements": (
                authority.arrangements.select_related("third_party").order_by("third_party__name")
                if authority
                else []
            ),
            "answers_form": AnswersReportForm(authority=authority),
            "unmatched_payments": (
                selectors.unmatched_payments(authority)[:REPORTS_PER_PAGE] if authority else []
            ),
        },
    )


@permission_required(PAY)
def answers_csv(request):
    """The answers to the authority's orders over a period of up to three years (GAR-10)."""
    authority = selectors.authority_of(request.user)
    form = AnswersReportForm(request.GET or None, authority=authority)
    if authority is None or not form.is_valid():
        return render(
            request, "garnishment/answers_form.html", {"form": form, "authority": authority}
        )
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    lines = selectors.answers(authority, start, end, form.cleaned_data["third_party"])
    return exports.csv_response(
        f"answers-{authority.code}-{start:%Y%m%d}-{end:%Y%m%d}.csv",
        exports.ANSWER_HEADER,
        exports.answer_rows(lines),
    )


@permission_required(SUBMIT, PAY)
def schedule(request):
    """The fee schedule in force, its history and the index values behind it (GAR-15)."""
    changes: FeeSchedule
    base, changes, error = selectors.base_amounts(), [], ""
    try:
        base, changes = selectors.fee_schedule()
    except MissingIndexYears as missing:
        error = _("The index published in December %(years)s is missing: enter it.") % {
            "years": ", ".join(map(str, missing.years))
        }
    return render(
        request,
        "garnishment/schedule.html",
        {
            "base": sorted(base.items(), key=lambda item: -item[1]),
            "changes": changes,
            "cpi_values": CpiValue.objects.order_by("year"),
            "schedule_error": error,
        },
    )
