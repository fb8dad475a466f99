"""Actions on a case: each is one thing a role may do in given statuses, through one form and one
service. Thin: forms validate, services decide."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taxportal.confirm import confirmation_needed, sentence
from taxportal.permissions import permission_required
from taxportal.roles import perm

from .. import rules, selectors, services
from ..forms.appeals import AppealDecisionForm, ForwardForm, PaperAnswerForm, PaperAppealForm
from ..forms.cases import ExtraForm, PaperDocumentForm
from ..forms.decisions import (
    AppraisalForm,
    ApprovalForm,
    DecisionChoice,
    DeliveryForm,
    OfficerDecisionForm,
    ReleaseExtendForm,
    ReleaseRecordForm,
    SupervisorForm,
)
from ..models import CaseKind, CaseStatus
from .common import STAFF, case_context, form_errors_from

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# --- Actions on a case ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    """One thing a role may do to a case in given statuses, through one form and one service."""

    name: str
    label: "StrOrPromise"
    permission: str
    statuses: frozenset
    form_class: type
    perform: Callable
    kinds: frozenset = frozenset(CaseKind)
    condition: Callable = staticmethod(lambda case: True)
    # Whether these answers send a decision to the importer: if so it is confirmed first, on
    # a page that says so (issue 16).
    sends_decision: Callable = staticmethod(lambda data: False)

    def available(self, case, user) -> bool:
        return (
            case.status in self.statuses
            and case.kind in self.kinds
            and user.has_perm(perm(self.permission))
            and self.condition(case)
        )

    def make_form(self, case, data=None, files=None):
        extra = {"case": case} if self.form_class in CASE_FORMS else {}
        if self.form_class is AppealDecisionForm:
            extra = {"committee": case.is_vehicle}
        return self.form_class(data, files, **extra)


def _decide(request, case, data):
    choice = data["decision"]
    if choice == DecisionChoice.ACCEPT:
        return services.case_accept_declared_value(
            actor=request.user, case=case, reasons=data["reasons"]
        )
    if choice == DecisionChoice.NOTICE:
        return services.case_notice_of_intent(
            actor=request.user,
            case=case,
            reasons=data["reasons"],
            value_considered=data["value_considered"],
        )
    if choice == DecisionChoice.APPRAISER:
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


def _paper_answer(request, case, data):
    upload = data.get("file")  # the officer records one scan of the letter
    services.case_answer_notice(
        actor=request.user, case=case, text=data["text"], files=[upload] if upload else []
    )


def _paper_appeal(request, case, data):
    upload = data.get("file")
    services.appeal_file(
        actor=request.user, case=case, grounds=data["grounds"], files=[upload] if upload else []
    )


def _delivery(request, case, data):
    services.decision_record_delivery(
        actor=request.user, decision=data["decision"], delivered_on=data["delivered_on"]
    )


CASE_FORMS = {ExtraForm, ReleaseExtendForm, DeliveryForm}
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


def _supervisor_may_decide(case) -> bool:
    """CUS-10, CUS-11: once the importer answered or the days to answer passed."""
    return rules.supervisor_may_decide(
        answered=case.status == CaseStatus.ANSWERED,
        answer_due=case.answer_due,
        today=timezone.localdate(),
    )


def _officer_sends_decision(data) -> bool:
    """Every officer's decision goes to the importer, except sending the case to the appraiser."""
    return data["decision"] != DecisionChoice.APPRAISER


def _always(data) -> bool:
    return True


def _has_notice_to_post(case) -> bool:
    return bool(getattr(case, "notices_to_post", []))


ACTIONS = {
    action.name: action
    for action in [
        Action("decide", gettext_lazy("Decide"), "value_imports", frozenset({S.OPEN}),
               OfficerDecisionForm, _decide, sends_decision=_officer_sends_decision),
        Action("document", gettext_lazy("Record a paper document"), "value_imports",
               frozenset({S.OPEN, S.AT_APPRAISER, S.NOTICE_OF_INTENT, S.ANSWERED}),
               PaperDocumentForm, _paper_document),
        Action("extra", gettext_lazy("Add an optional extra"), "value_imports",
               frozenset({S.OPEN, S.AT_APPRAISER}), ExtraForm, _extra, kinds=VEHICLE),
        Action("appraisal", gettext_lazy("Record the appraiser's value"), "value_imports",
               frozenset({S.AT_APPRAISER}), AppraisalForm, _appraisal, kinds=VEHICLE),
        Action("approval", gettext_lazy("Approve or refuse the depreciation"),
               "supervise_valuations", frozenset({S.AWAITING_APPROVAL}), ApprovalForm,
               _approval, kinds=GOODS),
        Action("supervisor", gettext_lazy("Supervisor's decision"), "supervise_valuations",
               frozenset({S.NOTICE_OF_INTENT, S.ANSWERED}), SupervisorForm, _supervisor,
               kinds=VEHICLE, condition=_supervisor_may_decide, sends_decision=_always),
        Action("paper_answer", gettext_lazy("Record an answer received on paper"),
               "value_imports", frozenset({S.NOTICE_OF_INTENT}), PaperAnswerForm,
               _paper_answer, kinds=VEHICLE),
        Action("paper_appeal", gettext_lazy("Record an appeal received on paper"),
               "value_imports", frozenset({S.VALUE_SET}), PaperAppealForm, _paper_appeal),
        Action("delivery", gettext_lazy("Record the delivery of a posted notice"),
               "value_imports", frozenset(CaseStatus), DeliveryForm, _delivery,
               condition=_has_notice_to_post),
        Action("release", gettext_lazy("Release under protest"), "value_imports",
               frozenset(services.RELEASABLE_STATUSES), ReleaseRecordForm, _release,
               kinds=VEHICLE),
        Action("extend", gettext_lazy("Extend a guarantee"), "value_imports",
               frozenset({S.NOTICE_OF_INTENT, S.ANSWERED, S.VALUE_SET, S.APPEALED}),
               ReleaseExtendForm, _extend, kinds=VEHICLE, condition=_has_held_guarantee),
        Action("forward", gettext_lazy("Forward the appeal to the committee"),
               "supervise_valuations", frozenset({S.APPEALED}), ForwardForm, _forward,
               kinds=VEHICLE, condition=_appeal_waiting_forward),
        Action("appeal_decision", gettext_lazy("Committee decision"), "decide_valuation_appeals",
               frozenset({S.APPEALED}), AppealDecisionForm, _appeal_decision,
               kinds=VEHICLE, condition=_appeal_forwarded, sends_decision=_always),
        Action("goods_appeal", gettext_lazy("Collector's appeal decision"),
               "supervise_valuations", frozenset({S.APPEALED}), AppealDecisionForm,
               _appeal_decision, kinds=GOODS, sends_decision=_always),
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
    if request.method == "POST" and form.is_valid() and chosen.sends_decision(form.cleaned_data):
        confirmation = confirmation_needed(
            request,
            form,
            title=chosen.label,
            what=sentence(
                _("The decision will be recorded on case %(reference)s and sent to the "
                  "importer %(importer)s, identity number %(national_id)s. It cannot be "
                  "withdrawn afterwards."),
                reference=case.reference,
                importer=case.importer_name or "—",
                national_id=case.importer_national_id,
            ),
            action_url=request.path,
            back_url=reverse("customs_valuation:case", args=[case.pk]),
            button=_("Confirm and send the decision"),
        )  # fmt: skip
        if confirmation:
            return confirmation
    if request.method == "POST" and form.is_valid():
        try:
            decision = chosen.perform(request, case, form.cleaned_data)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("%(action)s: recorded.") % {"action": chosen.label})
            if decision is not None and decision.is_notice:
                return redirect("customs_valuation:notice", pk=case.pk, decision_id=decision.pk)
            return redirect("customs_valuation:case", pk=case.pk)
    context = case_context(case)
    context.update({"form": form, "title": chosen.label, "action": chosen})
    return render(request, "customs_valuation/action_page.html", context)
