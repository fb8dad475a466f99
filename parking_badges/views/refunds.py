"""Refund requests and their decision and payment (BADGE-37 to BADGE-42)."""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taxportal.audit import audit_trail
from taxportal.confirm import confirmation_needed, sentence
from taxportal.permissions import permission_required

from .. import forms, rules, selectors, services
from ..choices import (
    RefundStatus,
)
from ..models import (
    RefundDocument,
    RefundRequest,
)
from ._helpers import (
    form_page,
    post_action,
    uploaded_document,
    vehicle_or_404,
)


@permission_required("handle_badge_fees")
def refund_new(request, number: str):
    vehicle = vehicle_or_404(number)

    def act(form):
        refund = services.refund_request_record(
            vehicle=vehicle, actor=request.user, **form.cleaned_data
        )
        messages.success(
            request,
            _("Refund request recorded; to be paid by %(date)s.")
            % {"date": refund.due_on.strftime("%d/%m/%Y")},
        )
        return redirect("parking_badges:refund", pk=refund.pk)

    return form_page(
        request,
        forms.RefundRequestForm,
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
            preview = selectors.refund_preview(refund)
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
            "decision_form": forms.RefundDecisionForm(),
            "paid_form": forms.RefundPaidForm(),
            "actions": rules.allowed_actions(rules.REFUND_TRANSITIONS, refund.status),
            "overdue": rules.refund_overdue(
                status=refund.status, due_on=refund.due_on, today=timezone.localdate()
            ),
            "trail": audit_trail(refund),
        },
    )


def _refund_action(request, pk, form_class, act, success, *, confirm=None):
    """`confirm`: (title, sentence, button) for an action asked to be confirmed first, the
    sentence with the holder's name, identity number and vehicle."""
    refund = get_object_or_404(RefundRequest.objects.select_related("person", "vehicle"), pk=pk)
    if confirm:
        title, what, button = confirm
        confirmation = confirmation_needed(
            request,
            form_class(request.POST),
            title=title,
            what=sentence(
                what,
                name=refund.person.full_name,
                national_id=refund.person.national_id,
                number=refund.vehicle.number,
            ),
            action_url=request.path,
            back_url=reverse("parking_badges:refund", args=[pk]),
            button=button,
        )
        if confirmation:
            return confirmation
    return post_action(
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
        request, pk, forms.RefundDecisionForm,
        lambda refund, data: services.refund_approve(
            refund=refund, actor=request.user, note=data["note"]
        ),
        _("Refund approved."),
        confirm=(
            _("Approve the refund"),
            _("The refund to %(name)s, identity number %(national_id)s, for vehicle "
              "%(number)s will be approved and sent for payment."),
            _("Confirm and approve"),
        ),
    )  # fmt: skip


@require_POST
@permission_required("handle_badge_fees")
def refund_reject(request, pk: int):
    return _refund_action(
        request, pk, forms.RefundDecisionForm,
        lambda refund, data: services.refund_reject(
            refund=refund, actor=request.user, note=data["note"]
        ),
        _("Refund rejected."),
    )  # fmt: skip


@require_POST
@permission_required("handle_badge_fees")
def refund_paid(request, pk: int):
    return _refund_action(
        request, pk, forms.RefundPaidForm,
        lambda refund, data: services.refund_mark_paid(
            refund=refund, actor=request.user, paid_on=data["paid_on"]
        ),
        _("Refund marked paid."),
        confirm=(
            _("Record the refund as paid"),
            _("The refund to %(name)s, identity number %(national_id)s, for vehicle "
              "%(number)s will be recorded as paid. This closes the refund."),
            _("Confirm the payment"),
        ),
    )  # fmt: skip


@permission_required("handle_badge_fees")
def refund_document(request, pk: int):
    """A document a citizen sent with a refund request online (issue 15), as a download of the
    type its content was checked to be."""
    document = get_object_or_404(RefundDocument, pk=pk)
    return uploaded_document(document.file, document.content_type, document.original_name)
