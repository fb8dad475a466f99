"""Pages of the two sides: the third party's submitter and the authority's finance clerk."""

from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taxportal.paging import paginate
from taxportal.permissions import permission_required

from . import exports, selectors, services
from .forms import (
    AnswersReportForm,
    NoticeForm,
    PaymentForm,
    RecognitionRequestForm,
    ReportUploadForm,
    ServiceStopForm,
)
from .lines import FIELD_LABELS, file_format_of
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


def _reports_page(request, third_party, form):
    pager = None
    if third_party is not None:
        pager = paginate(request, selectors.reports_of(third_party), per_page=REPORTS_PER_PAGE)
    return render(
        request,
        "garnishment/reports.html",
        {
            "third_party": third_party,
            "form": form,
            "page": pager and pager.page,
            "pager": pager,
            "field_labels": FIELD_LABELS,
        },
    )


@permission_required(SUBMIT)
def report_detail(request, pk):
    report = selectors.report_for_submitter(request.user, pk)
    status = request.GET.get("status", "")
    status = status if status in ReportLine.Status.values else ""
    pager = paginate(request, selectors.report_lines(report, status), per_page=LINES_PER_PAGE)
    return render(
        request,
        "garnishment/report_detail.html",
        {
            "report": report,
            "page": pager.page,
            "pager": pager,
            "status": status,
            "statuses": ReportLine.Status.choices,
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


@permission_required(SUBMIT, PAY)
def statements(request):
    third_party = selectors.third_party_of(request.user)
    authority = selectors.authority_of(request.user)
    listed = []
    if third_party or authority:
        listed = selectors.statements_for(third_party=third_party, authority=authority)
    pager = paginate(request, listed, per_page=REPORTS_PER_PAGE)
    rows = selectors.with_paid(pager.items)
    return render(request, "garnishment/statements.html", {"pager": pager, "rows": rows})


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
    listed = selectors.statements_for(authority=authority) if authority else []
    pager = paginate(request, listed, per_page=REPORTS_PER_PAGE)
    rows = selectors.with_paid(pager.items)
    return render(
        request,
        "garnishment/authority_home.html",
        {
            "authority": authority,
            "pager": pager,
            "rows": rows,
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
