"""The notifications of a case, for the clerk's case page and the citizen's personal area."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from .catalogue import event_subject
from .choices import NotificationStatus
from .models import Notification


def case_notifications(*cases: models.Model) -> QuerySet[Notification]:
    """Every notification of these cases (an application and its appeals, say), newest first."""
    query = models.Q(pk__in=[])
    for case in cases:
        query |= models.Q(case_type=ContentType.objects.get_for_model(case), case_id=str(case.pk))
    return Notification.objects.filter(query).order_by("-created_at", "-id")


def citizen_notifications(identity_number: str, limit: int = 20) -> list[Notification]:
    return list(
        Notification.objects.filter(identity_number=identity_number).order_by("-created_at", "-id")[
            :limit
        ]
    )


@dataclass(frozen=True)
class NotificationRow:
    """One line of the list on a case page: what, when, to where, and the result."""

    what: str
    when: datetime
    channel: str
    address: str
    status: str
    result: str
    failed: bool


def _row(notification: Notification) -> NotificationRow:
    detail = (
        notification.get_withheld_reason_display()
        if notification.withheld_reason
        else notification.last_error
        if notification.status == NotificationStatus.FAILED
        else ""
    )
    return NotificationRow(
        what=event_subject(notification.event, notification.params),
        when=notification.sent_at or notification.failed_at or notification.created_at,
        channel=notification.get_channel_display() if notification.channel else "",
        address=notification.address,
        status=str(notification.get_status_display()),
        result=str(detail),
        failed=notification.status in (NotificationStatus.FAILED, NotificationStatus.WITHHELD),
    )


def case_notification_rows(*cases: models.Model) -> list[NotificationRow]:
    """The list on the clerk's case page, in the reader's language, newest first."""
    return [_row(n) for n in case_notifications(*cases)[:100]]
