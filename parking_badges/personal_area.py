"""BADGE-11: the citizen follows their own badge case in the personal area."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taxportal.personal_area import Section

from .selectors import citizen_money_cases, holder_status

HIGH_LEVEL = "high"


def badge_section(user, level: str) -> Section | None:
    """The citizen's own applications and badge, refund requests and ownership transfers,
    found by their identity number only. Below the high identification level the doctor's
    decisions (medical) and the amounts (financial) are left out, and the page says why
    (REG-24)."""
    national_id = getattr(user, "national_id", None)
    if not national_id:
        return None
    status = holder_status(national_id)
    money = citizen_money_cases(national_id)
    if status is None and not money:
        return None
    return Section(
        title=str(_("Disabled-parking badge")),
        template="parking_badges/personal_area_section.html",
        context={"status": status, "money": money, "limited": level != HIGH_LEVEL},
        service_url=reverse("parking_badges:my_badge"),
    )
