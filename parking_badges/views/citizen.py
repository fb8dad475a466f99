"""REG-24: the citizen's own badge service page, linked from the personal area's section: the
same facts, at the citizen's identification level; and what the citizen sends from it
(issue 15): the documents the doctor asked for (BADGE-10)."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from registration import levels
from taxportal.permissions import permission_required
from taxportal.selectors import receipt_for_case

from .. import forms, rules, selectors, services
from ..models import BadgeApplication
from ..personal_area import badge_section


@permission_required("use_personal_area")
def my_badge(request):
    level = levels.citizen_level(request.user)
    return render(
        request,
        "parking_badges/my_badge.html",
        {
            "title": _("Disabled-parking badge"),
            "section": badge_section(request.user, level),
            "limited": not levels.sees_everything(request.user),
        },
    )


def _own_application(user, pk) -> BadgeApplication:
    """The citizen's own application, found by their identity number; anyone else's: 404."""
    national_id = getattr(user, "national_id", None)
    application = (
        BadgeApplication.objects.select_related("person")
        .filter(pk=pk, person__national_id=national_id)
        .first()
        if national_id
        else None
    )
    if application is None:
        raise Http404
    return application


@permission_required("use_personal_area")
@levels.high_level_required
@require_http_methods(["GET", "POST"])
def my_documents(request, pk):
    """BADGE-10: the citizen sends the documents asked for, until the date set."""
    application = _own_application(request.user, pk)
    today = timezone.localdate()
    closed = rules.citizen_documents_problem(
        status=application.status, info_due_on=application.info_due_on, today=today
    )
    form = forms.CitizenDocumentsForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and not closed and form.is_valid():
        try:
            receipt = services.application_documents_from_citizen(
                actor=request.user,
                application=application,
                documents=form.cleaned_data["documents"],
                today=today,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            return redirect("receipt", pk=receipt.pk)
    return render(
        request,
        "parking_badges/my_documents.html",
        {
            "title": _("Send the information the doctor asked for"),
            "application": application,
            "form": form,
            "closed": closed,
        },
        status=200 if not closed else 409,
    )


@permission_required("use_personal_area")
@levels.high_level_required
@require_http_methods(["GET", "POST"])
def my_new_badge(request):
    """BADGE-14, BADGE-18: the citizen asks for a new badge (lost, stolen, damaged, or a
    replaced vehicle); the receipt says about when it arrives."""
    form = forms.ReplacementRequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            asked = services.replacement_request_receive(
                actor=request.user,
                national_id=request.user.national_id or "",
                reason=data["reason"],
                today=timezone.localdate(),
                old_vehicle_number=data["old_vehicle_number"],
                new_vehicle_number=data["new_vehicle_number"],
                document=data["document"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            receipt = receipt_for_case(request.user, asked, services.REPLACEMENT_REQUESTED)
            return (
                redirect("receipt", pk=receipt.pk)
                if receipt
                else redirect("parking_badges:my_badge")
            )
    return render(
        request,
        "parking_badges/my_new_badge.html",
        {"title": _("Ask for a new badge"), "form": form},
    )


@permission_required("use_personal_area")
@levels.high_level_required
@require_http_methods(["GET", "POST"])
def my_refund(request):
    """BADGE-37 to BADGE-41: the holder asks for a refund for a vehicle on the badge; the
    receipt says by when it is paid (three months)."""
    national_id = request.user.national_id or ""
    numbers = selectors.holder_vehicle_numbers(national_id)
    form = forms.CitizenRefundForm(
        request.POST or None, request.FILES or None, vehicle_numbers=numbers
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            refund = services.refund_request_from_citizen(
                actor=request.user,
                national_id=national_id,
                vehicle_number=data["vehicle_number"],
                owner_relation=data["owner_relation"],
                documents=data["documents"],
                today=timezone.localdate(),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            receipt = receipt_for_case(request.user, refund, services.REFUND_REQUESTED)
            if receipt is not None:
                return redirect("receipt", pk=receipt.pk)
            return redirect("parking_badges:my_badge")
    return render(
        request,
        "parking_badges/my_refund.html",
        {"title": _("Ask for a licence fee refund"), "form": form, "has_vehicles": bool(numbers)},
    )
