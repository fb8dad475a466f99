"""The holder's file: opening it, updating it, recording the holder's death (BADGE-17)."""

from dataclasses import asdict, dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.locks import locked
from taxportal.models import User
from taxportal.texts import Said

from .. import rules
from ..models import DisabledPerson
from ..rules.transitions import BADGE_TRANSITIONS, CANCEL, next_status
from ..selectors import current_badges


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


def _person_locked(national_id: str) -> DisabledPerson | None:
    return DisabledPerson.objects.select_for_update().filter(national_id=national_id).first()


@transaction.atomic
def person_record(
    *, actor: User | None, details: PersonDetails, reason: str | Said
) -> DisabledPerson:
    """Open the holder's file, or update the details on it (identity number is the key). Only
    the details that differ are written; the history keeps the version before (BADGE-7)."""
    fields = {k: v for k, v in asdict(details).items() if k != "national_id"}
    person = _person_locked(details.national_id)
    if person is None:
        try:
            with transaction.atomic():  # two clerks opening the same file at once: one wins
                person = DisabledPerson.objects.create(national_id=details.national_id, **fields)
        except IntegrityError:
            person = _person_locked(details.national_id)
            if person is None:
                raise
        else:
            audit_record(
                actor=actor,
                action=gettext_noop("badge holder file opened"),
                target=person,
                reason=reason,
                changes=fields,
            )
            return person
    current = {field: getattr(person, field) for field in fields}
    changed = {field: [old, new] for field, old, new in rules.detail_differences(current, fields)}
    if not changed:
        return person
    for field, (_old, new) in changed.items():
        setattr(person, field, new)
    person._change_reason = reason  # django-simple-history keeps why, and who, with the version
    person._history_user = actor
    person.save(update_fields=list(changed))
    audit_record(
        actor=actor,
        action=gettext_noop("badge holder details updated"),
        target=person,
        reason=reason,
        changes=changed,
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
        new_status = next_status(BADGE_TRANSITIONS, badge.status, CANCEL)
        assert new_status is not None  # a current badge can be cancelled
        badge.status = new_status
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
