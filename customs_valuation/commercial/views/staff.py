"""The valuers' pages: the queue, opening a case for an entry, the case in four pages (the
transaction and its checks; documents; the worksheet; the decision and the methods), and their
actions. Each action binds its form, calls its service, and on a refusal shows the page again
with the form and its errors (400)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from taxportal.audit import audit_trail
from taxportal.paging import paginate
from taxportal.permissions import permission_required

from ...declarations.models import Entry
from .. import forms, presentation, rules, selectors
from ..choices import (
    ActorKind,
    CaseStatus,
    Ground,
    Method,
    RequestItem,
    Trigger,
    VerificationStep,
)
from ..models import (
    Assist,
    Candidate,
    CaseItem,
    CommercialDocument,
    Consultation,
    CreditNote,
    DamageRequest,
    FreightNotice,
    WorksheetLine,
)
from ..services import cases as case_services
from ..services import credit_notes as credit_services
from ..services import decisions as decision_services
from ..services import documents as document_services
from ..services import methods as method_services
from ..services import special as special_services
from ..services import worksheet as sheet_services
from ..services.common import actor_kind, house_ids
from ..services.decisions import transaction_value_problems
from .common import CHIEF, DIRECTOR, STAFF, TEMPLATES, VALUER, show_refusal

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PAGES = {
    "overview": gettext_lazy("The transaction and its checks"),
    "documents": gettext_lazy("Documents"),
    "worksheet": gettext_lazy("Worksheet"),
    "decision": gettext_lazy("Decision and methods"),
}


# --- The queue and opening a case -------------------------------------------------------------


@permission_required(*STAFF, CHIEF)
def queue(request):
    user = request.user
    houses = house_ids(user)
    kind = actor_kind(user)
    to_value = Entry.objects.none()
    if kind in {ActorKind.VALUER, ActorKind.CHIEF}:
        to_value = (
            Entry.objects.filter(
                customs_house_id__in=houses, commercial_case__isnull=True, archived_at__isnull=True
            )
            .filter(Q(thorough_examination=True) | Q(released_at__isnull=True))
            .select_related("importer", "supplier")
            .order_by("filed_at", "pk")
        )
    status = request.GET.get("status", "")
    return render(
        request,
        TEMPLATES + "queue.html",
        {
            "cases": paginate(request, selectors.queue(user, status=status)),
            "entries": paginate(request, to_value, param="entries_page"),
            "guarantees": selectors.guarantees_expiring(user),
            "credit_notes": selectors.credit_notes_waiting(user),
            "consultations": selectors.consultations_open() if kind == ActorKind.UNIT else [],
            "statuses": CaseStatus.choices,
            "status": status,
            "today": timezone.localdate(),
            "kind": kind,
        },
    )


def _entry_for(request, number) -> Entry:
    entry = (
        Entry.objects.select_related("importer", "supplier", "customs_house")
        .filter(number=str(number)[:20], customs_house_id__in=house_ids(request.user))
        .first()
    )
    if entry is None:
        raise Http404
    return entry


@permission_required(VALUER)
def entry_open(request, number):
    entry = _entry_for(request, number)
    if hasattr(entry, "commercial_case"):
        return redirect("customs_commercial:case", pk=entry.commercial_case.pk)
    form = forms.OpenCaseForm(request.POST or None, initial={"country_of_export": "CN"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = case_services.case_open(
                actor=request.user,
                entry=entry,
                exchange_rate=data["exchange_rate"],
                country_of_export=data["country_of_export"].pk,
                declared_value=data["declared_value"],
                used_vehicle=data["used_vehicle"],
                destination=data["destination"],
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The case was opened."))
            return redirect("customs_commercial:case", pk=case.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, TEMPLATES + "open.html", {"entry": entry, "form": form}, status=status)


# --- The case's pages -------------------------------------------------------------------------


def _facts_initial(case) -> dict:
    def yes_no(value):
        return {True: "yes", False: "no"}.get(value, "")

    return {
        "incoterm": "" if case.incoterm_assumed else case.incoterm,
        "incoterm_place": case.incoterm_place,
        "transport_mode": case.transport_mode,
        "nature": case.nature,
        "invoice_kind": case.invoice_kind,
        "invoice_total": case.invoice_total,
        "manufacturer": case.manufacturer,
        "supplier_is_manufacturer": case.supplier_is_manufacturer,
        "manufacturer_price": case.manufacturer_price,
        "insured": yes_no(case.insured),
        "forwarder_answer": case.forwarder_answer,
        "free_goods_retroactive": yes_no(case.free_goods_retroactive),
        "free_goods_conditional": yes_no(case.free_goods_conditional),
        "free_goods_reasonable": yes_no(case.free_goods_reasonable),
        "special": case.special,
        "vat_26b_reference": case.vat_26b_reference,
        "vat_26b_amount": case.vat_26b_amount,
    }


def _pair_assists(case):
    return Assist.objects.filter(
        importer_id=case.entry.importer_id, supplier_id=case.entry.supplier_id
    )


def _pair_credit_notes(case):
    return CreditNote.objects.filter(
        importer_id=case.entry.importer_id, supplier_id=case.entry.supplier_id
    )


def _bound(bound, prefix, default):
    return bound.get(prefix) or default


def _overview(case, user, bound) -> dict:
    triggers = list(case.triggers.select_related("set_by"))
    checks = {c.step: c for c in case.checks.select_related("recorded_by")}
    grounds = list(case.grounds.select_related("recorded_by"))
    items = list(case.items.all())
    consultations = list(case.consultations.select_related("asked_by", "answered_by"))
    damage = list(case.damage.select_related("requested_by", "decided_by"))
    history = selectors.value_history(case)
    return {
        "cigarette_prices": selectors.cigarette_prices(case),
        "facts_form": _bound(
            bound, "facts", forms.FactsForm(prefix="facts", initial=_facts_initial(case))
        ),
        "item_form": _bound(bound, "item", forms.ItemForm(prefix="item")),
        "items": [(i, history.get(i.tariff_item)) for i in items],
        "triggers": [
            (
                t,
                _bound(
                    bound,
                    f"trigger-{t.code}",
                    forms.TriggerForm(
                        prefix=f"trigger-{t.code}",
                        initial={
                            "marked": t.marked,
                            "note": t.note,
                            "resolution": t.resolution,
                        },
                    ),
                ),
                [str(presentation_basis(b)) for b in t.bases],
            )
            for t in triggers
        ],
        "grounds": [
            (
                g,
                _bound(
                    bound,
                    f"withdraw-{g.code}",
                    forms.RequiredReasonForm(prefix=f"withdraw-{g.code}"),
                ),
            )
            for g in grounds
        ],
        "ground_form": _bound(bound, "ground", forms.GroundForm(prefix="ground")),
        "checks": [(code, label, checks.get(code)) for code, label in VerificationStep.choices],
        "check_form": _bound(bound, "check", forms.CheckForm(prefix="check")),
        "related": list(case.related.select_related("recorded_by")),
        "related_form": _bound(bound, "related", forms.RelatedForm(prefix="related")),
        "consultations": [
            (
                c,
                _bound(
                    bound,
                    f"answer-{c.pk}",
                    forms.AnswerForm(prefix=f"answer-{c.pk}"),
                ),
            )
            for c in consultations
        ],
        "consult_form": _bound(bound, "consult", forms.ConsultationForm(prefix="consult")),
        "damage": [
            (
                d,
                _bound(
                    bound,
                    f"damage-{d.pk}",
                    forms.DamageDecisionForm(prefix=f"damage-{d.pk}"),
                ),
            )
            for d in damage
        ],
        "barred": [
            str(rules.BARRED_TEXT[c])
            for c in rules.transaction_value_barred(case.nature, case.invoice_kind)
        ],
    }


def presentation_basis(code: str) -> "StrOrPromise":
    from ..choices import LOW_VALUE_BASES

    return {**LOW_VALUE_BASES, "declaration": _("declared in the importer declaration")}.get(
        code, code
    )


def _documents(case, user, bound) -> dict:
    requests = selectors.requests_of(case)
    today = timezone.localdate()
    forms_145 = {}
    for request in requests:
        for item in request.items.all():
            for upload in item.uploads.all():
                checked = getattr(upload, "form_145", None)
                if item.code == RequestItem.FORM_145 and checked is None:
                    prefix = f"form145-{upload.pk}"
                    forms_145[upload.pk] = _bound(
                        bound,
                        prefix,
                        forms.Form145Form(prefix=prefix),
                    )
    return {
        "requests": [(r, rules.request_lapsed(r.due_on, today=today)) for r in requests],
        "request_form": _bound(bound, "request", forms.RequestForm(prefix="request")),
        "forms_145": forms_145,
    }


def _worksheet(case, user, bound) -> dict:
    sheet = selectors.worksheet(case)
    return {
        "sheet": sheet,
        "line_form": _bound(
            bound,
            "line",
            forms.LineForm(prefix="line", case=case, credit_notes=_pair_credit_notes(case)),
        ),
        "rows": [
            (
                r,
                _bound(
                    bound,
                    f"remove-{r.line.pk}",
                    forms.RemoveLineForm(prefix=f"remove-{r.line.pk}"),
                )
                if r.line is not None
                else None,
            )
            for r in sheet.rows
        ],
        "assist_form": _bound(
            bound, "assist", forms.AssistChargeForm(prefix="assist", assists=_pair_assists(case))
        ),
        "assists": list(_pair_assists(case)),
    }


def _decision(case, user, bound) -> dict:
    sheet = selectors.worksheet(case)
    refused = selectors.refused_methods(case)
    next_method = rules.next_method(refused) if case.status == CaseStatus.METHODS else None
    candidates = list(
        case.candidates.select_related("item").order_by("method", "item", "unit_value")
    )
    trail = audit_trail(case)
    return {
        "sheet": sheet,
        "problems": transaction_value_problems(case, sheet) if not case.is_final else [],
        "notices": list(case.notices.select_related("issued_by")),
        "securities": list(case.securities.select_related("recorded_by")),
        "methods": list(case.methods.select_related("recorded_by")),
        "next_method": next_method,
        "next_method_label": Method(next_method).label if next_method else "",
        "method_order": [(m, Method(m).label, refused.get(m)) for m in rules.METHOD_ORDER],
        "candidates": [
            (
                c,
                _bound(
                    bound,
                    f"candidate-{c.pk}",
                    forms.CandidateForm(
                        prefix=f"candidate-{c.pk}",
                        initial={
                            "identical": c.identical,
                            "adjusted_unit_value": c.unit_value,
                            "note": c.note,
                        },
                    ),
                ),
            )
            for c in candidates
            if c.method == next_method
        ],
        "accept_form": _bound(bound, "accept", forms.ReasonForm(prefix="accept")),
        "not_satisfied_form": _bound(
            bound, "not_satisfied", forms.NotSatisfiedForm(prefix="not_satisfied")
        ),
        "security_form": _bound(bound, "security", forms.SecurityForm(prefix="security")),
        "return_form": _bound(bound, "return", forms.RequiredReasonForm(prefix="return")),
        "disqualify_form": _bound(bound, "disqualify", forms.ReasonForm(prefix="disqualify")),
        "set_value_form": _bound(bound, "set_value", forms.ReasonsForm(prefix="set_value")),
        "refuse_form": _bound(
            bound,
            "refuse",
            forms.MethodRefuseForm(prefix="refuse", initial={"method": next_method}),
        ),
        "apply_form": _bound(
            bound,
            "apply",
            forms.MethodApplyForm(case=case, prefix="apply", initial={"method": next_method}),
        ),
        "trail": [(e, presentation.action_label(e.action)) for e in trail],
    }


BUILDERS = {
    "overview": _overview,
    "documents": _documents,
    "worksheet": _worksheet,
    "decision": _decision,
}


def _render(request, case, page, bound=None, status=200):
    user = request.user
    kind = actor_kind(user)
    in_house = case.customs_house_id in house_ids(user)
    context = {
        "case": case,
        "page": page,
        "pages": PAGES,
        "kind": kind,
        "can_work": in_house and rules.may_work(kind, case.status),
        "is_chief": kind == ActorKind.CHIEF and in_house,
        "is_unit": kind == ActorKind.UNIT,
        "rate": case.exchange_rate,
        **BUILDERS[page](case, user, bound or {}),
    }
    return render(request, f"{TEMPLATES}case_{page}.html", context, status=status)


def _page_view(page):
    @permission_required(*STAFF)
    def view(request, pk):
        return _render(request, selectors.case_for_staff(request.user, pk), page)

    view.__name__ = f"case_{page}"
    return view


case_overview = _page_view("overview")
case_documents = _page_view("documents")
case_worksheet = _page_view("worksheet")
case_decision = _page_view("decision")


# --- The case's actions -----------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    page: str
    form: Callable  # (request, case, prefix) -> bound form
    run: Callable  # (request, case, form, arg) -> success message
    prefixed: bool = False  # the form's prefix is "<action>-<arg>"
    takes_arg: bool = False  # the URL names an object (implied by `prefixed`)


def _obj(model, case, arg, **extra):
    """An object of this case named in the URL; another case's answers 404."""
    try:
        pk = int(arg)
    except (TypeError, ValueError):
        raise Http404 from None
    return get_object_or_404(model, pk=pk, **extra, **{"case": case} if "case" not in extra else {})


def _form(cls, **kwargs):
    def make(request, case, prefix):
        return cls(
            request.POST or None,
            request.FILES or None,
            prefix=prefix,
            **{k: (v(case) if callable(v) else v) for k, v in kwargs.items()},
        )

    return make


def _facts(request, case, form, arg):
    case_services.case_facts_record(actor=request.user, case=case, **form.cleaned_data)
    return _("The facts were recorded.")


def _item(request, case, form, arg):
    case_services.item_add(actor=request.user, case=case, **form.cleaned_data)
    return _("The tariff item was added.")


def _item_remove(request, case, form, arg):
    case_services.item_remove(actor=request.user, item=_obj(CaseItem, case, arg))
    return _("The tariff item was removed.")


def _trigger(request, case, form, arg):
    data = form.cleaned_data
    case_services.trigger_set(
        actor=request.user,
        case=case,
        code=arg,
        marked=data["marked"],
        note=data["note"],
        resolution=data["resolution"],
    )
    return _("The trigger was recorded.")


def _ground(request, case, form, arg):
    case_services.ground_record(actor=request.user, case=case, **form.cleaned_data)
    return _("The ground was recorded.")


def _withdraw(request, case, form, arg):
    case_services.ground_withdraw(
        actor=request.user, case=case, code=arg, reason=form.cleaned_data["reason"]
    )
    return _("The ground was withdrawn.")


def _check(request, case, form, arg):
    case_services.verification_record(actor=request.user, case=case, **form.cleaned_data)
    return _("The step was recorded.")


def _related(request, case, form, arg):
    sheet_services.related_examination_record(actor=request.user, case=case, **form.cleaned_data)
    return _("The examination was recorded.")


def _consult(request, case, form, arg):
    special_services.consultation_ask(
        actor=request.user, case=case, question=form.cleaned_data["question"]
    )
    return _("The question went to the valuation unit.")


def _answer(request, case, form, arg):
    consultation = _obj(Consultation, case, arg)
    special_services.consultation_answer(
        actor=request.user, consultation=consultation, answer=form.cleaned_data["answer"]
    )
    return _("The answer was recorded.")


def _damage(request, case, form, arg):
    data = form.cleaned_data
    special_services.damage_decide(
        actor=request.user,
        request=_obj(DamageRequest, case, arg),
        members=data["members"],
        examined_on=data["examined_on"],
        reasons=data["reasons"],
        amount=data["amount"],
        appraiser_opinion=data["appraiser_opinion"],
    )
    return _("The committee's decision was recorded.")


def _request(request, case, form, arg):
    document_services.documents_request(
        actor=request.user,
        case=case,
        items=form.items(),
        due_on=form.cleaned_data["due_on"],
        note=form.cleaned_data["note"],
    )
    return _("The agent was asked for the documents.")


def _form145(request, case, form, arg):
    data = form.cleaned_data
    document_services.form_145_check(
        actor=request.user,
        document=_obj(CommercialDocument, case, arg),
        signer_is_importer=data["signer_is_importer"],
        properly_filled=data["properly_filled"],
        note=data["note"],
    )
    return _("Form 145 was checked.")


def _line(request, case, form, arg):
    data = form.cleaned_data
    sheet_services.line_add(
        actor=request.user,
        case=case,
        kind=data["kind"],
        amount=data["amount"],
        description=data["description"],
        item=data["item"],
        in_shekels=data["in_shekels"],
        facts=form.facts(),
        credit_note=data["credit_note"],
    )
    return _("The line was added.")


def _remove(request, case, form, arg):
    line = _obj(WorksheetLine, case, arg)
    sheet_services.line_remove(actor=request.user, line=line, reason=form.cleaned_data["reason"])
    return _("The line was removed.")


def _assist(request, case, form, arg):
    sheet_services.assist_charge(actor=request.user, case=case, **form.cleaned_data)
    return _("The assist's share was charged.")


def _accept(request, case, form, arg):
    decision_services.case_accept(actor=request.user, case=case, reason=form.cleaned_data["reason"])
    return _("The declared value was accepted.")


def _not_satisfied(request, case, form, arg):
    decision_services.case_not_satisfied(actor=request.user, case=case, **form.cleaned_data)
    return _("The notice went to the agent.")


def _security(request, case, form, arg):
    decision_services.case_security_record(actor=request.user, case=case, **form.cleaned_data)
    return _("Recorded.")


def _return(request, case, form, arg):
    decision_services.case_return_to_valuer(
        actor=request.user, case=case, reason=form.cleaned_data["reason"]
    )
    return _("The file went back to the valuer.")


def _disqualify(request, case, form, arg):
    decision_services.case_disqualify(
        actor=request.user, case=case, reason=form.cleaned_data["reason"]
    )
    return _("The transaction value was disqualified.")


def _set_value(request, case, form, arg):
    decision_services.case_set_transaction_value(
        actor=request.user, case=case, reasons=form.cleaned_data["reasons"]
    )
    return _("The value was set and the notice issued.")


def _refuse(request, case, form, arg):
    data = form.cleaned_data
    method_services.method_refuse(
        actor=request.user, case=case, method=data["method"], reason=data["reason"]
    )
    return _("The method was recorded as inapplicable.")


def _search(request, case, form, arg):
    method = selectors.next_method(case)
    found = method_services.candidates_search(actor=request.user, case=case, method=method or "")
    return _("%(n)s candidates found.") % {"n": len(found)}


def _candidate(request, case, form, arg):
    data = form.cleaned_data
    method_services.candidate_assess(
        actor=request.user,
        candidate=_obj(Candidate, case, arg),
        identical=data["identical"],
        adjusted_unit_value=data["adjusted_unit_value"],
        note=data["note"],
    )
    return _("The candidate was assessed.")


def _apply(request, case, form, arg):
    data = form.cleaned_data
    method_services.method_apply(
        actor=request.user,
        case=case,
        method=data["method"],
        reasons=data["reasons"],
        value=data["value"],
        basis=data["basis"],
        description=data["description"],
        documents=[d.pk for d in data["documents"]],
        price=data["price"],
        price_date=data["price_date"],
        quantity=data["quantity"],
        deductions=data["deductions"],
    )
    return _("The value was set and the notice issued.")


class _NoForm:
    """An action without fields (the search)."""

    def __init__(self, *args, **kwargs):
        self.cleaned_data = {}
        self.errors = {}

    def is_valid(self):
        return True

    def add_error(self, field, error):
        self.errors.setdefault(field, []).extend(ValidationError(error).messages)


ACTIONS: dict[str, Action] = {
    "facts": Action("overview", _form(forms.FactsForm), _facts),
    "item": Action("overview", _form(forms.ItemForm), _item),
    "item-remove": Action("overview", _form(_NoForm), _item_remove, takes_arg=True),
    "trigger": Action("overview", _form(forms.TriggerForm), _trigger, prefixed=True),
    "ground": Action("overview", _form(forms.GroundForm), _ground),
    "withdraw": Action("overview", _form(forms.RequiredReasonForm), _withdraw, prefixed=True),
    "check": Action("overview", _form(forms.CheckForm), _check),
    "related": Action("overview", _form(forms.RelatedForm), _related),
    "consult": Action("overview", _form(forms.ConsultationForm), _consult),
    "answer": Action("overview", _form(forms.AnswerForm), _answer, prefixed=True),
    "damage": Action("overview", _form(forms.DamageDecisionForm), _damage, prefixed=True),
    "request": Action("documents", _form(forms.RequestForm), _request),
    "form145": Action("documents", _form(forms.Form145Form), _form145, prefixed=True),
    "line": Action(
        "worksheet", _form(forms.LineForm, case=lambda c: c, credit_notes=_pair_credit_notes), _line
    ),
    "remove": Action("worksheet", _form(forms.RemoveLineForm), _remove, prefixed=True),
    "assist": Action("worksheet", _form(forms.AssistChargeForm, assists=_pair_assists), _assist),
    "accept": Action("decision", _form(forms.ReasonForm), _accept),
    "not_satisfied": Action("decision", _form(forms.NotSatisfiedForm), _not_satisfied),
    "security": Action("decision", _form(forms.SecurityForm), _security),
    "return": Action("decision", _form(forms.RequiredReasonForm), _return),
    "disqualify": Action("decision", _form(forms.ReasonForm), _disqualify),
    "set_value": Action("decision", _form(forms.ReasonsForm), _set_value),
    "refuse": Action("decision", _form(forms.MethodRefuseForm), _refuse),
    "search": Action("decision", _form(_NoForm), _search),
    "candidate": Action("decision", _form(forms.CandidateForm), _candidate, prefixed=True),
    "apply": Action("decision", _form(forms.MethodApplyForm, case=lambda c: c), _apply),
}


# What the URL's argument names, found (or 404) before the form is read.
TARGETS = {
    "item-remove": CaseItem,
    "answer": Consultation,
    "damage": DamageRequest,
    "form145": CommercialDocument,
    "remove": WorksheetLine,
    "candidate": Candidate,
}
CODES = {"trigger": Trigger, "withdraw": Ground}


@require_POST
@permission_required(*STAFF)
def case_action(request, pk, action, arg=""):
    case = selectors.case_for_staff(request.user, pk)
    spec = ACTIONS.get(action)
    if spec is None or bool(arg) != (spec.prefixed or spec.takes_arg):
        raise Http404
    if action in TARGETS:
        _obj(TARGETS[action], case, arg)
    if action in CODES and arg not in CODES[action].values:
        raise Http404
    prefix = f"{action}-{arg}" if spec.prefixed else action
    form = spec.form(request, case, prefix)
    if form.is_valid():
        try:
            done = spec.run(request, case, form, arg)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, done)
            page = "decision" if action in {"set_value", "apply", "accept"} else spec.page
            return redirect(
                f"customs_commercial:case_{page}"
                if page != "overview"
                else "customs_commercial:case",
                pk=case.pk,
            )
    case = selectors.case_for_staff(request.user, pk)
    return _render(request, case, spec.page, {prefix: form}, status=400)


# --- The chief valuer, the valuation unit, the Director ----------------------------------------


@permission_required(CHIEF)
def credit_note_decide(request, pk):
    note = selectors.credit_notes_waiting(request.user).filter(pk=pk).first()
    if note is None:
        raise Http404
    form = forms.CreditNoteDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            credit_services.credit_note_decide(
                actor=request.user,
                credit_note=note,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The credit note was decided."))
            return redirect("customs_commercial:queue")
    status = 400 if request.method == "POST" else 200
    return render(
        request, TEMPLATES + "credit_note.html", {"note": note, "form": form}, status=status
    )


@permission_required(DIRECTOR)
def freight_notices(request):
    form = forms.FreightNoticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            special_services.freight_notice_issue(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The notice was issued."))
            return redirect("customs_commercial:freight_notices")
    status = 400 if request.method == "POST" and form.errors else 200
    return render(
        request,
        TEMPLATES + "freight_notices.html",
        {
            "form": form,
            "pager": paginate(request, FreightNotice.objects.select_related("issued_by")),
        },
        status=status,
    )


@permission_required(VALUER)
def assist_way(request, pk):
    assist = get_object_or_404(Assist.objects.select_related("importer", "supplier"), pk=pk)
    form = forms.AssistWayForm(request.POST or None, initial={"way": assist.way})
    if request.method == "POST" and form.is_valid():
        try:
            sheet_services.assist_change_way(actor=request.user, assist=assist, **form.cleaned_data)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The spreading was changed."))
            return redirect("customs_commercial:assist_way", pk=assist.pk)
    status = 400 if request.method == "POST" and form.errors else 200
    return render(
        request, TEMPLATES + "assist.html", {"assist": assist, "form": form}, status=status
    )
