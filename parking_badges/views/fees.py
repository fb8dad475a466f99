"""The fee desk: a vehicle's fee file, licence periods, exemptions, transfers and differences
(BADGE-31 to BADGE-36).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from taxportal.audit import audit_trail
from taxportal.paging import paginate
from taxportal.permissions import permission_required

from .. import forms, selectors, services
from ..models import (
    FeeDifference,
)
from ._helpers import (
    form_page,
    post_action,
    vehicle_or_404,
)


@permission_required("handle_badge_fees")
def fee_desk(request):
    """Open fee differences (restriction 16) and refunds by due date (BADGE-41)."""
    lookup = forms.VehicleLookupForm(request.GET or None)
    if request.GET and lookup.is_valid():
        return redirect("parking_badges:fee_vehicle", number=lookup.cleaned_data["number"])
    return render(
        request,
        "parking_badges/fees/desk.html",
        {
            "title": gettext_lazy("Licence fees, transfers and refunds"),
            "lookup": lookup,
            "differences": paginate(
                request, selectors.open_differences(), param="differences_page"
            ),
            "refunds": paginate(request, selectors.refund_queue(), param="refunds_page"),
            "transfers": selectors.recent_transfers(),
            "today": timezone.localdate(),
        },
    )


@permission_required("handle_badge_fees")
def fee_vehicle(request, number: str):
    vehicle = selectors.vehicle_fee_file(number)
    if vehicle is None:
        raise Http404
    return render(
        request,
        "parking_badges/fees/vehicle.html",
        {
            "title": _("Licence fees of vehicle %(number)s") % {"number": vehicle.number},
            "vehicle": vehicle,
            "period_form": forms.LicencePeriodForm(),
            "pay_form": forms.DifferencePaymentForm(),
            "trail": audit_trail(vehicle),
        },
    )


@require_POST
@permission_required("handle_badge_fees")
def fee_period_add(request, number: str):
    vehicle = vehicle_or_404(number)
    return post_action(
        request,
        forms.LicencePeriodForm,
        lambda form: services.licence_period_record(
            vehicle=vehicle, actor=request.user, **form.cleaned_data
        ),
        _("The licence period was recorded."),
        reverse("parking_badges:fee_vehicle", args=[number]),
    )


@permission_required("handle_badge_fees")
def fee_exemption(request, number: str):
    """BADGE-31 grant; BADGE-33 move when the holder already has an exempt vehicle."""
    vehicle = vehicle_or_404(number)

    def act(form):
        data = form.cleaned_data
        current = selectors.active_exemption(data["person"])
        if current is None:
            services.exemption_grant(
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
            services.exemption_move(
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

    return form_page(
        request,
        forms.ExemptionForm,
        "parking_badges/fees/form.html",
        {"title": _("Reduced fee for vehicle %(number)s") % {"number": number}, "vehicle": vehicle},
        act,
    )


@permission_required("handle_badge_fees")
def fee_transfer(request, number: str):
    """BADGE-34 to BADGE-36: record a transfer from a disabled owner."""
    vehicle = vehicle_or_404(number)
    period = vehicle.licence_periods.order_by("-valid_from").first()

    def act(form):
        transfer = services.transfer_record(
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

    return form_page(
        request,
        forms.TransferForm,
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
    return post_action(
        request,
        forms.DifferencePaymentForm,
        lambda form: services.fee_difference_pay(
            difference=difference, actor=request.user, **form.cleaned_data
        ),
        _("Paid: restriction 16 was cancelled."),
        reverse("parking_badges:fee_vehicle", args=[difference.vehicle.number]),
    )
