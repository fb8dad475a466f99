"""The importer's pages: their cases, uploads, the answer to a notice, the appeal, and the section
in the personal area."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from registration import levels
from taxportal.permissions import permission_required
from taxportal.selectors import receipt_for_case

from .. import selectors, services
from ..forms.appeals import AnswerForm, AppealFileForm
from ..forms.cases import UploadForm
from ..models import CaseStatus
from ..services.receipts import ANSWER_RECEIVED, APPEAL_RECEIVED
from .common import case_context, form_errors_from

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
    context = case_context(case)
    context["notices"] = [d for d in context["decisions"] if d.is_notice]
    context["upload_form"] = UploadForm()
    context["importer"] = True
    context["limited"] = not levels.sees_everything(request.user)  # REG-24
    return render(request, "customs_valuation/my_case.html", context)


@permission_required("use_personal_area")
def my_case_upload(request, pk):
    case = selectors.case_for_importer(pk, request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_add(
                actor=request.user,
                case=case,
                kind=form.cleaned_data["kind"],
                file=form.cleaned_data["file"],
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("The document was uploaded."))
            return redirect("customs_valuation:my_case", pk=case.pk)
    context = case_context(case)
    context.update({"form": form, "title": _("Upload a document"), "importer": True})
    return render(request, "customs_valuation/action_page.html", context)


def _importer_form_page(request, pk, form_class, status, title, perform, done, event=""):
    case = selectors.case_for_importer(pk, request.user)
    if case.status != status:
        messages.error(request, _("This cannot be done at this stage of the case."))
        return redirect("customs_valuation:my_case", pk=case.pk)
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            perform(case, form.cleaned_data, form.documents())
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, done)
            receipt = receipt_for_case(request.user, case, event) if event else None
            if receipt is not None:  # issue 15: the reference and what happens next
                return redirect("receipt", pk=receipt.pk)
            return redirect("customs_valuation:my_case", pk=case.pk)
    context = case_context(case)
    context.update({"form": form, "title": title, "importer": True})
    return render(request, "customs_valuation/action_page.html", context)


@permission_required("use_personal_area")
def my_case_answer(request, pk):
    return _importer_form_page(
        request,
        pk,
        AnswerForm,
        CaseStatus.NOTICE_OF_INTENT,
        _("Answer the notice of intent"),
        lambda case, data, files: services.case_answer_notice(
            actor=request.user, case=case, text=data["text"], files=files
        ),
        _("Your answer was sent to the supervisor."),
        ANSWER_RECEIVED,
    )


@permission_required("use_personal_area")
def my_case_appeal(request, pk):
    return _importer_form_page(
        request,
        pk,
        AppealFileForm,
        CaseStatus.VALUE_SET,
        _("Appeal the decision"),
        lambda case, data, files: services.appeal_file(
            actor=request.user, case=case, grounds=data["grounds"], files=files
        ),
        _("Your appeal was filed."),
        APPEAL_RECEIVED,
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
