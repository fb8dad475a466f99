"""The clerk's queue and applications, appeals and their documents (BADGE-7 to BADGE-10)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from taxportal.audit import audit_trail
from taxportal.notifications.selectors import case_notification_rows
from taxportal.paging import QUEUE_COUNT_AHEAD, paginate
from taxportal.permissions import permission_required
from taxportal.queues import Column, export_format, export_links, export_response, in_chunks, terms

from .. import forms, rules, selectors, services
from ..choices import (
    OPEN_APPLICATION_STATUSES,
)
from ..models import (
    BadgeApplication,
    GroundEvidence,
    MedicalDocument,
)
from ._helpers import (
    show_errors,
    uploaded_document,
)
from ._queues import clerk_rows_html, shown_cases

QUEUE_COLUMNS = [
    Column(
        gettext_lazy("Case"), lambda r: f"{r.application.get_kind_display()} #{r.application.pk}"
    ),
    Column(gettext_lazy("Days left"), lambda r: r.days_left),
    Column(gettext_lazy("Applicant"), lambda r: r.application.person.full_name),
    Column(gettext_lazy("Identity number"), lambda r: r.application.person.national_id),
    Column(gettext_lazy("Status"), lambda r: r.application.get_status_display()),
    Column(gettext_lazy("Material received"), lambda r: r.application.material_received_on),
    Column(gettext_lazy("Answer due"), lambda r: r.due_on),
    Column(gettext_lazy("More information by"), lambda r: r.application.info_due_on),
    Column(gettext_lazy("Documents"), lambda r: r.application.document_count),
]


@permission_required("process_badges")
def queue(request):
    """BADGE-8: open cases with the days left of the 90, the overdue flagged; searched,
    filtered, sorted and paged in SQL, or exported as they are shown."""
    today = timezone.localdate()
    queue_form = forms.BadgeQueueForm(request.GET)
    status = queue_form.value("status", "")
    cases = selectors.open_cases(
        status=status,
        kind=queue_form.value("kind", ""),
        due=queue_form.value("due", ""),
        search=terms(queue_form),
        ordering=queue_form.ordering,
        today=today,
    )
    fmt = export_format(request)
    if fmt:
        chunks = in_chunks(cases, lambda chunk: selectors.queue_rows(chunk, today=today))
        return export_response(fmt, f"badge-queue-{today:%Y-%m-%d}", QUEUE_COLUMNS, chunks)
    shown = selectors.with_side_counts(cases.only(*selectors.CASE_SHOWN), today=today)
    pager = paginate(request, shown, count_up_to=QUEUE_COUNT_AHEAD)
    rows = selectors.queue_rows(pager.items, today=today)
    counts = selectors.side_counts(pager.items, cases, today=today)
    overdue = counts["overdue"]
    return render(
        request,
        "parking_badges/queue.html",
        {
            "title": gettext_lazy("Badge applications queue"),
            "queue_form": queue_form,
            "export_links": export_links(request),
            "pager": pager,
            "rows": rows,
            "rows_html": clerk_rows_html(shown_cases(rows, viewname="parking_badges:application")),
            "overdue_count": min(overdue, QUEUE_COUNT_AHEAD),
            "overdue_more": overdue > QUEUE_COUNT_AHEAD,
            "overdue_cap": f"{QUEUE_COUNT_AHEAD:,}",
            "approved": paginate(
                request,
                selectors.approved_waiting_for_badge(),
                param="approved_page",
                count_up_to=QUEUE_COUNT_AHEAD,
            ),
            "referrals": selectors.institute_referrals()[:50],
            "replacements": selectors.open_replacement_requests(),
            "waiting_for_print": counts["waiting_for_print"],
            "search_form": forms.HolderSearchForm(),
        },
    )


@permission_required("process_badges")
def application_new(request):
    """BADGE-7: a new application; details that differ from the holder's file are shown to the
    clerk, who confirms them. BADGE-55: the same form sent twice records one application."""
    form = forms.ApplicationForm(request.POST or None, request.FILES or None)
    differences = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        already = selectors.application_sent_from(data["submission_token"])
        try:
            application = services.application_receive(
                actor=request.user,
                details=form.person_details(),
                source=data["source"],
                ground=data["ground"],
                material_received_on=data["material_received_on"],
                documents=data["documents"],
                notes=data["notes"],
                source_decided_on=data["source_decided_on"],
                source_reference=data["source_reference"],
                source_letter=data["source_letter"],
                confirm_changes=data["confirm_changes"],
                submission_token=data["submission_token"],
            )
        except ValidationError as error:
            if any(e.code == services.DETAILS_DIFFER for e in error.error_list):
                differences = selectors.person_differences(form.person_details())
                form.add_error(
                    None,
                    _(
                        "The applicant's details differ from the holder's file: check them "
                        "below and confirm, or correct the form."
                    ),
                )
            else:
                form.add_error(None, error)
        else:
            if already is not None:
                messages.info(
                    request,
                    _("This form had already been sent: application #%(pk)s was recorded from it.")
                    % {"pk": application.pk},
                )
            else:
                messages.success(request, _("The application was recorded."))
            return redirect("parking_badges:application", pk=application.pk)
    return render(
        request,
        "parking_badges/application_form.html",
        {"title": gettext_lazy("New badge application"), "form": form, "differences": differences},
    )


@permission_required("process_badges")
def application_detail(request, pk: int):
    application = get_object_or_404(BadgeApplication, pk=pk)
    application = selectors.application_detail(application.pk)
    actions = rules.application_actions(status=application.status, source=application.source)
    return render(
        request,
        "parking_badges/application_detail.html",
        {
            "title": str(application),
            "application": application,
            "status": selectors.holder_status(application.person.national_id),
            "documents_form": forms.DocumentsForm(),
            "health_form": forms.HealthApprovalForm(
                initial={
                    "approved_on": application.source_decided_on,
                    "reference": application.source_reference,
                }
            )
            if rules.RECORD_HEALTH_APPROVAL in actions
            else None,
            "can_send": rules.SEND_TO_DOCTOR in actions,
            "institute_form": forms.InstituteAnswerForm()
            if application.institute_referred_on
            else None,
            # BADGE-10: a case waiting for information: extend its date or close it.
            "info_overdue": rules.info_overdue(
                status=application.status,
                info_due_on=application.info_due_on,
                today=timezone.localdate(),
            ),
            "extend_form": forms.InfoExtendForm() if rules.EXTEND_INFO in actions else None,
            "close_form": forms.CaseCloseForm() if rules.CLOSE_UNANSWERED in actions else None,
            "appeal_form": forms.AppealForm()
            if rules.APPEAL in actions
            and not any(a.status in OPEN_APPLICATION_STATUSES for a in application.appeals.all())
            else None,
            "trail": audit_trail(application),
            "notifications": case_notification_rows(application),
        },
    )


def _application_action(request, pk: int, form_class, action):
    application = get_object_or_404(BadgeApplication, pk=pk)
    form = form_class(request.POST, request.FILES) if form_class else None
    if form is not None and not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return redirect("parking_badges:application", pk=pk)
    try:
        result = action(application, form.cleaned_data if form else {})
    except ValidationError as error:
        show_errors(request, error)
        return redirect("parking_badges:application", pk=pk)
    return result or redirect("parking_badges:application", pk=pk)


@require_POST
@permission_required("process_badges")
def application_send_to_doctor(request, pk: int):
    def act(application, _data):
        services.application_send_to_doctor(
            actor=request.user, application=application, on=timezone.localdate()
        )
        messages.success(request, _("The case was sent to the department doctor."))

    return _application_action(request, pk, None, act)


@require_POST
@permission_required("process_badges")
def application_add_documents(request, pk: int):
    def act(application, data):
        services.application_add_documents(
            actor=request.user,
            application=application,
            documents=data["documents"],
            note=data["note"],
        )
        messages.success(request, _("The documents were attached."))

    return _application_action(request, pk, forms.DocumentsForm, act)


@require_POST
@permission_required("process_badges")
def application_health_approval(request, pk: int):
    def act(application, data):
        services.application_record_health_ministry_approval(
            actor=request.user, application=application, **data
        )
        messages.success(request, _("The Ministry of Health approval was recorded."))
        return redirect("parking_badges:holder", pk=application.person_id)

    return _application_action(request, pk, forms.HealthApprovalForm, act)


@require_POST
@permission_required("process_badges")
def application_institute_answer(request, pk: int):
    def act(application, data):
        services.application_record_institute_answer(
            actor=request.user, application=application, **data
        )
        messages.success(request, _("The Medical Institute's answer was recorded."))

    return _application_action(request, pk, forms.InstituteAnswerForm, act)


@require_POST
@permission_required("process_badges")
def application_extend_info(request, pk: int):
    """BADGE-10: a later "more information by" date, with the reason."""

    def act(application, data):
        services.application_extend_info_deadline(
            actor=request.user,
            application=application,
            until=data["until"],
            reason=data["reason"],
            today=timezone.localdate(),
        )
        messages.success(request, _("The date for the information was extended."))

    return _application_action(request, pk, forms.InfoExtendForm, act)


@require_POST
@permission_required("process_badges")
def application_close(request, pk: int):
    """BADGE-10: the information did not come by its date: the case is closed, with the reason."""

    def act(application, data):
        services.application_close(
            actor=request.user,
            application=application,
            on=timezone.localdate(),
            reason=data["reason"],
        )
        messages.success(request, _("The case was closed."))

    return _application_action(request, pk, forms.CaseCloseForm, act)


@require_POST
@permission_required("process_badges")
def application_appeal(request, pk: int):
    def act(application, data):
        appeal = services.appeal_receive(
            actor=request.user,
            rejected=application,
            material_received_on=data["material_received_on"],
            documents=data["documents"],
            notes=data["notes"],
        )
        messages.success(request, _("The appeal was recorded."))
        return redirect("parking_badges:application", pk=appeal.pk)

    return _application_action(request, pk, forms.AppealForm, act)


@permission_required("process_badges", "decide_medical")
def document_download(request, pk: int):
    """Medical documents: only clerks and the department doctor, never a public URL."""
    document = get_object_or_404(MedicalDocument, pk=pk)
    return uploaded_document(document.file, document.content_type, document.original_name)


@permission_required("process_badges")
def evidence_download(request, pk: int):
    """A scanned document proving a vehicle's ground: clerks only."""
    evidence = get_object_or_404(GroundEvidence, pk=pk)
    assert evidence.document.name is not None  # the column is not nullable
    return uploaded_document(
        evidence.document, evidence.content_type, evidence.document.name.rsplit("/", 1)[-1]
    )
