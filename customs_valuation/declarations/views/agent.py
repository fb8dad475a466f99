"""The customs agent's pages: importers, suppliers, declarations, entries, blocks, inbox. Every
read is scoped to the agent; another agent's ids answer 404 as missing ones do."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taxportal.paging import paginate
from taxportal.permissions import permission_required

from .. import forms, presentation, selectors
from ..choices import DeclarationStatus
from ..services import declarations as declaration_services
from ..services import entries as entry_services
from ..services import suppliers as supplier_services
from ..services.common import notification_mark_read
from ..services.suppliers import may_change_supplier
from .common import AGENT, TEMPLATES, form_errors_from


def _agent(request):
    return selectors.agent_of(request.user)


@permission_required(AGENT)
def agent_home(request):
    agent = _agent(request)
    return render(
        request,
        TEMPLATES + "agent_home.html",
        {
            "agent": agent,
            "pager": paginate(request, selectors.importers_of(agent)),
            "active_blocks": selectors.blocks_for_agent(agent, active_only=True).count(),
            "unread": selectors.notifications_of(agent, unread=True).count(),
        },
    )


@permission_required(AGENT)
def suppliers(request):
    search = forms.SupplierSearchForm(request.GET or None)
    found = selectors.suppliers_search()
    if search.is_valid():
        country = search.cleaned_data["country"]
        found = selectors.suppliers_search(search.cleaned_data["q"], country.pk if country else "")
    return render(
        request,
        TEMPLATES + "suppliers.html",
        {"search": search, "pager": paginate(request, found), "agent": _agent(request)},
    )


@permission_required(AGENT)
def supplier_new(request):
    agent = _agent(request)
    form = forms.SupplierEnterForm(request.POST or None)
    duplicates = []
    if request.method == "POST" and agent is not None and form.is_valid():
        data = form.data_for_service()
        confirm = data.pop("confirm_duplicate")
        try:
            supplier = supplier_services.supplier_enter(
                actor=request.user, agent=agent, data=data, confirm_duplicate=confirm
            )
        except supplier_services.DuplicateSupplier as warning:
            duplicates = warning.duplicates
            form_errors_from(form, warning)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Supplier number %(n)s was given.") % {"n": supplier.pk})
            return redirect("customs_declarations:agent_supplier", number=supplier.pk)
    return render(
        request,
        TEMPLATES + "supplier_form.html",
        {"form": form, "duplicates": duplicates, "title": _("Enter a supplier")},
    )


@permission_required(AGENT)
def supplier_detail(request, number):
    supplier, alias = selectors.supplier_by_number(number)
    if alias is not None:
        messages.warning(
            request,
            _("Supplier %(old)s was merged into %(new)s.") % {"old": alias.pk, "new": supplier.pk},
        )
        return redirect("customs_declarations:agent_supplier", number=supplier.pk)
    editable = may_change_supplier(request.user, supplier) and not supplier.cancelled_at
    form = forms.SupplierForm(
        request.POST or None,
        initial={
            name: getattr(supplier, name)
            for name in ("name", "country", "address", "city", "postcode", "dealer_number")
        },
    )
    if request.method == "POST" and not editable:
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            supplier_services.supplier_change(
                actor=request.user, supplier=supplier, data=form.data_for_service()
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("The supplier's data were changed."))
            return redirect("customs_declarations:agent_supplier", number=supplier.pk)
    return render(
        request,
        TEMPLATES + "agent_supplier.html",
        {"supplier": supplier, "form": form if editable else None},
    )


@permission_required(AGENT)
def declarations(request):
    agent = _agent(request)
    status = request.GET.get("status", "")
    found = selectors.declarations_of_agent(agent, importer=request.GET.get("importer", ""))
    if status.isdigit():
        found = found.filter(agent_status=int(status))
    return render(
        request,
        TEMPLATES + "agent_declarations.html",
        {
            "pager": paginate(request, found),
            "importers": selectors.importers_of(agent),
            "statuses": [s for s in DeclarationStatus if s != DeclarationStatus.PRICE_SUSPECTED],
            "chosen": status,
            "chosen_importer": request.GET.get("importer", ""),
        },
    )


@permission_required(AGENT)
def declaration_new(request):
    agent = _agent(request)
    form = forms.DeclarationEnterForm(request.POST or None, importers=selectors.importers_of(agent))
    if request.method == "POST" and form.is_valid():
        data = form.data_for_service()
        try:
            declaration, warnings = declaration_services.declaration_enter(
                actor=request.user,
                agent=agent,
                importer=form.cleaned_data["importer"],
                supplier_number=form.cleaned_data["supplier_number"],
                form=form.cleaned_data["form"],
                entry_number=form.cleaned_data["entry_number"],
                data=data,
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            for warning in warnings:
                messages.warning(request, warning)
            messages.success(request, _("Declaration %(n)s entered.") % {"n": declaration.pk})
            return redirect("customs_declarations:agent_declaration", number=declaration.pk)
    return render(
        request,
        TEMPLATES + "form_page.html",
        {"form": form, "title": _("Enter an importer declaration")},
    )


def _own_declaration(request, number):
    return selectors.declaration_for_agent(_agent(request), number, request.GET.get("importer"))


@permission_required(AGENT)
def declaration_detail(request, number):
    declaration = _own_declaration(request, number)
    mine = declaration.agent_id == getattr(_agent(request), "pk", None)
    return render(
        request,
        TEMPLATES + "agent_declaration.html",
        {
            "declaration": declaration,
            "view": presentation.agent_view(declaration),
            "mine": mine,
            "documents": list(declaration.documents.all()) if mine else [],
            "upload": forms.UploadForm(),
        },
    )


@permission_required(AGENT)
def declaration_correct(request, number):
    declaration = selectors.declaration_for_agent(_agent(request), number)
    form = forms.DeclarationDataForm(request.POST or None, instance=declaration)
    if request.method == "POST" and form.is_valid():
        try:
            declaration_services.declaration_correct(
                actor=request.user,
                agent=_agent(request),
                declaration=declaration,
                data=form.data_for_service(),
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("The declaration was corrected."))
            return redirect("customs_declarations:agent_declaration", number=declaration.pk)
    return render(
        request,
        TEMPLATES + "form_page.html",
        {"form": form, "title": _("Correct declaration %(n)s") % {"n": declaration.pk}},
    )


@permission_required(AGENT)
def declaration_replace(request, number):
    declaration = selectors.declaration_for_agent(_agent(request), number)
    form = forms.DeclarationDataForm(request.POST or None, instance=declaration)
    if request.method == "POST" and form.is_valid():
        try:
            new = declaration_services.declaration_replace(
                actor=request.user,
                agent=_agent(request),
                declaration=declaration,
                data=form.data_for_service(),
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Declaration %(n)s entered.") % {"n": new.pk})
            return redirect("customs_declarations:agent_declaration", number=new.pk)
    return render(
        request,
        TEMPLATES + "form_page.html",
        {"form": form, "title": _("New declaration replacing %(n)s") % {"n": declaration.pk}},
    )


@require_POST
@permission_required(AGENT)
def declaration_upload(request, number):
    declaration = selectors.declaration_for_agent(_agent(request), number)
    form = forms.UploadForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.get_json_data())
        declaration_services.document_upload(
            actor=request.user,
            agent=_agent(request),
            declaration=declaration,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(_messages(error)))
    else:
        messages.success(request, _("The document was uploaded."))
    return redirect("customs_declarations:agent_declaration", number=declaration.pk)


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [str(m) for msgs in error.message_dict.values() for m in msgs]
    return [str(m) for m in error.messages]


@require_POST
@permission_required(AGENT)
def declaration_delivered(request, number):
    declaration = selectors.declaration_for_agent(_agent(request), number)
    try:
        declaration_services.original_delivered(
            actor=request.user, agent=_agent(request), declaration=declaration
        )
    except ValidationError as error:
        messages.error(request, " ".join(_messages(error)))
    else:
        messages.success(request, _("The delivery of the signed original was recorded."))
    return redirect("customs_declarations:agent_declaration", number=declaration.pk)


@permission_required(AGENT)
def entry_new(request):
    agent = _agent(request)
    form = forms.EntryFileForm(request.POST or None, importers=selectors.importers_of(agent))
    filing = None
    if request.method == "POST" and form.is_valid():
        try:
            filing = entry_services.entry_file(actor=request.user, agent=agent, **form.cleaned_data)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            for warning in filing.warnings:
                messages.warning(request, warning)
            if not filing.refused:
                assert filing.entry is not None  # a filing not refused has its entry
                messages.success(request, _("Entry %(n)s filed.") % {"n": filing.entry.number})
                return redirect("customs_declarations:agent_entry_new")
    return render(
        request,
        TEMPLATES + "entry_form.html",
        {
            "form": form,
            "blocks": [presentation.block_answer(b) for b in filing.blocks] if filing else [],
            "title": _("File an entry"),
        },
    )


@permission_required(AGENT)
def blocks(request):
    found = selectors.blocks_for_agent(_agent(request))
    pager = paginate(request, found)
    return render(
        request,
        TEMPLATES + "agent_blocks.html",
        {"pager": pager, "rows": [presentation.block_answer(b) for b in pager.items]},
    )


@permission_required(AGENT)
def inbox(request):
    pager = paginate(request, selectors.notifications_of(_agent(request)))
    rows = [(n, presentation.notification_text(n)) for n in pager.items]
    return render(request, TEMPLATES + "inbox.html", {"pager": pager, "rows": rows})


@require_POST
@permission_required(AGENT)
def inbox_read(request, pk):
    notice = get_object_or_404(selectors.notifications_of(_agent(request)), pk=pk)
    notification_mark_read(agent=_agent(request), notification=notice)
    return redirect("customs_declarations:inbox")
