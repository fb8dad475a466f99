"""The agent's pages (CUS-95): its entries' cases with the documents asked for and their due
dates, uploads against each item, the notices, the importer's choice (CUS-80), a damage request
(CUS-93); assists and their spreading (CUS-77); credit notes for the chief valuer (CUS-70).
Another agent's ids answer 404 as missing ones do."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taxportal.forms import PortalForm
from taxportal.paging import paginate
from taxportal.permissions import permission_required

from ...declarations import selectors as declaration_selectors
from .. import forms, rules, selectors
from ..choices import CaseStatus
from ..models import Assist, CreditNote, RequestedDocument
from ..services import credit_notes as credit_services
from ..services import decisions as decision_services
from ..services import documents as document_services
from ..services import special as special_services
from ..services import worksheet as sheet_services
from .common import AGENT, TEMPLATES, agent_of, show_refusal


@permission_required(AGENT)
def cases(request):
    agent = agent_of(request)
    rows = selectors.cases_for_agent(agent).order_by("-opened_at", "-pk")
    return render(
        request, TEMPLATES + "agent_cases.html", {"pager": paginate(request, rows), "agent": agent}
    )


def _case_page(request, case, bound=None, status=200):
    bound = bound or {}
    today = timezone.localdate()
    requests = selectors.requests_of(case)
    uploads = {}
    for request_row in requests:
        for item in request_row.items.all():
            prefix = f"upload-{item.pk}"
            uploads[item.pk] = bound.get(prefix) or forms.UploadForm(prefix=prefix)
    return render(
        request,
        TEMPLATES + "agent_case.html",
        {
            "case": case,
            "requests": [(r, rules.request_lapsed(r.due_on, today=today)) for r in requests],
            "uploads": uploads,
            "notices": list(case.notices.all()),
            "choice_form": bound.get("choose") or forms.ChoiceForm(prefix="choose"),
            "damage_form": bound.get("damage") or forms.DamageRequestForm(prefix="damage"),
            "damage": list(case.damage.all()),
            "can_choose": case.status == CaseStatus.NOT_CONVINCED,
            "security": case.notices.filter(kind="not_satisfied").order_by("-pk").first(),
        },
        status=status,
    )


@permission_required(AGENT)
def case_detail(request, pk):
    return _case_page(request, selectors.case_for_agent(agent_of(request), pk))


@require_POST
@permission_required(AGENT)
def case_action(request, pk, action, arg=""):
    agent = agent_of(request)
    case = selectors.case_for_agent(agent, pk)
    form: PortalForm
    if action == "upload" and arg:
        item = get_object_or_404(RequestedDocument, pk=_int(arg), request__case=case)
        prefix = f"upload-{item.pk}"
        form = forms.UploadForm(request.POST, request.FILES, prefix=prefix)

        def run():
            document_services.document_upload(
                actor=request.user,
                agent=agent,
                item=item,
                upload=form.cleaned_data["file"],
                answer=form.cleaned_data["answer"],
            )
            return _("The document was uploaded.")
    elif action == "choose" and not arg:
        prefix, form = "choose", forms.ChoiceForm(request.POST, prefix="choose")

        def run():
            decision_services.case_choose(
                actor=request.user, agent=agent, case=case, option=form.cleaned_data["option"]
            )
            return _("The importer's choice was recorded.")
    elif action == "damage" and not arg:
        prefix, form = "damage", forms.DamageRequestForm(request.POST, prefix="damage")

        def run():
            special_services.damage_request(
                actor=request.user,
                agent=agent,
                case=case,
                description=form.cleaned_data["description"],
            )
            return _("The request went to the valuers committee.")
    else:
        raise Http404
    if form.is_valid():
        try:
            done = run()
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, done)
            return redirect("customs_commercial:agent_case", pk=case.pk)
    return _case_page(request, selectors.case_for_agent(agent, pk), {prefix: form}, status=400)


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


@permission_required(AGENT)
def assists(request):
    agent = agent_of(request)
    importers = list(declaration_selectors.importers_of(agent))
    form = forms.AssistForm(request.POST or None, importers=importers)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        importer = next(i for i in importers if i.number == data.pop("importer"))
        for name in ("carriage", "changes", "earlier_use"):
            data[name] = data[name] or 0
        try:
            sheet_services.assist_record(actor=request.user, agent=agent, importer=importer, **data)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The assist was recorded."))
            return redirect("customs_commercial:agent_assists")
    rows = Assist.objects.filter(agent=agent).select_related("importer", "supplier")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        TEMPLATES + "agent_assists.html",
        {"form": form, "pager": paginate(request, rows.order_by("-pk"))},
        status=status,
    )


@permission_required(AGENT)
def credit_notes(request):
    agent = agent_of(request)
    importers = list(declaration_selectors.importers_of(agent))
    form = forms.CreditNoteForm(request.POST or None, importers=importers)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        importer = next(i for i in importers if i.number == data.pop("importer"))
        try:
            credit_services.credit_note_request(
                actor=request.user, agent=agent, importer=importer, **data
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The credit note went to the chief valuer."))
            return redirect("customs_commercial:agent_credit_notes")
    rows = CreditNote.objects.filter(agent=agent).select_related("importer", "supplier")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        TEMPLATES + "agent_credit_notes.html",
        {"form": form, "pager": paginate(request, rows.order_by("-pk"))},
        status=status,
    )
