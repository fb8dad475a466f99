from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from taxportal.permissions import permission_required


@permission_required("submit_garnishment_reports")
def reports(request):
    return render(request, "work_page.html", {"title": _("Garnishment answer reports")})


@permission_required("record_garnishment_payments")
def authority_home(request):
    return render(request, "work_page.html", {"title": _("Garnishment fees to pay")})
