"""Pages for officers, the supervisor, the appeal committee and the importer. Thin: forms
validate, services decide, selectors read."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registration import levels
from taxportal.paging import paginate
from taxportal.permissions import permission_required
from taxportal.roles import perm

from . import forms, selectors, services
from .models import CaseKind, CaseStatus, DecisionKind

STAFF = ("value_imports", "supervise_valuations", "decide_valuation_appeals")


def _form_errors_from(form, error: ValidationError) -> None:
    """Show a service's refusal on the form, by field where the form has that field."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _case_context(case) -> dict:
    try:
        sheet = selectors.case_worksheet(case)
    except selectors.ReferenceMissing as missing:
        sheet = selectors.CaseWorksheet(problems=[str(missing)])
    return {
        "case": case,
        "sheet": sheet,
        "checklist": selectors.documents_checklist(case),
        "decisions": list(case.decisions.select_related("decided_by")),
        "documents": list(case.documents.select_related("added_by")),
        "answers": list(case.answers.all()),
        "extras": list(case.extras.select_related("extra")),
        "releases": list(case.releases.all()),
        "appeal": getattr(case, "appeal", None),
        "deadline": selectors.case_deadline(case),
        "today": timezone.localdate(),
    }


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
    context = _case_context(case)
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
            _form_errors_from(form, error)
        else:
            messages.success(request, _("The case data was saved."))
            return redirect("customs_valuation:case", pk=case.pk)
    return render(
        request,
        "customs_valuation/form_page.html",
        {"form": form, "case": case, "title": _("Case data %(ref)s") % {"ref": case.reference}},
    )


# --- Actions on a case ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    """One thing a role may do to a case in given statuses, through one form and one service."""

    name: str
    label: str
    permission: str
    statuses: frozenset
    form_class: type
    perform: Callable
    kinds: frozenset = frozenset(CaseKind)
    condition: Callable = staticmethod(lambda case: True)

    def available(self, case, user) -> bool:
        return (
            case.status in self.statuses
            and case.kind in self.kinds
            and user.has_perm(perm(self.permission))
            and self.condition(case)
        )

    def make_form(self, case, data=None, files=None):
        extra = {"case": case} if self.form_class in CASE_FORMS else {}
        if self.form_class is forms.AppealDecisionForm:
            extra = {"committee": case.is_vehicle}
        return self.form_class(data, files, **extra)


def _decide(request, case, data):
    choice = data["decision"]
    if choice == forms.DecisionChoice.ACCEPT:
        return services.case_accept_declared_value(
            actor=request.user, case=case, reasons=data["reasons"]
        )
    if choice == forms.DecisionChoice.NOTICE:
        return services.case_notice_of_intent(
            actor=request.user,
            case=case,
            reasons=data["reasons"],
            value_considered=data["value_considered"],
        )
    if choice == forms.DecisionChoice.APPRAISER:
        return services.case_send_to_appraiser(
            actor=request.user, case=case, reasons=data["reasons"]
        )
    return services.case_decide_value(actor=request.user, case=case, reasons=data["reasons"])


def _paper_document(request, case, data):
    services.document_add(actor=request.user, case=case, kind=data["kind"], note=data["note"])


def _extra(request, case, data):
    services.extra_add(actor=request.user, case=case, extra=data["extra"], source=data["source"])


def _appraisal(request, case, data):
    services.case_record_appraisal(
        actor=request.user, case=case, value=data["value"], reasons=data["reasons"]
    )


def _approval(request, case, data):
    services.depreciation_decide(
        actor=request.user, case=case, approve=data["approve"], reasons=data["reasons"]
    )


def _supervisor(request, case, data):
    return services.case_supervisor_decide(
        actor=request.user,
        case=case,
        convinced=data["convinced"],
        reasons=data["reasons"],
        value=data["value"],
    )


def _release(request, case, data):
    services.release_record(
        actor=request.user,
        case=case,
        form=data["form"],
        reference=data["reference"],
        lodged_on=data["lodged_on"],
    )


def _extend(request, case, data):
    services.release_extend(
        actor=request.user,
        release=data["release"],
        expires_on=data["expires_on"],
        reason=data["reason"],
    )


def _forward(request, case, data):
    services.appeal_forward(actor=request.user, appeal=case.appeal, opinion=data["opinion"])


def _appeal_decision(request, case, data):
    return services.appeal_decide(
        actor=request.user,
        appeal=case.appeal,
        outcome=data["outcome"],
        reasons=data["reasons"],
        value=data["value"],
        members=data.get("members", ()),
        legal_adviser=data.get("legal_adviser"),
    )


CASE_FORMS = {forms.ExtraForm, forms.ReleaseExtendForm}
VEHICLE = frozenset({CaseKind.VEHICLE})
GOODS = frozenset({CaseKind.GOODS})
S = CaseStatus


def _has_held_guarantee(case) -> bool:
    return any(r.expires_on for r in getattr(case, "held_releases", []))


def _appeal_waiting_forward(case) -> bool:
    appeal = getattr(case, "appeal", None)
    return appeal is not None and appeal.forwarded_at is None


def _appeal_forwarded(case) -> bool:
    appeal = getattr(case, "appeal", None)
    return appeal is not None and appeal.forwarded_at is not None


ACTIONS = {
    action.name: action
    for action in [
        Action("decide", gettext_lazy("Decide"), "value_imports", frozenset({S.OPEN}),
               forms.OfficerDecisionForm, _decide),
        Action("document", gettext_lazy("Record a paper document"), "value_imports",
               frozenset({S.OPEN, S.AT_APPRAISER, S.NOTICE_OF_INTENT, S.ANSWERED}),
               forms.PaperDocumentForm, _paper_document),
        Action("extra", gettext_lazy("Add an optional extra"), "value_imports",
               frozenset({S.OPEN, S.AT_APPRAISER}), forms.ExtraForm, _extra, kinds=VEHICLE),
        Action("appraisal", gettext_lazy("Record the appraiser's value"), "value_imports",
               frozenset({S.AT_APPRAISER}), forms.AppraisalForm, _appraisal, kinds=VEHICLE),
        Action("approval", gettext_lazy("Approve or refuse the depreciation"),
               "supervise_valuations", frozenset({S.AWAITING_APPROVAL}), forms.ApprovalForm,
               _approval, kinds=GOODS),
        Action("supervisor", gettext_lazy("Supervisor's decision"), "supervise_valuations",
               frozenset({S.NOTICE_OF_INTENT, S.ANSWERED}), forms.SupervisorForm, _supervisor,
               kinds=VEHICLE),
        Action("release", gettext_lazy("Release under protest"), "value_imports",
               frozenset(services.RELEASABLE_STATUSES), forms.ReleaseRecordForm, _release,
               kinds=VEHICLE),
        Action("extend", gettext_lazy("Extend a guarantee"), "value_imports",
               frozenset({S.NOTICE_OF_INTENT, S.ANSWERED, S.VALUE_SET, S.APPEALED}),
               forms.ReleaseExtendForm, _extend, kinds=VEHICLE, condition=_has_held_guarantee),
        Action("forward", gettext_lazy("Forward the appeal to the committee"),
               "supervise_valuations", frozenset({S.APPEALED}), forms.ForwardForm, _forward,
               kinds=VEHICLE, condition=_appeal_waiting_forward),
        Action("appeal_decision", gettext_lazy("Committee decision"), "decide_valuation_appeals",
               frozenset({S.APPEALED}), forms.AppealDecisionForm, _appeal_decision,
               kinds=VEHICLE, condition=_appeal_forwarded),
        Action("goods_appeal", gettext_lazy("Collector's appeal decision"),
               "supervise_valuations", frozenset({S.APPEALED}), forms.AppealDecisionForm,
               _appeal_decision, kinds=GOODS),
    ]
}  # fmt: skip


@permission_required(*STAFF)
def case_action(request, pk, action):
    if action not in ACTIONS:
        raise Http404
    case = selectors.case_for_staff(pk)
    chosen = ACTIONS[action]
    if not request.user.has_perm(perm(chosen.permission)):
        raise PermissionDenied
    if not chosen.available(case, request.user):
        messages.error(
            request,
            _("This cannot be done while the case is “%(status)s”.")
            % {"status": case.get_status_display()},
        )
        return redirect("customs_valuation:case", pk=case.pk)
    form = chosen.make_form(case, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            decision = chosen.perform(request, case, form.cleaned_data)
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("%(action)s: recorded.") % {"action": chosen.label})
            if decision is not None and decision.is_notice:
                return redirect("customs_valuation:notice", pk=case.pk, decision_id=decision.pk)
            return redirect("customs_valuation:case", pk=case.pk)
    context = _case_context(case)
    context.update({"form": form, "title": chosen.label, "action": chosen})
    return render(request, "customs_valuation/action_page.html", context)


# --- Notices (HTML and PDF) -----------------------------------------------------------------


def _notice_for(request, pk, decision_id):
    user = request.user
    if any(user.has_perm(perm(c)) for c in STAFF):
        case = selectors.case_for_staff(pk)
    else:
        case = selectors.case_for_importer(pk, user)
    decision = get_object_or_404(case.decisions.select_related("decided_by"), pk=decision_id)
    if not decision.is_notice:
        raise Http404
    return case, decision


def _notice_html(request, case, decision, printable: bool) -> str:
    """Notices to the importer are official documents: always in Hebrew."""
    policy = selectors.policy(case.valuation_date)
    with translation.override("he"):
        return render_to_string(
            "customs_valuation/notice.html",
            {
                "case": case,
                "decision": decision,
                "policy": policy,
                "printable": printable,
                "signatories": selectors.notice_signatories(case, decision),
                "lines": decision.worksheet.get("lines", []),
                "cost_lines": decision.worksheet.get("cost_lines", []),
                "is_intent": decision.kind == DecisionKind.NOTICE_OF_INTENT,
                "is_disqualification": decision.kind
                in {DecisionKind.DISQUALIFIED, DecisionKind.VALUE_SET},
                "is_appeal_decision": decision.kind == DecisionKind.APPEAL_DECIDED,
                "is_settlement": decision.kind == DecisionKind.GUARANTEE_SETTLED,
            },
            request=request,
        )


@permission_required(*STAFF, "use_personal_area")
@levels.high_level_required
def notice(request, pk, decision_id):
    case, decision = _notice_for(request, pk, decision_id)
    return HttpResponse(_notice_html(request, case, decision, printable=False))


@permission_required(*STAFF, "use_personal_area")
@levels.high_level_required
def notice_pdf(request, pk, decision_id):
    from django.contrib.staticfiles import finders
    from weasyprint import CSS, HTML

    case, decision = _notice_for(request, pk, decision_id)
    html = _notice_html(request, case, decision, printable=True)
    style = CSS(filename=finders.find("customs_valuation/notice.css"))
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(stylesheets=[style])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{case.reference}-{decision.pk}.pdf"'
    return response


# --- The appeal committee ----------------------------------------------------------------------


@permission_required("decide_valuation_appeals")
def appeals(request):
    return render(
        request, "customs_valuation/appeals.html", {"appeals": selectors.appeals_for_committee()}
    )


# --- The importer ----------------------------------------------------------------------------


@permission_required("use_personal_area")
def my_cases(request):
    return render(
        request,
        "customs_valuation/my_cases.html",
        {
            "cases": selectors.importer_cases(request.user),
            "today": timezone.localdate(),
            "limited": not levels.sees_everything(request.user),
        },
    )


@permission_required("use_personal_area")
def my_case(request, pk):
    case = selectors.case_for_importer(pk, request.user)
    context = _case_context(case)
    context["notices"] = [d for d in context["decisions"] if d.is_notice]
    context["upload_form"] = forms.UploadForm()
    context["limited"] = not levels.sees_everything(request.user)  # REG-24
    return render(request, "customs_valuation/my_case.html", context)


@permission_required("use_personal_area")
def my_case_upload(request, pk):
    case = selectors.case_for_importer(pk, request.user)
    form = forms.UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.document_add(
            actor=request.user,
            case=case,
            kind=form.cleaned_data["kind"],
            file=form.cleaned_data["file"],
        )
        messages.success(request, _("The document was uploaded."))
        return redirect("customs_valuation:my_case", pk=case.pk)
    context = _case_context(case)
    context.update({"form": form, "title": _("Upload a document"), "importer": True})
    return render(request, "customs_valuation/action_page.html", context)


def _importer_form_page(request, pk, form_class, status, title, perform, done):
    case = selectors.case_for_importer(pk, request.user)
    if case.status != status:
        messages.error(request, _("This cannot be done at this stage of the case."))
        return redirect("customs_valuation:my_case", pk=case.pk)
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            perform(case, form.cleaned_data, [upload] if upload else [])
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, done)
            return redirect("customs_valuation:my_case", pk=case.pk)
    context = _case_context(case)
    context.update({"form": form, "title": title, "importer": True})
    return render(request, "customs_valuation/action_page.html", context)


@permission_required("use_personal_area")
def my_case_answer(request, pk):
    return _importer_form_page(
        request,
        pk,
        forms.AnswerForm,
        CaseStatus.NOTICE_OF_INTENT,
        _("Answer the notice of intent"),
        lambda case, data, files: services.case_answer_notice(
            actor=request.user, case=case, text=data["text"], files=files
        ),
        _("Your answer was sent to the supervisor."),
    )


@permission_required("use_personal_area")
def my_case_appeal(request, pk):
    return _importer_form_page(
        request,
        pk,
        forms.AppealFileForm,
        CaseStatus.VALUE_SET,
        _("Appeal the decision"),
        lambda case, data, files: services.appeal_file(
            actor=request.user, case=case, grounds=data["grounds"], files=files
        ),
        _("Your appeal was filed."),
    )


def personal_area_section(user, level):
    """The importer's cases in the personal area (registered in AppConfig.ready)."""
    from registration.models import IdentificationLevel
    from taxportal.personal_area import Section

    if not user.is_authenticated:
        return None
    cases = selectors.importer_cases(user)
    if not cases:
        return None
    return Section(
        title=_("Customs valuation of personal imports"),
        template="customs_valuation/personal_area_section.html",
        context={"valuation_cases": cases, "limited": level != IdentificationLevel.HIGH},
        service_url=reverse("customs_valuation:my_cases"),
    )
