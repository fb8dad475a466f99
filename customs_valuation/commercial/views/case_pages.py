"""The case in four pages (the transaction and its checks; documents; the worksheet; the decision
and the methods): each page's context, and the page again with a refused form and its errors."""

from typing import TYPE_CHECKING

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taxportal.audit import audit_trail
from taxportal.permissions import permission_required

from .. import forms, presentation, rules, selectors
from ..choices import (
    ActorKind,
    CaseStatus,
    Method,
    RequestItem,
    VerificationStep,
)
from ..models import (
    Assist,
    CreditNote,
)
from ..services.common import actor_kind, house_ids
from ..services.values import transaction_value_problems
from .common import STAFF, TEMPLATES

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


PAGES = {
    "overview": gettext_lazy("The transaction and its checks"),
    "documents": gettext_lazy("Documents"),
    "worksheet": gettext_lazy("Worksheet"),
    "decision": gettext_lazy("Decision and methods"),
}


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


def pair_assists(case):
    return Assist.objects.filter(
        importer_id=case.entry.importer_id, supplier_id=case.entry.supplier_id
    )


def pair_credit_notes(case):
    return CreditNote.objects.filter(
        importer_id=case.entry.importer_id, supplier_id=case.entry.supplier_id
    )


def bound_or(bound, prefix, default):
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
        "facts_form": bound_or(
            bound, "facts", forms.FactsForm(prefix="facts", initial=_facts_initial(case))
        ),
        "item_form": bound_or(bound, "item", forms.ItemForm(prefix="item")),
        "items": [(i, history.get(i.tariff_item)) for i in items],
        "triggers": [
            (
                t,
                bound_or(
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
                bound_or(
                    bound,
                    f"withdraw-{g.code}",
                    forms.RequiredReasonForm(prefix=f"withdraw-{g.code}"),
                ),
            )
            for g in grounds
        ],
        "ground_form": bound_or(bound, "ground", forms.GroundForm(prefix="ground")),
        "checks": [(code, label, checks.get(code)) for code, label in VerificationStep.choices],
        "check_form": bound_or(bound, "check", forms.CheckForm(prefix="check")),
        "related": list(case.related.select_related("recorded_by")),
        "related_form": bound_or(bound, "related", forms.RelatedForm(prefix="related")),
        "consultations": [
            (
                c,
                bound_or(
                    bound,
                    f"answer-{c.pk}",
                    forms.AnswerForm(prefix=f"answer-{c.pk}"),
                ),
            )
            for c in consultations
        ],
        "consult_form": bound_or(bound, "consult", forms.ConsultationForm(prefix="consult")),
        "damage": [
            (
                d,
                bound_or(
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
                    forms_145[upload.pk] = bound_or(
                        bound,
                        prefix,
                        forms.Form145Form(prefix=prefix),
                    )
    return {
        "requests": [(r, rules.request_lapsed(r.due_on, today=today)) for r in requests],
        "request_form": bound_or(bound, "request", forms.RequestForm(prefix="request")),
        "forms_145": forms_145,
    }


def _worksheet(case, user, bound) -> dict:
    sheet = selectors.worksheet(case)
    return {
        "sheet": sheet,
        "line_form": bound_or(
            bound,
            "line",
            forms.LineForm(prefix="line", case=case, credit_notes=pair_credit_notes(case)),
        ),
        "rows": [
            (
                r,
                bound_or(
                    bound,
                    f"remove-{r.line.pk}",
                    forms.RemoveLineForm(prefix=f"remove-{r.line.pk}"),
                )
                if r.line is not None
                else None,
            )
            for r in sheet.rows
        ],
        "assist_form": bound_or(
            bound, "assist", forms.AssistChargeForm(prefix="assist", assists=pair_assists(case))
        ),
        "assists": list(pair_assists(case)),
        "assist_checklists": selectors.assist_checklists(case),
        "assist_check_form": bound_or(
            bound,
            "assist_check",
            forms.AssistCheckForm(prefix="assist_check", assists=selectors.charged_assists(case)),
        ),
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
                bound_or(
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
        "accept_form": bound_or(bound, "accept", forms.ReasonForm(prefix="accept")),
        "not_satisfied_form": bound_or(
            bound, "not_satisfied", forms.NotSatisfiedForm(prefix="not_satisfied")
        ),
        "security_form": bound_or(bound, "security", forms.SecurityForm(prefix="security")),
        "return_form": bound_or(bound, "return", forms.RequiredReasonForm(prefix="return")),
        "disqualify_form": bound_or(bound, "disqualify", forms.ReasonForm(prefix="disqualify")),
        "set_value_form": bound_or(bound, "set_value", forms.ReasonsForm(prefix="set_value")),
        "refuse_form": bound_or(
            bound,
            "refuse",
            forms.MethodRefuseForm(prefix="refuse", initial={"method": next_method}),
        ),
        "apply_form": bound_or(
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


def render_case(request, case, page, bound=None, status=200):
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
        return render_case(request, selectors.case_for_staff(request.user, pk), page)

    view.__name__ = f"case_{page}"
    return view


case_overview = _page_view("overview")
case_documents = _page_view("documents")
case_worksheet = _page_view("worksheet")
case_decision = _page_view("decision")
