"""Pages for clerks, the department doctor, the call centre and inspectors. Thin: forms in,
services called, selectors read."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from taxportal.audit import audit_trail
from taxportal.paging import paginate
from taxportal.permissions import permission_required

from . import forms, rules, selectors, services
from .models import (
    OPEN_APPLICATION_STATUSES,
    ApplicationStatus,
    ApprovalSource,
    Badge,
    BadgeApplication,
    BadgeVehicle,
    DisabledPerson,
    GroundEvidence,
    MedicalDocument,
    PrintFile,
)
from .print_file import ensure_written


def _show_errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def apply_posted_form(request, form, act, success: str) -> None:
    """A small POST form on a detail page: run `act(form)` when it is valid; the success, the
    rule's refusal or each field error goes to the page's messages."""
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return
    try:
        act(form)
    except ValidationError as error:
        _show_errors(request, error)
    else:
        messages.success(request, success)


# --- The clerk's queue and applications --------------------------------------------------


@permission_required("process_badges")
def queue(request):
    """BADGE-8: open cases with the days left of the 90, the overdue flagged."""
    today = timezone.localdate()
    status = request.GET.get("status", "")
    if status not in OPEN_APPLICATION_STATUSES:
        status = ""
    pager = paginate(request, selectors.open_cases(status=status))
    return render(
        request,
        "parking_badges/queue.html",
        {
            "title": gettext_lazy("Badge applications queue"),
            "pager": pager,
            "rows": selectors.queue_rows(pager.items, today=today),
            "overdue_count": selectors.overdue_count(today=today, status=status),
            "approved": paginate(
                request, selectors.approved_waiting_for_badge(), param="approved_page"
            ),
            "referrals": selectors.institute_referrals()[:50],
            "waiting_for_print": selectors.badges_waiting_for_print(),
            "search_form": forms.HolderSearchForm(),
        },
    )


@permission_required("process_badges")
def application_new(request):
    form = forms.ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.application_receive(
                actor=request.user,
                details=form.person_details(),
                source=data["source"],
                ground=data["ground"],
                material_received_on=data["material_received_on"],
                documents=data["documents"],
                notes=data["notes"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The application was recorded."))
            return redirect("parking_badges:application", pk=application.pk)
    return render(
        request,
        "parking_badges/application_form.html",
        {"title": gettext_lazy("New badge application"), "form": form},
    )


@permission_required("process_badges")
def application_detail(request, pk: int):
    application = get_object_or_404(BadgeApplication, pk=pk)
    application = selectors.application_detail(application.pk)
    is_health = application.source == ApprovalSource.MINISTRY_OF_HEALTH
    return render(
        request,
        "parking_badges/application_detail.html",
        {
            "title": str(application),
            "application": application,
            "status": selectors.holder_status(application.person.national_id),
            "documents_form": forms.DocumentsForm(),
            "health_form": forms.HealthApprovalForm()
            if is_health and application.status == ApplicationStatus.RECEIVED
            else None,
            "can_send": not is_health
            and application.status
            in (ApplicationStatus.RECEIVED, ApplicationStatus.INFO_REQUESTED),
            "institute_form": forms.InstituteAnswerForm()
            if application.institute_referred_on
            else None,
            "appeal_form": forms.AppealForm()
            if application.status == ApplicationStatus.REJECTED
            and not any(a.status in OPEN_APPLICATION_STATUSES for a in application.appeals.all())
            else None,
            "trail": audit_trail(application),
        },
    )


def _application_action(request, pk: int, form_class, action):
    application = get_object_or_404(BadgeApplication, pk=pk)
    form = form_class(request.POST, request.FILES) if form_class else None
    if form is not None and not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return redirect("parking_badges:application", pk=pk)
    try:
        result = action(application, form.cleaned_data if form else {})
    except ValidationError as error:
        _show_errors(request, error)
        return redirect("parking_badges:application", pk=pk)
    return result or redirect("parking_badges:application", pk=pk)


@require_POST
@permission_required("process_badges")
def application_send_to_doctor(request, pk: int):
    def act(application, _data):
        services.application_send_to_doctor(
            actor=request.user, application=application, on=timezone.localdate()
        )
        messages.success(request, _("The case was sent to the department doctor."))

    return _application_action(request, pk, None, act)


@require_POST
@permission_required("process_badges")
def application_add_documents(request, pk: int):
    def act(application, data):
        services.application_add_documents(
            actor=request.user,
            application=application,
            documents=data["documents"],
            note=data["note"],
        )
        messages.success(request, _("The documents were attached."))

    return _application_action(request, pk, forms.DocumentsForm, act)


@require_POST
@permission_required("process_badges")
def application_health_approval(request, pk: int):
    def act(application, data):
        services.application_record_health_ministry_approval(
            actor=request.user, application=application, **data
        )
        messages.success(request, _("The Ministry of Health approval was recorded."))
        return redirect("parking_badges:holder", pk=application.person_id)

    return _application_action(request, pk, forms.HealthApprovalForm, act)


@require_POST
@permission_required("process_badges")
def application_institute_answer(request, pk: int):
    def act(application, data):
        services.application_record_institute_answer(
            actor=request.user, application=application, **data
        )
        messages.success(request, _("The Medical Institute's answer was recorded."))

    return _application_action(request, pk, forms.InstituteAnswerForm, act)


@require_POST
@permission_required("process_badges")
def application_appeal(request, pk: int):
    def act(application, data):
        appeal = services.appeal_receive(
            actor=request.user,
            rejected=application,
            material_received_on=data["material_received_on"],
            documents=data["documents"],
            notes=data["notes"],
        )
        messages.success(request, _("The appeal was recorded."))
        return redirect("parking_badges:application", pk=appeal.pk)

    return _application_action(request, pk, forms.AppealForm, act)


def _stored_file(field_file, filename: str) -> FileResponse:
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    return FileResponse(handle, as_attachment=False, filename=filename)


@permission_required("process_badges", "decide_medical")
def document_download(request, pk: int):
    """Medical documents: only clerks and the department doctor, never a public URL."""
    document = get_object_or_404(MedicalDocument, pk=pk)
    return _stored_file(document.file, document.original_name)


@permission_required("process_badges")
def evidence_download(request, pk: int):
    """A scanned document proving a vehicle's ground: clerks only."""
    evidence = get_object_or_404(GroundEvidence, pk=pk)
    return _stored_file(evidence.document, evidence.document.name.rsplit("/", 1)[-1])


# --- The holder's file: vehicles, badges -------------------------------------------------


@permission_required("process_badges")
def holder_search(request):
    form = forms.HolderSearchForm(request.GET or None)
    if form.is_valid():
        person = DisabledPerson.objects.filter(national_id=form.cleaned_data["national_id"]).first()
        if person is not None:
            return redirect("parking_badges:holder", pk=person.pk)
        messages.warning(request, _("No badge file for this identity number."))
    elif form.errors:
        for error in form.errors.get("national_id", []):
            messages.error(request, error)
    return redirect("parking_badges:queue")


@permission_required("process_badges")
def holder_detail(request, pk: int):
    get_object_or_404(DisabledPerson, pk=pk)
    person = selectors.person_file(pk)
    entries = list(person.badge_vehicles.all())
    badges = list(person.badges.all())
    current_vehicles = [e for e in entries if e.removed_on is None]
    return render(
        request,
        "parking_badges/holder_detail.html",
        {
            "title": person.full_name,
            "person": person,
            "current_vehicles": current_vehicles,
            "organisation_file": rules.organisation_file([e.ground for e in current_vehicles]),
            "past_vehicles": [e for e in entries if e.removed_on is not None],
            "badges": badges,
            "approvals": list(person.approvals.all()),
            "applications": list(person.applications.all()),
            "vehicle_form": forms.VehicleAddForm(),
            "remove_form": forms.VehicleRemoveForm(),
            "print_form": forms.PrintForm(),
            "death_form": forms.DeathForm(),
            "trail": audit_trail(person),
        },
    )


def _holder_action(request, pk: int, form_class, action, success: str):
    person = get_object_or_404(DisabledPerson, pk=pk)
    form = form_class(request.POST, request.FILES)
    apply_posted_form(request, form, lambda form: action(person, form), success)
    return redirect(reverse("parking_badges:holder", kwargs={"pk": pk}))


@require_POST
@permission_required("process_badges")
def holder_add_vehicle(request, pk: int):
    def act(person, form):
        data = form.cleaned_data
        kinds = data["evidence"]
        evidence = [
            services.EvidenceItem(kind=kind, document=data["scan"] if i == 0 else None)
            for i, kind in enumerate(kinds)
        ]
        services.badge_vehicle_add(
            actor=request.user,
            person=person,
            vehicle=form.vehicle,
            ground=data["ground"],
            relation=data["relation"],
            owner_national_id=data["owner_national_id"],
            evidence=evidence,
            on=timezone.localdate(),
        )

    return _holder_action(
        request, pk, forms.VehicleAddForm, act, _("The vehicle was added to the file.")
    )


@require_POST
@permission_required("process_badges")
def holder_remove_vehicle(request, pk: int, entry_pk: int):
    entry = get_object_or_404(BadgeVehicle, pk=entry_pk, person_id=pk)

    def act(_person, form):
        services.badge_vehicle_remove(
            actor=request.user,
            entry=entry,
            on=timezone.localdate(),
            reason=form.cleaned_data["reason"],
        )

    return _holder_action(
        request, pk, forms.VehicleRemoveForm, act, _("The vehicle was removed from the file.")
    )


@require_POST
@permission_required("process_badges")
def holder_print(request, pk: int):
    def act(person, form):
        services.badge_print(
            actor=request.user, person=person, today=timezone.localdate(), **form.cleaned_data
        )

    return _holder_action(
        request,
        pk,
        forms.PrintForm,
        act,
        _("The badge was sent to print; the previous badge is void."),
    )


@require_POST
@permission_required("process_badges")
def holder_death(request, pk: int):
    def act(person, form):
        services.person_record_death(actor=request.user, person=person, **form.cleaned_data)

    return _holder_action(
        request, pk, forms.DeathForm, act, _("The death was recorded; no badge will be sent.")
    )


@require_POST
@permission_required("process_badges")
def holder_badge_returned(request, pk: int, badge_pk: int):
    """BADGE-17: a dead holder's badge returned (the vehicle may then change hands)."""
    badge = get_object_or_404(Badge, pk=badge_pk, person_id=pk)

    def act(_person, form):
        services.badge_record_return(actor=request.user, badge=badge, **form.cleaned_data)

    return _holder_action(
        request, pk, forms.BadgeReturnForm, act, _("The badge's return was recorded.")
    )


# --- Print files -------------------------------------------------------------------------


@permission_required("process_badges")
def print_files(request):
    if request.method == "POST":
        row = services.print_file_build(for_date=timezone.localdate(), actor=request.user)
        messages.success(
            request,
            _("Today's print file holds %(count)s badges.") % {"count": row.badge_count},
        )
        return redirect("parking_badges:print_files")
    return render(
        request,
        "parking_badges/print_files.html",
        {
            "title": gettext_lazy("Daily print files"),
            "files": selectors.print_files(),
            "waiting": selectors.badges_waiting_for_print(),
        },
    )


@permission_required("process_badges")
def print_file_download(request, for_date):
    """A clerk downloads a day's file; the printing house reaches its API only."""
    row = get_object_or_404(PrintFile, for_date=for_date)
    path = ensure_written(row)
    services.print_file_mark_downloaded(actor=request.user, print_file_row=row)
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=path.name, content_type="text/csv"
    )


# --- The department doctor ---------------------------------------------------------------


@permission_required("decide_medical")
def doctor_queue(request):
    return render(
        request,
        "parking_badges/doctor_queue.html",
        {"title": gettext_lazy("Department doctor's queue"), "cases": selectors.doctor_queue()},
    )


@permission_required("decide_medical")
def doctor_decide(request, pk: int):
    get_object_or_404(BadgeApplication, pk=pk)
    application = selectors.application_detail(pk)
    form = forms.DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_decide(
                actor=request.user, application=application, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your decision was recorded."))
            return redirect("parking_badges:doctor_queue")
    return render(
        request,
        "parking_badges/doctor_decide.html",
        {
            "title": str(application),
            "application": application,
            "form": form,
            "open": application.status == ApplicationStatus.WITH_DOCTOR,
        },
    )


# --- Call centre, importer placeholder, inspectors -----------------------------------------


@permission_required("view_badge_status")
def status_search(request):
    """BADGE-11: read-only status by identity number, in the words said on the phone."""
    form = forms.HolderSearchForm(request.GET or None)
    status = None
    searched = False
    if form.is_valid():
        searched = True
        status = selectors.holder_status(form.cleaned_data["national_id"])
    return render(
        request,
        "parking_badges/status_search.html",
        {
            "title": gettext_lazy("Badge status search"),
            "form": form,
            "status": status,
            "searched": searched,
        },
    )


@permission_required("check_badges")
def check(request):
    """BADGE-53, BADGE-54: valid or not and why, nothing personal, with the legal context."""
    form = forms.CheckForm(request.GET or None)
    result = None
    if form.is_valid():
        result = selectors.badge_check(
            vehicle_number=form.cleaned_data["vehicle"],
            printed_on=form.cleaned_data["printed_on"],
            today=timezone.localdate(),
        )
    return render(
        request,
        "parking_badges/check.html",
        {"title": gettext_lazy("Check a badge"), "form": form, "result": result},
    )
