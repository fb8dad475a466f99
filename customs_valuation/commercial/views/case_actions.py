"""The case's actions: each binds its form, calls its service, and on a refusal shows the page
again with the form and its errors (400)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taxportal.permissions import permission_required

from .. import forms, selectors
from ..choices import (
    Ground,
    Trigger,
)
from ..models import (
    Candidate,
    CaseItem,
    CommercialDocument,
    Consultation,
    DamageRequest,
    WorksheetLine,
)
from ..services import assists as assist_services
from ..services import cases as case_services
from ..services import checks as check_services
from ..services import decisions as decision_services
from ..services import documents as document_services
from ..services import methods as method_services
from ..services import special as special_services
from ..services import worksheet as sheet_services
from .case_pages import pair_assists, pair_credit_notes, render_case
from .common import STAFF, submitted
from .confirmations import confirmation_for


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
    check_services.trigger_set(
        actor=request.user,
        case=case,
        code=arg,
        marked=data["marked"],
        note=data["note"],
        resolution=data["resolution"],
    )
    return _("The trigger was recorded.")


def _ground(request, case, form, arg):
    check_services.ground_record(actor=request.user, case=case, **form.cleaned_data)
    return _("The ground was recorded.")


def _withdraw(request, case, form, arg):
    check_services.ground_withdraw(
        actor=request.user, case=case, code=arg, reason=form.cleaned_data["reason"]
    )
    return _("The ground was withdrawn.")


def _check(request, case, form, arg):
    check_services.verification_record(actor=request.user, case=case, **form.cleaned_data)
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
    assist_services.assist_charge(actor=request.user, case=case, **form.cleaned_data)
    return _("The assist's share was charged.")


def _assist_check(request, case, form, arg):
    assist_services.assist_check_record(actor=request.user, case=case, **form.cleaned_data)
    return _("The assist's check was recorded.")


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
        "worksheet", _form(forms.LineForm, case=lambda c: c, credit_notes=pair_credit_notes), _line
    ),
    "remove": Action("worksheet", _form(forms.RemoveLineForm), _remove, prefixed=True),
    "assist": Action("worksheet", _form(forms.AssistChargeForm, assists=pair_assists), _assist),
    "assist_check": Action(
        "worksheet",
        _form(forms.AssistCheckForm, assists=selectors.charged_assists),
        _assist_check,
    ),
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
    confirmation = confirmation_for(request, case, action, form, page=spec.page)
    if confirmation:
        return confirmation
    if submitted(request, form, lambda: spec.run(request, case, form, arg)):
        page = "decision" if action in {"set_value", "apply", "accept"} else spec.page
        return redirect(
            f"customs_commercial:case_{page}" if page != "overview" else "customs_commercial:case",
            pk=case.pk,
        )
    case = selectors.case_for_staff(request.user, pk)
    return render_case(request, case, spec.page, {prefix: form}, status=400)
