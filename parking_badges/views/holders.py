"""The holder's file: vehicles, printing, death and the badge's return (BADGE-12 to BADGE-30)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taxportal.audit import audit_trail
from taxportal.confirm import confirmation_needed, sentence
from taxportal.notifications.selectors import case_notification_rows
from taxportal.permissions import permission_required

from .. import forms, rules, selectors, services
from ..models import (
    Badge,
    BadgeVehicle,
    DisabledPerson,
)
from ._helpers import (
    apply_posted_form,
)


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
            messages.error(request, str(error))
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
            # Issue 15: what the holder was told about their badges, applications, refunds and
            # the vehicles they sold (BADGE-35).
            "notifications": case_notification_rows(
                *badges,
                *person.applications.all(),
                *person.refunds.all(),
                *person.transfers_as_seller.all(),
            ),
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
    person = get_object_or_404(DisabledPerson, pk=pk)
    confirmation = confirmation_needed(
        request,
        forms.PrintForm(request.POST),
        title=_("Print a badge"),
        what=sentence(
            _("A badge will be sent to print for %(name)s, identity number %(national_id)s. "
              "The badge printed before becomes void."),
            name=person.full_name, national_id=person.national_id,
        ),
        action_url=reverse("parking_badges:holder_print", args=[pk]),
        back_url=reverse("parking_badges:holder", args=[pk]),
        button=_("Confirm and send to print"),
    )  # fmt: skip
    if confirmation:
        return confirmation

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
