"""BADGE-11: the citizen follows their own badge case in the personal area."""

from django.utils.translation import gettext_lazy as _

from taxportal.personal_area import Section

from .selectors import holder_status

HIGH_LEVEL = "high"


def badge_section(user, level: str) -> Section | None:
    """The citizen's own applications and badge, found by their identity number only. Below
    the high identification level the doctor's decisions (medical) are left out (REG-24)."""
    national_id = getattr(user, "national_id", None)
    if not national_id:
        return None
    status = holder_status(national_id)
    if status is None:
        return None
    return Section(
        title=str(_("Disabled-parking badge")),
        template="parking_badges/personal_area_section.html",
        context={"status": status, "limited": level != HIGH_LEVEL},
    )
