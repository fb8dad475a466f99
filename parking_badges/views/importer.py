"""The importer screen (BADGE-43 to BADGE-46)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from taxportal.permissions import permission_required

from .. import forms, selectors, services
from ..choices import (
    ImporterFileStatus,
)
from ..models import (
    ImporterVehicleFile,
)
from ._helpers import (
    form_page,
    post_action,
)


@permission_required("open_importer_vehicles")
def importer(request):
    def act(form):
        importer_file = services.importer_file_open(actor=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("File opened; close it by %(when)s.")
            % {"when": timezone.localtime(importer_file.close_by).strftime("%d/%m/%Y %H:%M")},
        )
        return redirect("parking_badges:importer_file", pk=importer_file.pk)

    return form_page(
        request,
        forms.ImporterOpenForm,
        "parking_badges/fees/importer.html",
        {
            "title": gettext_lazy("Importer vehicles"),
            "files": selectors.importer_files(),
        },
        act,
    )


@permission_required("open_importer_vehicles")
def importer_file(request, pk: int):
    importer_file = get_object_or_404(
        selectors.importer_files(include_closed=True).prefetch_related("vehicle__restrictions"),
        pk=pk,
    )
    return render(
        request,
        "parking_badges/fees/importer_file.html",
        {
            "title": _("Importer file of vehicle %(number)s") % {"number": importer_file.vehicle},
            "file": importer_file,
            "release_form": forms.ImporterReleaseForm(),
            "print_form": forms.ImporterPrintForm(),
            "close_form": forms.ImporterCloseForm(),
            "two_vehicles": selectors.holder_has_two_vehicles(importer_file.buyer_national_id),
            "statuses": ImporterFileStatus,
        },
    )


def _importer_action(request, pk, form_class, act, success):
    importer_file = get_object_or_404(ImporterVehicleFile, pk=pk)
    return post_action(
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
        request, pk, forms.ImporterReleaseForm,
        lambda f, data: services.importer_file_release(
            importer_file=f, actor=request.user, **data
        ),
        _("Customs release recorded; restriction 11 is on the vehicle."),
    )  # fmt: skip


@require_POST
@permission_required("open_importer_vehicles")
def importer_print(request, pk: int):
    def act(importer_file, data):
        if services.importer_licence_printed(
            importer_file=importer_file, actor=request.user, **data
        ):
            raise ValidationError(
                _("Wrong amount on the licence: cancel the print and print it again.")
            )

    return _importer_action(request, pk, forms.ImporterPrintForm, act, _("Licence print recorded."))


@require_POST
@permission_required("open_importer_vehicles")
def importer_close(request, pk: int):
    return _importer_action(
        request, pk, forms.ImporterCloseForm,
        lambda f, data: services.importer_file_close(
            importer_file=f, actor=request.user, **data
        ),
        _("Vehicle file closed."),
    )  # fmt: skip
