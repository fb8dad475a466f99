"""The holder's file: opening it, updating it, recording the holder's death (BADGE-17)."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.models import User

from ..choices import BadgeStatus
from ..models import DisabledPerson
from ..selectors import current_badges
from ._locks import locked


@dataclass(frozen=True)
class PersonDetails:
    national_id: str
    first_name: str
    last_name: str
    born_on: date | None = None
    street: str = ""
    city: str = ""
    postal_code: str = ""
    phone: str = ""
    email: str = ""
    has_guardian_of_person: bool = False


@transaction.atomic
def person_record(*, actor: User | None, details: PersonDetails, reason: str) -> DisabledPerson:
    """Open the holder's file, or update the details on it (identity number is the key)."""
    fields = {k: v for k, v in details.__dict__.items() if k != "national_id"}
    person, created = DisabledPerson.objects.update_or_create(
        national_id=details.national_id, defaults=fields
    )
    audit_record(
        actor=actor,
        action=gettext_noop("badge holder file opened")
        if created
        else gettext_noop("badge holder details updated"),
        target=person,
        reason=reason,
        changes=fields,
    )
    return person


@transaction.atomic
def person_record_death(
    *, actor: User | None, person: DisabledPerson, died_on: date, reason: str
) -> DisabledPerson:
    """BADGE-17: on the holder's death no badge is sent; the current badge is cancelled."""
    person = locked(person)
    person.died_on = died_on
    person.save(update_fields=["died_on"])
    for badge in current_badges(person):
        badge.status = BadgeStatus.CANCELLED
        badge.voided_at = timezone.now()
        badge.save(update_fields=["status", "voided_at"])
        audit_record(
            actor=actor,
            action=gettext_noop("badge cancelled: holder died"),
            target=badge,
            reason=reason,
        )
    audit_record(
        actor=actor,
        action=gettext_noop("holder's death recorded"),
        target=person,
        reason=reason,
        changes={"died_on": died_on},
    )
    return person
