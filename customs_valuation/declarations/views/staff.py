"""The valuer's pages: the queue (the 06:00 list, returned tasks, declarations to check, entries
to archive), a declaration with its supplier checked first, a supplier, an entry."""

from dataclasses import replace

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from taxportal.paging import QUEUE_COUNT_AHEAD, page_asked, paginate, paginate_read
from taxportal.permissions import permission_required
from taxportal.queues import Column, export_format, export_links, export_response

from .. import forms, presentation, selectors
from ..models import Entry
from ..selectors.side_lists import side_lists
from ..services import status as status_services
from ..services import suppliers as supplier_services
from ..services import unit as unit_services
from ..services.common import staff_kind
from .common import STAFF, TEMPLATES, form_errors_from

# The queue as exported: what its table shows, dates as date cells.
QUEUE_COLUMNS = [
    Column(_l("Declaration"), lambda d: d.pk),
    Column(_l("Form"), lambda d: d.form),
    Column(_l("Importer"), lambda d: d.importer.name),
    Column(_l("Importer number"), lambda d: d.importer.number),
    Column(_l("Supplier number"), lambda d: d.supplier_id),
    Column(_l("Supplier"), lambda d: d.supplier.name),
    Column(_l("Agent"), lambda d: d.agent.name),
    Column(_l("Status"), lambda d: f"{d.status} – {d.get_status_display()}"),
    Column(_l("Entered"), lambda d: d.entered_on),
    Column(_l("Blocked from"), lambda d: d.blocked_from),
    Column(_l("Expires"), lambda d: d.valid_until if d.expiring else None),
]


@permission_required(STAFF)
def queue(request):
    """The valuer's queue, searched, filtered, sorted and paged in SQL, or exported as shown."""
    search = forms.QueueSearchForm(request.GET or None)
    filters = search.cleaned_data if search.is_valid() else {}
    rows = selectors.queue_rows(
        importer=filters.get("importer") or "",
        supplier=filters.get("supplier"),
        agent=filters.get("agent") or "",
        statuses=filters.get("status") or None,
        older_than=filters.get("older_than"),
        ordering=search.ordering() if search.is_bound else None,
    )
    fmt = export_format(request)
    if fmt:
        name = f"declarations-{timezone.localdate():%Y-%m-%d}"
        return export_response(fmt, name, QUEUE_COLUMNS, rows.iterator(chunk_size=1000))
    pager = paginate(request, rows, count_up_to=QUEUE_COUNT_AHEAD)
    return render(
        request,
        TEMPLATES + "queue.html",
        {
            "search": search,
            "export_links": export_links(request),
            "pager": pager,
            **_side_lists(request),
            "today": timezone.localdate(),
        },
    )


# The side lists' context names and page parameters.
_SIDE_PAGES = {
    "daily": "daily_page",
    "tasks": "tasks_page",
    "archive": "archive_page",
    "to_correct": "correct_page",
}


def _side_lists(request) -> dict:
    """The four side lists, each paged by its own parameter, read in one statement."""
    asked = {
        name: page_asked(request, param=param, count_up_to=QUEUE_COUNT_AHEAD)
        for name, param in _SIDE_PAGES.items()
    }
    read = side_lists(request.user, asked)

    def pager(name: str):
        def other_page(number: int) -> list:
            again = {name: replace(asked[name], number=number)}
            return side_lists(request.user, again)[name][0]

        rows, counted = read[name]
        return paginate_read(request, asked[name], rows, counted, pages=other_page)

    return {name: pager(name) for name in asked}


def _declaration_context(request, declaration, **forms_in_use) -> dict:
    page = selectors.declaration_page(declaration)
    open_findings = {f.code: f.reason for f in page["findings"] if f.resolved_at is None}
    context = {
        "declaration": declaration,
        "supplier": declaration.supplier,
        "agent_view": presentation.agent_view(declaration),
        "supplier_form": forms.SupplierStatusForm(),
        "check_form": forms.CheckForm(open_findings=open_findings),
        "reason_form": forms.ReasonForm(),
        "return_form": forms.ReturnForm(),
        "documents_form": forms.DocumentsRequestForm(),
        "is_unit": staff_kind(request.user) == "unit",
        **page,
    }
    context.update(forms_in_use)
    return context


@permission_required(STAFF)
def declaration_detail(request, number):
    declaration = selectors.declaration_for_staff(number)
    return render(
        request, TEMPLATES + "staff_declaration.html", _declaration_context(request, declaration)
    )


@require_POST
@permission_required(STAFF)
def supplier_status(request, number):
    """From a declaration's page: the supplier is checked first (CUS-41)."""
    declaration = selectors.declaration_for_staff(number)
    form = forms.SupplierStatusForm(request.POST)
    if form.is_valid():
        try:
            supplier_services.supplier_set_status(
                actor=request.user,
                supplier=declaration.supplier,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("The supplier's status was set."))
            return redirect("customs_declarations:staff_declaration", number=declaration.pk)
    context = _declaration_context(request, declaration, supplier_form=form)
    return render(request, TEMPLATES + "staff_declaration.html", context, status=400)


@require_POST
@permission_required(STAFF)
def declaration_check(request, number):
    declaration = selectors.declaration_for_staff(number)
    form = forms.CheckForm(request.POST)
    if form.is_valid():
        try:
            status_services.declaration_check(
                actor=request.user,
                declaration=declaration,
                findings=form.findings(),
                reason=form.cleaned_data["approve_reason"],
                original_received=form.cleaned_data["original_received"],
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("The declaration's status was set."))
            return redirect("customs_declarations:staff_declaration", number=declaration.pk)
    context = _declaration_context(request, declaration, check_form=form)
    return render(request, TEMPLATES + "staff_declaration.html", context, status=400)


@require_POST
@permission_required(STAFF)
def documents_request(request, number):
    """CUS-56: ask the agent for documents."""
    declaration = selectors.declaration_for_staff(number)
    form = forms.DocumentsRequestForm(request.POST)
    if form.is_valid():
        try:
            status_services.documents_request(
                actor=request.user, declaration=declaration, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("The agent was asked for the documents."))
            return redirect("customs_declarations:staff_declaration", number=declaration.pk)
    context = _declaration_context(request, declaration, documents_form=form)
    return render(request, TEMPLATES + "staff_declaration.html", context, status=400)


@require_POST
@permission_required("control_supplier_database")
def declaration_cancel(request, number):
    declaration = selectors.declaration_for_staff(number)
    form = forms.ReasonForm(request.POST)
    if form.is_valid():
        try:
            status_services.declaration_cancel(
                actor=request.user, declaration=declaration, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("The declaration was cancelled (9)."))
            return redirect("customs_declarations:staff_declaration", number=declaration.pk)
    context = _declaration_context(request, declaration, reason_form=form)
    return render(request, TEMPLATES + "staff_declaration.html", context, status=400)


@require_POST
@permission_required("control_supplier_database")
def declaration_return(request, number):
    """CUS-55: a mismatch the valuer missed goes back to them."""
    declaration = selectors.declaration_for_staff(number)
    form = forms.ReturnForm(request.POST)
    if form.is_valid():
        entry = Entry.objects.filter(number=form.cleaned_data["entry_number"]).first()
        try:
            unit_services.return_to_valuer(
                actor=request.user,
                declaration=declaration,
                entry=entry,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Sent back to the valuer."))
            return redirect("customs_declarations:staff_declaration", number=declaration.pk)
    context = _declaration_context(request, declaration, return_form=form)
    return render(request, TEMPLATES + "staff_declaration.html", context, status=400)


@require_POST
@permission_required(STAFF)
def task_done(request, pk):
    houses = selectors.valuer_houses(request.user)
    task = selectors.tasks_for(request.user, houses).filter(pk=pk).first()
    if task is not None:
        unit_services.valuer_task_done(actor=request.user, task=task)
        messages.success(request, _("Task done."))
    return redirect("customs_declarations:queue")
