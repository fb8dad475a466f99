"""The fee schedule page: the fees in force and the index values they follow (GAR-12, GAR-15)."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from taxportal.permissions import permission_required

from .. import selectors
from ..models import CpiValue
from ..rules import FeeSchedule, MissingIndexYears
from .common import PAY, SUBMIT


@permission_required(SUBMIT, PAY)
def schedule(request):
    """The fee schedule in force, its history and the index values behind it (GAR-15)."""
    changes: FeeSchedule
    base, changes, error = selectors.base_amounts(), [], ""
    try:
        base, changes = selectors.fee_schedule()
    except MissingIndexYears as missing:
        error = _("The index published in December %(years)s is missing: enter it.") % {
            "years": ", ".join(map(str, missing.years))
        }
    return render(
        request,
        "garnishment/schedule.html",
        {
            "base": sorted(base.items(), key=lambda item: -item[1]),
            "changes": changes,
            "cpi_values": CpiValue.objects.order_by("year"),
            "schedule_error": error,
        },
    )
