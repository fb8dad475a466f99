"""The third party's recognition page: its request, notices and stops of service."""

from typing import cast

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from taxportal.permissions import permission_required

from .. import selectors, services
from ..forms import RecognitionRequestForm, ServiceStopForm
from .common import SUBMIT


@permission_required(SUBMIT)
def recognition(request):
    """The third party's recognition, its authorities' notices and terms, and its duty to
    report at once when it stops meeting the conditions (GAR-3)."""
    third_party = selectors.third_party_of(request.user)
    action = request.POST.get("action") if request.method == "POST" else None
    form = ServiceStopForm(request.POST if action == "stop" else None)
    request_form = RecognitionRequestForm(
        request.POST if action == "request" else None,
        request.FILES if action == "request" else None,
        instance=third_party,
    )
    if third_party is not None and action == "request" and request_form.is_valid():
        services.third_party_request_recognition(
            third_party=third_party,
            details={name: request_form.cleaned_data[name] for name in request_form.changed_data},
            actor=request.user,
        )
        messages.success(request, _("Request sent to the Enforcement and Collection Authority."))
        return redirect("garnishment:recognition")
    if third_party is not None and action == "stop" and form.is_valid():
        choices = cast(forms.ChoiceField, form.fields["cause"]).choices
        # Stub gap: django-stubs types `choices` as all it accepts; it reads back as a list.
        cause = dict(choices)[form.cleaned_data["cause"]]  # type: ignore[arg-type]
        services.third_party_stop_service(
            third_party=third_party,
            actor=request.user,
            reason=f"{cause}: {form.cleaned_data['details']}",
        )
        messages.warning(request, _("Reported. Orders received from today on are not billable."))
        return redirect("garnishment:recognition")
    arrangements = (
        third_party.arrangements.select_related("authority").order_by("authority__name")
        if third_party
        else []
    )
    return render(
        request,
        "garnishment/recognition.html",
        {
            "third_party": third_party,
            "arrangements": arrangements,
            "form": form,
            "request_form": request_form,
        },
    )
