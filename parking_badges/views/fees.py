"""The fee desk: a vehicle's fee file, licence periods, exemptions, transfers and differences
(BADGE-31 to BADGE-36).
"""

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from taxportal.audit import audit_trail
from taxportal.confirm import confirmation_needed, sentence
from taxportal.markup import escape_text as _e
from taxportal.paging import QUEUE_COUNT_AHEAD, paginate
from taxportal.permissions import permission_required
from taxportal.queues import (
    Column,
    Labels,
    day,
    export_format,
    export_links,
    export_response,
    link,
    terms,
)
from taxportal.templatetags.money import nis

from .. import forms, rules, selectors, services
from ..choices import DifferenceStatus, RefundKind, RefundStatus
from ..models import (
    FeeDifference,
    OwnershipTransfer,
)
from ._helpers import (
    form_page,
    post_action,
    vehicle_or_404,
)
from ._queues import row_link, row_start


@dataclass(frozen=True)
class ShownRefund:
    url: str
    number: str
    holder: str
    national_id: str
    vehicle: str
    kind: str
    status: str
    requested: str
    due: str
    overdue: bool


def _shown_refunds(refunds, today) -> list[ShownRefund]:
    kinds, statuses, url = (
        Labels(RefundKind.choices),
        Labels(RefundStatus.choices),
        link("parking_badges:refund"),
    )
    return [
        ShownRefund(
            url=url(refund.pk),
            number=f"#{refund.pk}",
            holder=refund.person.full_name,
            national_id=refund.person.national_id,
            vehicle=refund.vehicle.number,
            kind=kinds(refund.kind),
            status=statuses(refund.status),
            requested=day(refund.requested_on),
            due=day(refund.due_on),
            overdue=rules.refund_overdue(status=refund.status, due_on=refund.due_on, today=today),
        )
        for refund in refunds
    ]


def _refund_rows_html(shown: list[ShownRefund]) -> SafeString:
    """The refunds' rows, written in Python as the queues' rows are (views._queues)."""
    overdue = f" <strong>{_e(_('overdue'))}</strong>"
    return mark_safe(  # noqa: S308 - every value below is escaped
        "".join(
            f'{row_start(row.overdue)}<th scope="row">'
            f"{row_link(row.url, row.number, overdue=row.overdue)}</th>"
            f'<td class="text-nowrap">{_e(row.due)}{overdue if row.overdue else ""}</td>'
            f"<td>{_e(row.status)}</td>"
            f'<td><bdi>{_e(row.holder)}</bdi> <span class="ltr">{_e(row.national_id)}</span></td>'
            f'<td class="ltr">{_e(row.vehicle)}</td><td>{_e(row.kind)}</td>'
            f'<td class="text-nowrap">{_e(row.requested)}</td></tr>'
            for row in shown
        )
    )


# Exported from the requests themselves (dates as date cells); each row is (request, today).
REFUND_COLUMNS = [
    Column(gettext_lazy("Request"), lambda r: r[0].pk),
    Column(gettext_lazy("To be paid by"), lambda r: r[0].due_on),
    Column(
        gettext_lazy("Overdue"),
        lambda r: rules.refund_overdue(status=r[0].status, due_on=r[0].due_on, today=r[1]),
    ),
    Column(gettext_lazy("Status"), lambda r: r[0].get_status_display()),
    Column(gettext_lazy("Holder"), lambda r: r[0].person.full_name),
    Column(gettext_lazy("Identity number"), lambda r: r[0].person.national_id),
    Column(gettext_lazy("Vehicle"), lambda r: r[0].vehicle.number),
    Column(gettext_lazy("Kind"), lambda r: r[0].get_kind_display()),
    Column(gettext_lazy("Requested on"), lambda r: r[0].requested_on),
]


@permission_required("handle_badge_fees")
def fee_desk(request):
    """Open fee differences (restriction 16) and refunds by due date (BADGE-41); the refunds
    searched, filtered, sorted and paged in SQL, or exported as shown."""
    lookup = forms.VehicleLookupForm(request.GET if "number" in request.GET else None)
    if lookup.is_bound and lookup.is_valid():
        number = lookup.cleaned_data["number"]
        if selectors.vehicle_fee_file(number) is not None:
            return redirect("parking_badges:fee_vehicle", number=number)
        _no_such_vehicle(lookup, number)
    return _desk(request, lookup)


def _no_such_vehicle(lookup, number: str) -> None:
    """Issue 16: an unknown vehicle number is answered on the desk, saying what to do."""
    lookup.add_error(
        "number",
        _(
            "There is no vehicle %(number)s in the vehicle register. Check the number on the "
            "licence and enter it again."
        )
        % {"number": number},
    )


def _desk(request, lookup, status: int = 200):
    today = timezone.localdate()
    queue_form = forms.RefundQueueForm(request.GET)
    queue = selectors.refund_queue(
        status=queue_form.value("status", ""),
        overdue_on=today if queue_form.value("due") == forms.OVERDUE else None,
        search=terms(queue_form),
        ordering=queue_form.ordering,
    )
    fmt = export_format(request)
    if fmt:
        rows = ((refund, today) for refund in queue.iterator(chunk_size=1000))
        return export_response(fmt, f"refunds-{today:%Y-%m-%d}", REFUND_COLUMNS, rows)
    refunds = paginate(
        request,
        queue.only(*selectors.REFUND_SHOWN),
        param="refunds_page",
        count_up_to=QUEUE_COUNT_AHEAD,
    )
    shown_refunds = _shown_refunds(refunds.items, today)
    return render(
        request,
        "parking_badges/fees/desk.html",
        {
            "title": gettext_lazy("Licence fees, transfers and refunds"),
            "lookup": lookup,
            "queue_form": queue_form,
            "export_links": export_links(request),
            "differences": paginate(
                request,
                selectors.open_differences(),
                param="differences_page",
                count_up_to=QUEUE_COUNT_AHEAD,
            ),
            "refunds": refunds,
            "shown_refunds": shown_refunds,
            "refund_rows_html": _refund_rows_html(shown_refunds),
            "transfers": selectors.recent_transfers(),
        },
        status=status,
    )


@permission_required("handle_badge_fees")
def fee_vehicle(request, number: str):
    vehicle = selectors.vehicle_fee_file(number)
    if vehicle is None:
        # Still a 404 for programs, but the desk with what to do for the clerk.
        lookup = forms.VehicleLookupForm({"number": number})
        if lookup.is_valid():
            _no_such_vehicle(lookup, number)
        return _desk(request, lookup, status=404)
    return render(
        request,
        "parking_badges/fees/vehicle.html",
        {
            "title": _("Licence fees of vehicle %(number)s") % {"number": vehicle.number},
            "vehicle": vehicle,
            "payable": {
                difference.pk
                for difference in vehicle.fee_differences.all()
                if rules.next_status(rules.DIFFERENCE_TRANSITIONS, difference.status, rules.PAY)
            },
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
            services.exemption_move(
                person=data["person"], new_vehicle=vehicle, owner_relation=data["owner_relation"],
                moved_on=data["starts_on"], actor=request.user, reason=data["reason"],
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
    if request.method == "POST":
        confirmation = confirmation_needed(
            request,
            forms.TransferForm(request.POST),
            title=_("Record an ownership transfer"),
            what=sentence(
                _("The transfer of vehicle %(number)s will be recorded: the seller's exemption "
                  "ends, a fee difference owed is raised with restriction 16, and both parties "
                  "are told. It cannot be undone."),
                number=number,
            ),
            action_url=reverse("parking_badges:fee_transfer", args=[number]),
            back_url=reverse("parking_badges:fee_vehicle", args=[number]),
            button=_("Confirm the transfer"),
        )  # fmt: skip
        if confirmation:
            return confirmation

    def act(form):
        transfer = services.transfer_record(
            vehicle=vehicle, actor=request.user, **form.cleaned_data
        )
        difference = transfer.fee_difference
        if difference and difference.status == DifferenceStatus.OPEN:
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
    )  # fmt: skip


@require_POST
@permission_required("handle_badge_fees")
def fee_difference_pay(request, pk: int):
    difference = get_object_or_404(FeeDifference.objects.select_related("vehicle"), pk=pk)
    confirmation = confirmation_needed(
        request,
        forms.DifferencePaymentForm(request.POST),
        title=_("Record a payment"),
        what=sentence(
            _("A payment of %(amount)s will be recorded for vehicle %(number)s, and its "
              "restriction 16 will be cancelled at the Licensing Office."),
            amount=nis(difference.amount), number=difference.vehicle.number,
        ),
        action_url=reverse("parking_badges:fee_difference_pay", args=[pk]),
        back_url=reverse("parking_badges:fee_vehicle", args=[difference.vehicle.number]),
        button=_("Confirm the payment"),
    )  # fmt: skip
    if confirmation:
        return confirmation
    return post_action(
        request,
        forms.DifferencePaymentForm,
        lambda form: services.fee_difference_pay(
            difference=difference, actor=request.user, **form.cleaned_data
        ),
        _("Paid: restriction 16 was cancelled."),
        reverse("parking_badges:fee_vehicle", args=[difference.vehicle.number]),
    )


@permission_required("handle_badge_fees")
def transfer_letter(request, pk: int, party: str):
    """BADGE-35: the printable letter to a party who has neither a phone nor an e-mail."""
    transfer = get_object_or_404(
        OwnershipTransfer.objects.select_related("vehicle", "seller", "fee_difference"), pk=pk
    )
    if party not in transfer.parties_needing_a_letter():
        raise Http404
    name, address = (
        (transfer.seller.full_name, f"{transfer.seller.street}, {transfer.seller.city}")
        if party == "seller"
        else (transfer.buyer_name, "")
    )
    return render(
        request,
        "parking_badges/fees/transfer_letter.html",
        {
            "title": _("Letter on the fee difference of vehicle %(number)s")
            % {"number": transfer.vehicle.number},
            "transfer": transfer,
            "name": name,
            "address": address,
        },
    )
