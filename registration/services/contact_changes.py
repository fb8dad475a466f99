"""REG-23, no takeover: a change of contact details made through the identity questions alone is
told at once to the channel on record, with a "this wasn't me" link that cancels it, and takes
effect 72 hours later; one made logged in at the high level takes effect at once (new details
after their verification link) and the channel on record is told too."""

from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.links import absolute_url
from taxportal.models import User
from taxportal.texts import said

from .. import rules, tasks
from ..models import CitizenProfile, ContactChange, ContactVerification, IdentificationLevel
from .contact import contact_apply
from .messages import message_compose, send_message

CANCEL_SALT = "registration.contact-change-cancel"
_DETAILS = ("mobile", "email", "channel")


@dataclass(frozen=True)
class ContactChangeResult:
    change: ContactChange
    verifications: list[ContactVerification] = field(default_factory=list)


def _source(actor: User | None, profile: CitizenProfile) -> str:
    if actor is None:
        return ContactChange.Source.QUESTIONS
    if profile.level == IdentificationLevel.HIGH:
        return ContactChange.Source.LOGGED_IN_HIGH
    return ContactChange.Source.LOGGED_IN_LOW


def _changes_details(profile: CitizenProfile, change: ContactChange) -> bool:
    return any(getattr(profile, name) != getattr(change, name) for name in _DETAILS)


@transaction.atomic
def contact_change_request(
    *,
    profile: CitizenProfile,
    mobile: str,
    email: str,
    channel: str,
    consent_sms: bool,
    consent_email: bool,
    actor: User | None,
    language: str,
) -> ContactChangeResult:
    """REG-23: `actor` is the logged-in citizen, or None when the identity questions alone
    stand behind the request. A newer request replaces one still waiting."""
    profile = CitizenProfile.objects.select_for_update().get(pk=profile.pk)
    now = timezone.now()
    ContactChange.objects.filter(profile=profile, status=ContactChange.Status.WAITING).update(
        status=ContactChange.Status.SUPERSEDED, closed_at=now
    )
    source = _source(actor, profile)
    at_once = source == ContactChange.Source.LOGGED_IN_HIGH
    change = ContactChange(
        profile=profile,
        source=source,
        status=ContactChange.Status.WAITING,
        mobile=mobile,
        email=email,
        channel=channel,
        consent_sms=consent_sms,
        consent_email=consent_email,
        language=language,
        requested_at=now,
        effective_at=now if at_once else now + rules.CONTACT_CHANGE_DELAY,
    )
    tell = not at_once or _changes_details(profile, change)
    if tell:
        change.told_channel = profile.channel
    change.save()
    audit_record(
        actor=actor,
        action=gettext_noop("contact details change requested"),
        target=change,
        reason=change.get_source_display(),
        changes={"effective_at": change.effective_at},
    )
    verifications = []
    if at_once:
        verifications = _apply(profile, change, actor)
    if tell:
        transaction.on_commit(partial(tasks.tell_contact_change.delay, change.pk))
    return ContactChangeResult(change=change, verifications=verifications)


def _apply(
    profile: CitizenProfile, change: ContactChange, actor: User | None
) -> list[ContactVerification]:
    verifications = contact_apply(profile=profile, change=change, actor=actor)
    change.status = ContactChange.Status.APPLIED
    change.closed_at = timezone.now()
    change.save(update_fields=["status", "closed_at"])
    return verifications


def contact_change_token(change: ContactChange) -> str:
    return signing.TimestampSigner(salt=CANCEL_SALT).sign(str(change.pk))


def contact_change_from_token(token: str) -> ContactChange | None:
    """The change a "this wasn't me" link names, or None when the link is forged or expired."""
    try:
        pk = signing.TimestampSigner(salt=CANCEL_SALT).unsign(
            token, max_age=rules.CONTACT_CHANGE_CANCEL_LINK_MAX_AGE
        )
    except signing.BadSignature:
        return None
    return ContactChange.objects.select_related("profile").filter(pk=pk).first()


@transaction.atomic
def contact_change_tell(*, change_id: int) -> None:
    """Tell the channel on record of a change, with the link that cancels it (run by the
    background task). The channel is the one on record when the change was asked for."""
    change = ContactChange.objects.select_related("profile").get(pk=change_id)
    profile = change.profile
    link = absolute_url(
        reverse("registration:cancel_contact_change", args=[contact_change_token(change)])
    )
    subject, body = message_compose(
        name="contact_change",
        channel=change.told_channel,
        language=profile.language,
        context={
            "waiting": change.source != ContactChange.Source.LOGGED_IN_HIGH,
            "requested": timezone.localtime(change.requested_at),
            "effective": timezone.localtime(change.effective_at),
            "link": link,
        },
    )
    send_message(
        channel=change.told_channel,
        destination=profile.detail_of(change.told_channel),
        subject=subject,
        body=body,
    )


class CancelOutcome:
    CANCELLED = "cancelled"
    ALREADY_IN_EFFECT = "in_effect"
    CLOSED = "closed"


@transaction.atomic
def contact_change_cancel(*, change: ContactChange) -> str:
    """ "This wasn't me": a waiting change is cancelled; of one applied at once, the new details
    still awaiting their verification link are withdrawn. A detail already confirmed stays:
    the page tells the citizen to contact the Authority."""
    profile = CitizenProfile.objects.select_for_update().get(pk=change.profile_id)
    change = ContactChange.objects.select_for_update().get(pk=change.pk)
    if change.status in (ContactChange.Status.CANCELLED, ContactChange.Status.SUPERSEDED):
        return CancelOutcome.CLOSED
    if change.status == ContactChange.Status.APPLIED:
        withdrawn = [
            name
            for name in _DETAILS
            if getattr(profile, f"pending_{name}")
            and getattr(profile, f"pending_{name}") == getattr(change, name)
        ]
        if not withdrawn:
            return CancelOutcome.ALREADY_IN_EFFECT
        for name in withdrawn:
            setattr(profile, f"pending_{name}", "")
        profile.save()
    change.status = ContactChange.Status.CANCELLED
    change.closed_at = timezone.now()
    change.save(update_fields=["status", "closed_at"])
    audit_record(
        actor=None,
        action=gettext_noop("contact details change cancelled"),
        target=change,
        reason=said(gettext_noop("the link sent to the channel on record was followed")),
    )
    return CancelOutcome.CANCELLED


def contact_changes_apply_due(*, now: datetime | None = None) -> int:
    """The waiting changes whose 72 hours have passed take effect (Celery beat and the
    `apply_contact_changes` command). Each in its own transaction."""
    now = now or timezone.now()
    due = ContactChange.objects.filter(
        status=ContactChange.Status.WAITING, effective_at__lte=now
    ).values_list("pk", flat=True)
    return sum(_apply_one(pk) for pk in list(due))


@transaction.atomic
def _apply_one(change_id: int) -> bool:
    change = ContactChange.objects.select_for_update().get(pk=change_id)
    if change.status != ContactChange.Status.WAITING:
        return False
    profile = CitizenProfile.objects.select_for_update().get(pk=change.profile_id)
    _apply(profile, change, actor=None)
    return True
