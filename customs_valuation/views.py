from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from taxportal.permissions import permission_required


@permission_required("value_imports")
def queue(request):
    return render(request, "work_page.html", {"title": _("Valuation cases")})


@permission_required("decide_valuation_appeals")
def appeals(request):
    return render(request, "work_page.html", {"title": _("Valuation appeals")})
