"""REG-24: the citizen's own badge service page, linked from the personal area's section: the
same facts, at the citizen's identification level."""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from registration import levels
from taxportal.permissions import permission_required

from ..personal_area import badge_section


@permission_required("use_personal_area")
def my_badge(request):
    level = levels.citizen_level(request.user)
    return render(
        request,
        "parking_badges/my_badge.html",
        {
            "title": _("Disabled-parking badge"),
            "section": badge_section(request.user, level),
            "limited": not levels.sees_everything(request.user),
        },
    )
