"""The officers' queue, opening a case and recording its data, the case screen, and the appeal
committee's list."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from taxportal.paging import paginate
from taxportal.permissions import permission_required

from .. import forms, selectors, services
from ..models import CaseStatus
from .actions import ACTIONS
from .common import STAFF, case_context, form_errors_from

# --- The officers' queue and case ------------------------------------------------------------


@permission_required("value_imports")
def queue(request):
    statuses = [s for s in request.GET.getlist("status") if s in CaseStatus.values] or None
    return render(
        request,
        "customs_valuation/queue.html",
        {
            "pager": paginate(request, selectors.queue_rows(statuses)),
            "statuses": CaseStatus.choices,
            "chosen": statuses or [],
        },
    )


@permission_required("value_imports")
def case_open(request):
    form = forms.CaseOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = services.case_open(
            actor=request.user,
            importer=form.importer,
            kind=form.cleaned_data["kind"],
            valuation_date=form.cleaned_data["valuation_date"],
        )
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
    return render(request, "customs_valuation/case_detail.html", context)


@permission_required("value_imports")
def case_edit(request, pk):
    case = selectors.case_for_staff(pk)
    form = forms.CaseDataForm(request.POST or None, instance=case)
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


@permission_required("decide_valuation_appeals")
def appeals(request):
    return render(
        request, "customs_valuation/appeals.html", {"appeals": selectors.appeals_for_committee()}
    )
