"""The enforcement file for approved authorities (BADGE-51)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy

from taxportal.permissions import permission_required

from .. import services
from ..models import EnforcementAuthority, EnforcementFile


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
        services.enforcement_file_download(
            enforcement_file=enforcement_file, authority=authority, user=request.user
        )
    except PermissionDenied:
        raise Http404 from None
    response = HttpResponse(enforcement_file.content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="badge-enforcement-{enforcement_file.month:%Y-%m}.csv"'
    )
    return response
