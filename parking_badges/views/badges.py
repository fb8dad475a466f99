"""Print files (BADGE-48), the call centre's status search (BADGE-11) and inspectors' check
(BADGE-53).
"""

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taxportal.permissions import permission_required

from .. import forms, selectors, services
from ..models import (
    PrintFile,
)
from ..services.print_file import ensure_written


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
    ensure_written(row)
    services.print_file_mark_downloaded(actor=request.user, print_file_row=row)
    return FileResponse(row.file.open("rb"), as_attachment=True, content_type="text/csv")


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
