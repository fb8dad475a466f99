from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from taxportal.permissions import permission_required


@permission_required("process_badges")
def queue(request):
    return render(request, "work_page.html", {"title": _("Badge applications queue")})


@permission_required("decide_medical")
def doctor_queue(request):
    return render(request, "work_page.html", {"title": _("Department doctor's queue")})


@permission_required("open_importer_vehicles")
def importer(request):
    return render(request, "work_page.html", {"title": _("Importer vehicles")})


@permission_required("view_badge_status")
def status_search(request):
    return render(request, "work_page.html", {"title": _("Badge status search")})


@permission_required("check_badges")
def check(request):
    return render(request, "work_page.html", {"title": _("Check a badge")})
