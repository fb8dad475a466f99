"""The officers' queue, opening a case and recording its data, the case screen, and the appeal
committee's list."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taxportal.notifications.selectors import case_notification_rows
from taxportal.paging import QUEUE_COUNT_AHEAD, paginate
from taxportal.permissions import permission_required
from taxportal.queues import Column, export_format, export_links, export_response, terms

from .. import selectors, services
from ..forms.cases import CaseDataForm, CaseOpenForm
from ..forms.queues import AppealQueueForm, CaseQueueForm
from .actions import ACTIONS
from .common import STAFF, case_context, form_errors_from

# --- The officers' queue and case ------------------------------------------------------------


QUEUE_COLUMNS = [
    Column(gettext_lazy("Case"), lambda r: r.case.reference),
    Column(gettext_lazy("Next deadline"), lambda r: r.deadline),
    Column(gettext_lazy("What happens then"), lambda r: r.deadline_label),
    Column(gettext_lazy("Status"), lambda r: r.case.get_status_display()),
    Column(gettext_lazy("Importer"), lambda r: r.case.importer_name),
    Column(gettext_lazy("Importer's identity number"), lambda r: r.case.importer_national_id),
    Column(gettext_lazy("Kind"), lambda r: r.case.get_kind_display()),
    Column(gettext_lazy("Import"), lambda r: r.case.subject),
    Column(gettext_lazy("Chassis number"), lambda r: r.case.chassis_number),
    Column(gettext_lazy("Opened"), lambda r: r.case.opened_at),
    Column(gettext_lazy("Warnings"), lambda r: " · ".join(str(w) for w in r.warnings)),
]


@permission_required("value_imports")
def queue(request):
    """The officers' queue: searched, filtered, sorted and paged in SQL whatever its size, or
    exported as shown."""
    queue_form = CaseQueueForm(request.GET)
    status = queue_form.value("status")
    rows = selectors.queue_rows(
        [status] if status else None,
        search=terms(queue_form),
        kind=queue_form.value("kind", ""),
        sort=queue_form.sort_key,
    )
    fmt = export_format(request)
    if fmt:
        name = f"valuation-cases-{timezone.localdate():%Y-%m-%d}"
        return export_response(fmt, name, QUEUE_COLUMNS, rows)
    return render(
        request,
        "customs_valuation/queue.html",
        {
            "pager": paginate(request, rows, count_up_to=QUEUE_COUNT_AHEAD),
            "queue_form": queue_form,
            "export_links": export_links(request),
        },
    )


@permission_required("value_imports")
def case_open(request):
    form = CaseOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_open(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Case %(ref)s opened.") % {"ref": case.reference})
            return redirect("customs_valuation:case_edit", pk=case.pk)
    return render(
        request,
        "customs_valuation/form_page.html",
        {"form": form, "title": _("Open a valuation case")},
    )


@permission_required(*STAFF)
def case_detail(request, pk):
    case = selectors.case_for_staff(pk)
    context = case_context(case)
    context["actions"] = [a for a in ACTIONS.values() if a.available(case, request.user)]
    context["audit"] = selectors.case_history(case)
    context["to_post"] = case.notices_to_post
    context["notifications"] = case_notification_rows(case)
    return render(request, "customs_valuation/case_detail.html", context)


@permission_required("value_imports")
def case_edit(request, pk):
    case = selectors.case_for_staff(pk)
    form = CaseDataForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_update(
                actor=request.user,
                case=case,
                changes=form.changes(),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("The case data was saved."))
            return redirect("customs_valuation:case", pk=case.pk)
    return render(
        request,
        "customs_valuation/form_page.html",
        {"form": form, "case": case, "title": _("Case data %(ref)s") % {"ref": case.reference}},
    )


APPEAL_COLUMNS = [
    Column(gettext_lazy("Case"), lambda a: a.case.reference),
    Column(gettext_lazy("Importer"), lambda a: a.case.importer_name),
    Column(gettext_lazy("Importer's identity number"), lambda a: a.case.importer_national_id),
    Column(gettext_lazy("Vehicle"), lambda a: a.case.subject),
    Column(gettext_lazy("Filed"), lambda a: a.filed_at),
    Column(gettext_lazy("Forwarded"), lambda a: a.forwarded_at),
]


@permission_required("decide_valuation_appeals")
def appeals(request):
    """CUS-12: the appeals waiting for the committee; searched, sorted and paged in SQL, or
    exported as shown."""
    queue_form = AppealQueueForm(request.GET)
    listed = selectors.appeals_for_committee(search=terms(queue_form), ordering=queue_form.ordering)
    fmt = export_format(request)
    if fmt:
        name = f"valuation-appeals-{timezone.localdate():%Y-%m-%d}"
        return export_response(fmt, name, APPEAL_COLUMNS, listed.iterator(chunk_size=1000))
    pager = paginate(request, listed, count_up_to=QUEUE_COUNT_AHEAD)
    return render(
        request,
        "customs_valuation/appeals.html",
        {
            "pager": pager,
            "appeals": pager.items,
            "queue_form": queue_form,
            "export_links": export_links(request),
        },
    )
