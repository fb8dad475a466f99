from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from taxportal.permissions import permission_required


@permission_required("use_personal_area")
def personal_area(request):
    return render(request, "work_page.html", {"title": _("Personal area")})
