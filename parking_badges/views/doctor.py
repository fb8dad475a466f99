"""The department doctor's queue and decision (BADGE-10)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taxportal.permissions import permission_required

from .. import forms, selectors, services
from ..choices import (
    ApplicationStatus,
)
from ..models import (
    BadgeApplication,
)


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
