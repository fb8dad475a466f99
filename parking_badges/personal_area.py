"""BADGE-11: the citizen follows their own badge case in the personal area."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taxportal.personal_area import Section

from . import rules
from .choices import CURRENT_BADGE_STATUSES, OPEN_APPLICATION_STATUSES
from .models import ReplacementRequest
from .selectors import citizen_money_cases, holder_status

HIGH_LEVEL = "high"


def badge_section(user, level: str) -> Section | None:
    """The citizen's own applications and badge, refund requests and ownership transfers,
    found by their identity number only, with what they can do now (issue 15); a citizen with
    no case yet sees how to apply. Below the high identification level the doctor's
    decisions (medical) and the amounts (financial) are left out, and the page says why
    (REG-24)."""
    national_id = getattr(user, "national_id", None)
    if not national_id:
        return None
    status = holder_status(national_id)
    money = citizen_money_cases(national_id)
    cases = status.cases if status else []
    today = timezone.localdate()
    # Issue 15: what the citizen can do now: send the information asked for, until its date;
    # apply online when no application is open (at the high level: it holds medical documents).
    documents_due = [
        (case.application.pk, case.application.info_due_on)
        for case in cases
        if not rules.citizen_documents_problem(
            status=case.application.status, info_due_on=case.application.info_due_on, today=today
        )
    ]
    can_apply = not any(c.application.status in OPEN_APPLICATION_STATUSES for c in cases)
    # BADGE-14, BADGE-18: a new badge asked for and about when it arrives, or the way to ask.
    replacement = (
        ReplacementRequest.objects.filter(person=status.person, handled_on__isnull=True).first()
        if status is not None
        else None
    )
    has_badge = bool(status and status.badge and status.badge.status in CURRENT_BADGE_STATUSES)
    return Section(
        title=str(_("Disabled-parking badge")),
        template="parking_badges/personal_area_section.html",
        context={
            "status": status,
            "money": money,
            "limited": level != HIGH_LEVEL,
            "documents_due": documents_due,
            "can_apply": can_apply,
            "replacement": replacement,
            "can_ask_new_badge": has_badge and replacement is None,
        },
        service_url=reverse("parking_badges:my_badge"),
    )
