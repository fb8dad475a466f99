"""Who is told, where, and the sending itself (issue 15, REG-13, REG-14).

**Decision (REG-13, REG-14):** REG-13's chosen channel is where the user code, passwords and
personal messages go; REG-14 asks, separately for SMS and e-mail, for consent to *further*
messages after registration. The messages of this area (a case moved on) are such further
messages: they go only on a channel the citizen consented to, the chosen channel first, else
the other consented one that has an address; with no consent nobody is told. The service
messages of registration itself (user code, verification codes, a locked login) are REG-13's and
go on the chosen channel without consent; they are not sent from here.

**Decision (BADGE-7, BADGE-11, REG-14):** a badge applicant the clerk recorded who has not
registered for the online services gave no consent to messages (REG-14 is asked only at
registration), and no BADGE- rule tells the Authority to message the phone written on the
application form: BADGE-11 gives such an applicant their status by phone from the call centre.
So the phone on the application is not used; the notification is recorded as not sent (not
registered) so the clerk sees on the case that the applicant was not told.

**Decision (BADGE-35, REG-14):** unlike the messages above, BADGE-35 itself requires that both
parties of a transfer be told that the licence is valid only once the fee difference is paid,
and the clerk records the seller's and buyer's phone and e-mail for that notice (a party with
neither gets a printed letter). Such a notice goes to those addresses without asking REG-14's
consent, which is about the online service's further messages (`notices_record_required`).
"""

from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from registration.models import CitizenProfile
from taxportal.links import citizen_link
from taxportal.sms import SmsGatewayError, SmsRejected, send_sms

from . import tasks
from .catalogue import event_sentences, event_subject
from .choices import NotificationChannel, NotificationStatus, WithheldReason
from .models import Notification

LANGUAGES = ("he", "en")


class DeliveryDeferred(Exception):
    """The messaging system could not take the message now: the task tries again later."""


@dataclass(frozen=True)
class Recipient:
    channel: str
    address: str
    language: str
    withheld_reason: str = ""


@dataclass(frozen=True)
class CitizenEvent:
    """One `citizen_event` as the services send it (taxportal.events)."""

    event: str
    identity_number: str
    case: models.Model
    key: str = ""
    url: str = ""
    params: dict[str, Any] | None = None


def recipient_of(profile: CitizenProfile | None) -> Recipient:
    """REG-13, REG-14 (see the module's decision): the consented channel, the chosen one first."""
    if profile is None:
        return Recipient("", "", "he", WithheldReason.NOT_REGISTERED)
    language = profile.language if profile.language in LANGUAGES else "he"
    consented = {
        NotificationChannel.SMS: profile.consent_sms,
        NotificationChannel.EMAIL: profile.consent_email,
    }
    if not any(consented.values()):
        return Recipient("", "", language, WithheldReason.NO_CONSENT)
    order = sorted(consented, key=lambda channel: channel != profile.channel)
    for channel in order:
        if consented[channel] and profile.detail_of(channel):
            return Recipient(str(channel), profile.detail_of(channel), language)
    return Recipient("", "", language, WithheldReason.NO_ADDRESS)


def _profiles(identity_numbers: set[str]) -> dict[str, CitizenProfile]:
    profiles = CitizenProfile.objects.select_related("user").filter(
        user__national_id__in=identity_numbers, user__is_active=True
    )
    return {p.user.national_id: p for p in profiles if p.user.national_id}


def _row(item: CitizenEvent, recipient: Recipient) -> Notification:
    return Notification(
        case_type=ContentType.objects.get_for_model(item.case),
        case_id=str(item.case.pk),
        event=item.event,
        key=item.key,
        identity_number=item.identity_number,
        channel=recipient.channel,
        address=recipient.address,
        language=recipient.language,
        url=item.url,
        params=item.params or {},
        status=NotificationStatus.WITHHELD
        if recipient.withheld_reason
        else NotificationStatus.QUEUED,
        withheld_reason=recipient.withheld_reason,
    )


def _deliver_after_commit(notification_ids: list[int]) -> None:
    for notification_id in notification_ids:
        transaction.on_commit(partial(tasks.deliver_notification.delay, notification_id))


@transaction.atomic
def notification_record(
    *,
    event: str,
    identity_number: str,
    case: models.Model,
    key: str = "",
    url: str = "",
    params: dict[str, Any] | None = None,
) -> Notification | None:
    """Record the event for the citizen and send it after commit; None when this event of this
    case was already recorded (sent twice, or by two processes at once: the unique constraint
    lets one insert win)."""
    item = CitizenEvent(event, identity_number, case, key, url, params)
    recipient = recipient_of(_profiles({identity_number}).get(identity_number))
    row = _row(item, recipient)
    if not _insert_once(row):
        return None
    if row.status == NotificationStatus.QUEUED:
        _deliver_after_commit([row.pk])
    return row


@transaction.atomic
def notifications_record_bulk(*, items: list[CitizenEvent]) -> int:
    """Many events at once (a day's print file): one query for the citizens, one insert for the
    rows (those already recorded are skipped), then one task per message to send. Returns the
    messages queued."""
    if not items:
        return 0
    profiles = _profiles({item.identity_number for item in items})
    rows = [_row(item, recipient_of(profiles.get(item.identity_number))) for item in items]
    started = timezone.now()
    Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    # ignore_conflicts gives no ids back: the rows of these cases and events that this insert
    # created are those still queued and never tried, recorded from `started` on. A task sent
    # twice for one row sends once (notification_deliver locks the row and checks its status).
    queued = list(
        Notification.objects.filter(
            case_type__in={ContentType.objects.get_for_model(item.case) for item in items},
            event__in={item.event for item in items},
            case_id__in={str(item.case.pk) for item in items},
            status=NotificationStatus.QUEUED,
            attempts=0,
            created_at__gte=started,
        ).values_list("pk", flat=True)
    )
    _deliver_after_commit(queued)
    return len(queued)


@dataclass(frozen=True)
class RequiredNotice:
    """One party of a notice a rule requires, to an address recorded for it on the case."""

    identity_number: str
    key: str
    channel: str
    address: str


@transaction.atomic
def notices_record_required(
    *,
    event: str,
    case: models.Model,
    notices: list[RequiredNotice],
    params: dict[str, Any] | None = None,
) -> int:
    """A notice the rule itself requires (BADGE-35: both parties of a transfer are told), sent
    to the phone and e-mail the clerk recorded on the case for it, whatever REG-14's consent to
    the online service's further messages (see the module's decision); recorded, sent after
    commit and retried like every notification, each (case, event, key) once. The citizen's own
    language when registered, else Hebrew. Returns the messages queued."""
    profiles = _profiles({notice.identity_number for notice in notices})
    rows = []
    for notice in notices:
        profile = profiles.get(notice.identity_number)
        language = profile.language if profile and profile.language in LANGUAGES else "he"
        item = CitizenEvent(event, notice.identity_number, case, notice.key, "", params)
        rows.append(_row(item, Recipient(notice.channel, notice.address, language)))
    created = [row for row in rows if _insert_once(row)]
    _deliver_after_commit([row.pk for row in created])
    return len(created)


def _insert_once(row: Notification) -> bool:
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        return False
    return True


def compose(notification: Notification) -> tuple[str, str, str, str]:
    """(subject, text, HTML, SMS) in the citizen's language, with the absolute link."""
    link = citizen_link(notification.url or "/")
    with translation.override(notification.language):
        subject = event_subject(notification.event, notification.params)
        sentences = event_sentences(notification.event, notification.params)
        context = {
            "subject": subject,
            "sentences": sentences,
            "link": link,
            "language": notification.language,
            "direction": "rtl" if notification.language == "he" else "ltr",
        }
        text = render_to_string("notifications/email.txt", context)
        html = render_to_string("notifications/email.html", context)
        sms = render_to_string("notifications/sms.txt", context).strip()
    return subject, text, html, sms


def _send(notification: Notification) -> None:
    subject, text, html, sms = compose(notification)
    if notification.channel == NotificationChannel.SMS:
        send_sms(to=notification.address, body=sms)
        return
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.address],
    )
    message.attach_alternative(html, "text/html")
    message.send()


def notification_deliver(*, notification_id: int, last_attempt: bool) -> str:
    """Send a queued notification once, under its row lock (two tasks for one row send once).
    A transient failure records the attempt and raises DeliveryDeferred for the task to retry,
    except on the last attempt, which records the notification failed. Returns its status."""
    from smtplib import SMTPException

    error: Exception | None = None
    with transaction.atomic():
        row = Notification.objects.select_for_update().get(pk=notification_id)
        if row.status != NotificationStatus.QUEUED:
            return row.status
        row.attempts += 1
        try:
            _send(row)
        except (SmsGatewayError, SMTPException, ConnectionError, TimeoutError) as exc:
            error = exc
            row.last_error = f"{type(exc).__name__}: {exc}"[:255]
            if last_attempt:
                row.status, row.failed_at = NotificationStatus.FAILED, timezone.now()
        except SmsRejected as exc:
            row.last_error = f"{type(exc).__name__}: {exc}"[:255]
            row.status, row.failed_at = NotificationStatus.FAILED, timezone.now()
        else:
            row.status, row.sent_at, row.last_error = NotificationStatus.SENT, timezone.now(), ""
        row.save(update_fields=["attempts", "last_error", "status", "sent_at", "failed_at"])
    if row.status == NotificationStatus.QUEUED and error is not None:
        raise DeliveryDeferred(row.last_error) from error
    return row.status
