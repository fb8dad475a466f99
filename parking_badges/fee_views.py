"""Pages of the fee desk (transfers, differences, exemptions, refunds), the importer screen
and the enforcement file. Thin: forms in, one service called, selectors read."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from taxportal.audit import audit_trail
from taxportal.paging import paginate
from taxportal.permissions import permission_required

from . import fee_forms, fee_selectors, fee_services
from .models import (
    EnforcementAuthority,
    EnforcementFile,
    FeeDifference,
    ImporterFileStatus,
    ImporterVehicleFile,
    RefundRequest,
    RefundStatus,
    Vehicle,
)
from .views import apply_posted_form


def _vehicle_or_404(number: str) -> Vehicle:
    return get_object_or_404(Vehicle, number=number)


def _form_page(request, form_class, template: str, context: dict, act, *, initial=None):
    """GET shows the form; a valid POST calls `act(form)`; rule errors go back on the form."""
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            response = act(form)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            return response
    return render(request, template, {**context, "form": form})


def _post_action(request, form_class, act, success: str, back: str):
    apply_posted_form(request, form_class(request.POST), act, success)
    return redirect(back)


# --- The fee desk -----------------------------------------------------------------------------


@permission_required("handle_badge_fees")
def fee_desk(request):
    """Open fee differences (restriction 16) and refunds by due date (BADGE-41)."""
    lookup = fee_forms.VehicleLookupForm(request.GET or None)
    if request.GET and lookup.is_valid():
        return redirect("parking_badges:fee_vehicle", number=lookup.cleaned_data["number"])
    return render(
        request,
        "parking_badges/fees/desk.html",
        {
            "title": gettext_lazy("Licence fees, transfers and refunds"),
            "lookup": lookup,
            "differences": paginate(
                request, fee_selectors.open_differences(), param="differences_page"
            ),
            "refunds": paginate(request, fee_selectors.refund_queue(), param="refunds_page"),
            "transfers": fee_selectors.recent_transfers(),
            "today": timezone.localdate(),
        },
    )


@permission_required("handle_badge_fees")
def fee_vehicle(request, number: str):
    vehicle = fee_selectors.vehicle_fee_file(number)
    if vehicle is None:
        raise Http404
    return render(
        request,
        "parking_badges/fees/vehicle.html",
        {
            "title": _("Licence fees of vehicle %(number)s") % {"number": vehicle.number},
            "vehicle": vehicle,
            "period_form": fee_forms.LicencePeriodForm(),
            "pay_form": fee_forms.DifferencePaymentForm(),
            "trail": audit_trail(vehicle),
        },
    )


@require_POST
@permission_required("handle_badge_fees")
def fee_period_add(request, number: str):
    vehicle = _vehicle_or_404(number)
    return _post_action(
        request,
        fee_forms.LicencePeriodForm,
        lambda form: fee_services.licence_period_record(
            vehicle=vehicle, actor=request.user, **form.cleaned_data
        ),
        _("The licence period was recorded."),
        reverse("parking_badges:fee_vehicle", args=[number]),
    )


@permission_required("handle_badge_fees")
def fee_exemption(request, number: str):
    """BADGE-31 grant; BADGE-33 move when the holder already has an exempt vehicle."""
    vehicle = _vehicle_or_404(number)

    def act(form):
        data = form.cleaned_data
        current = fee_selectors.active_exemption(data["person"])
        if current is None:
            fee_services.exemption_grant(
                person=data["person"], vehicle=vehicle, owner_relation=data["owner_relation"],
                starts_on=data["starts_on"], actor=request.user, reason=data["reason"],
            )  # fmt: skip
            messages.success(request, _("Tariff 06: the vehicle pays the reduced fee."))
        else:
            if data["regular_annual_fee"] is None:
                raise ValidationError(
                    _("Vehicle %(number)s is exempt now: give its regular annual fee to raise "
                      "the difference on it.") % {"number": current.vehicle.number}
                )  # fmt: skip
            fee_services.exemption_move(
                person=data["person"], new_vehicle=vehicle, owner_relation=data["owner_relation"],
                moved_on=data["starts_on"], regular_annual_fee=data["regular_annual_fee"],
                actor=request.user, reason=data["reason"],
            )  # fmt: skip
            messages.success(
                request,
                _("A difference was raised on vehicle %(number)s (restriction 16); this vehicle "
                  "becomes exempt when it is paid.") % {"number": current.vehicle.number},
            )  # fmt: skip
        return redirect("parking_badges:fee_vehicle", number=number)

    return _form_page(
        request,
        fee_forms.ExemptionForm,
        "parking_badges/fees/form.html",
        {"title": _("Reduced fee for vehicle %(number)s") % {"number": number}, "vehicle": vehicle},
        act,
    )


@permission_required("handle_badge_fees")
def fee_transfer(request, number: str):
    """BADGE-34 to BADGE-36: record a transfer from a disabled owner."""
    vehicle = _vehicle_or_404(number)
    period = vehicle.licence_periods.order_by("-valid_from").first()

    def act(form):
        transfer = fee_services.transfer_record(
            vehicle=vehicle, actor=request.user, **form.cleaned_data
        )
        difference = transfer.fee_difference
        if difference and difference.status == "open":
            messages.success(
                request,
                _("Transfer recorded. Difference of %(amount)s NIS raised with restriction 16; "
                  "both parties are being told.") % {"amount": difference.amount},
            )  # fmt: skip
        else:
            messages.success(request, _("Transfer recorded; nothing is owed."))
        return redirect("parking_badges:fee_vehicle", number=number)

    return _form_page(
        request,
        fee_forms.TransferForm,
        "parking_badges/fees/transfer_form.html",
        {"title": _("Ownership transfer of vehicle %(number)s") % {"number": number},
         "vehicle": vehicle},
        act,
        initial={"regular_annual_fee": period.regular_annual_fee if period else None},
    )  # fmt: skip


@require_POST
@permission_required("handle_badge_fees")
def fee_difference_pay(request, pk: int):
    difference = get_object_or_404(FeeDifference.objects.select_related("vehicle"), pk=pk)
    return _post_action(
        request,
        fee_forms.DifferencePaymentForm,
        lambda form: fee_services.fee_difference_pay(
            difference=difference, actor=request.user, **form.cleaned_data
        ),
        _("Paid: restriction 16 was cancelled."),
        reverse("parking_badges:fee_vehicle", args=[difference.vehicle.number]),
    )


# --- Refunds ----------------------------------------------------------------------------------


@permission_required("handle_badge_fees")
def refund_new(request, number: str):
    vehicle = _vehicle_or_404(number)

    def act(form):
        refund = fee_services.refund_request_record(
            vehicle=vehicle, actor=request.user, **form.cleaned_data
        )
        messages.success(
            request,
            _("Refund request recorded; to be paid by %(date)s.")
            % {"date": refund.due_on.strftime("%d/%m/%Y")},
        )
        return redirect("parking_badges:refund", pk=refund.pk)

    return _form_page(
        request,
        fee_forms.RefundRequestForm,
        "parking_badges/fees/refund_form.html",
        {"title": _("Refund request for vehicle %(number)s") % {"number": number},
         "vehicle": vehicle},
        act,
        initial={"kind": "owner"},
    )  # fmt: skip


@permission_required("handle_badge_fees")
def refund_detail(request, pk: int):
    refund = get_object_or_404(
        RefundRequest.objects.select_related("person", "vehicle").prefetch_related(
            Prefetch("lines")
        ),
        pk=pk,
    )
    preview, preview_error = None, ""
    if refund.status == RefundStatus.OPEN:
        try:
            preview = fee_selectors.refund_preview(refund)
        except LookupError as missing:
            preview_error = str(missing)
    return render(
        request,
        "parking_badges/fees/refund.html",
        {
            "title": str(refund),
            "refund": refund,
            "preview": preview,
            "preview_error": preview_error,
            "decision_form": fee_forms.RefundDecisionForm(),
            "paid_form": fee_forms.RefundPaidForm(),
            "today": timezone.localdate(),
            "trail": audit_trail(refund),
        },
    )


def _refund_action(request, pk, form_class, act, success):
    refund = get_object_or_404(RefundRequest, pk=pk)
    return _post_action(
        request,
        form_class,
        lambda form: act(refund, form.cleaned_data),
        success,
        reverse("parking_badges:refund", args=[pk]),
    )


@require_POST
@permission_required("handle_badge_fees")
def refund_approve(request, pk: int):
    return _refund_action(
        request, pk, fee_forms.RefundDecisionForm,
        lambda refund, data: fee_services.refund_approve(
            refund=refund, actor=request.user, note=data["note"]
        ),
        _("Refund approved."),
    )  # fmt: skip


@require_POST
@permission_required("handle_badge_fees")
def refund_reject(request, pk: int):
    return _refund_action(
        request, pk, fee_forms.RefundDecisionForm,
        lambda refund, data: fee_services.refund_reject(
            refund=refund, actor=request.user, note=data["note"]
        ),
        _("Refund rejected."),
    )  # fmt: skip


@require_POST
@permission_required("handle_badge_fees")
def refund_paid(request, pk: int):
    return _refund_action(
        request, pk, fee_forms.RefundPaidForm,
        lambda refund, data: fee_services.refund_mark_paid(
            refund=refund, actor=request.user, paid_on=data["paid_on"]
        ),
        _("Refund marked paid."),
    )  # fmt: skip


# --- The importer screen (BADGE-43 to BADGE-46) -----------------------------------------------


@permission_required("open_importer_vehicles")
def importer(request):
    def act(form):
        importer_file = fee_services.importer_file_open(actor=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("File opened; close it by %(when)s.")
            % {"when": timezone.localtime(importer_file.close_by).strftime("%d/%m/%Y %H:%M")},
        )
        return redirect("parking_badges:importer_file", pk=importer_file.pk)

    return _form_page(
        request,
        fee_forms.ImporterOpenForm,
        "parking_badges/fees/importer.html",
        {
            "title": gettext_lazy("Importer vehicles"),
            "files": fee_selectors.importer_files(),
        },
        act,
    )


@permission_required("open_importer_vehicles")
def importer_file(request, pk: int):
    importer_file = get_object_or_404(
        fee_selectors.importer_files(include_closed=True).prefetch_related("vehicle__restrictions"),
        pk=pk,
    )
    return render(
        request,
        "parking_badges/fees/importer_file.html",
        {
            "title": _("Importer file of vehicle %(number)s") % {"number": importer_file.vehicle},
            "file": importer_file,
            "release_form": fee_forms.ImporterReleaseForm(),
            "print_form": fee_forms.ImporterPrintForm(),
            "close_form": fee_forms.ImporterCloseForm(),
            "two_vehicles": fee_selectors.holder_has_two_vehicles(importer_file.buyer_national_id),
            "statuses": ImporterFileStatus,
        },
    )


def _importer_action(request, pk, form_class, act, success):
    importer_file = get_object_or_404(ImporterVehicleFile, pk=pk)
    return _post_action(
        request,
        form_class,
        lambda form: act(importer_file, form.cleaned_data),
        success,
        reverse("parking_badges:importer_file", args=[pk]),
    )


@require_POST
@permission_required("open_importer_vehicles")
def importer_release(request, pk: int):
    return _importer_action(
        request, pk, fee_forms.ImporterReleaseForm,
        lambda f, data: fee_services.importer_file_release(
            importer_file=f, actor=request.user, **data
        ),
        _("Customs release recorded; restriction 11 is on the vehicle."),
    )  # fmt: skip


@require_POST
@permission_required("open_importer_vehicles")
def importer_print(request, pk: int):
    def act(importer_file, data):
        if fee_services.importer_licence_printed(
            importer_file=importer_file, actor=request.user, **data
        ):
            raise ValidationError(
                _("Wrong amount on the licence: cancel the print and print it again.")
            )

    return _importer_action(
        request, pk, fee_forms.ImporterPrintForm, act, _("Licence print recorded.")
    )


@require_POST
@permission_required("open_importer_vehicles")
def importer_close(request, pk: int):
    return _importer_action(
        request, pk, fee_forms.ImporterCloseForm,
        lambda f, data: fee_services.importer_file_close(
            importer_file=f, actor=request.user, **data
        ),
        _("Vehicle file closed."),
    )  # fmt: skip


# --- The enforcement file (BADGE-51) ----------------------------------------------------------


@permission_required("check_badges")
def enforcement_files(request):
    authorities = EnforcementAuthority.objects.filter(users=request.user, privacy_approved=True)
    return render(
        request,
        "parking_badges/fees/enforcement.html",
        {
            "title": gettext_lazy("Enforcement files"),
            "authorities": list(authorities),
            "files": EnforcementFile.objects.only("month", "vehicle_count", "sha256")[:24],
        },
    )


@permission_required("check_badges")
def enforcement_download(request, pk: int, authority_pk: int):
    enforcement_file = get_object_or_404(EnforcementFile, pk=pk)
    authority = get_object_or_404(EnforcementAuthority, pk=authority_pk)
    try:
        fee_services.enforcement_file_download(
            enforcement_file=enforcement_file, authority=authority, user=request.user
        )
    except PermissionDenied:
        raise Http404 from None
    response = HttpResponse(enforcement_file.content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="badge-enforcement-{enforcement_file.month:%Y-%m}.csv"'
    )
    return response
