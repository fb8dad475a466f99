"""One message to a citizen about one event of one case, told at most once."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import NotificationChannel, NotificationStatus, WithheldReason


class Notification(models.Model):
    """What the citizen was told (or why not), when, to where, and whether it was delivered.

    UNIQUE (case type, case id, event, key): one event is recorded, and so told, once, also
    when two sends race (the second insert finds the row and does nothing)."""

    case_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    case_id = models.CharField(max_length=64)
    case = GenericForeignKey("case_type", "case_id")
    event = models.CharField(_("event"), max_length=60)
    key = models.CharField(max_length=100, blank=True)
    identity_number = models.CharField(_("identity number"), max_length=9, db_index=True)
    channel = models.CharField(
        _("channel"), max_length=10, choices=NotificationChannel.choices, blank=True
    )
    address = models.CharField(_("sent to"), max_length=254, blank=True)
    language = models.CharField(_("language"), max_length=10, default="he")
    url = models.CharField(max_length=300, blank=True)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=NotificationStatus.choices,
        default=NotificationStatus.QUEUED,
    )
    withheld_reason = models.CharField(
        _("why not sent"), max_length=20, choices=WithheldReason.choices, blank=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case_type", "case_id", "event", "key"], name="notification_once"
            )
        ]
        indexes = [models.Index(fields=["case_type", "case_id", "created_at"])]

    def __str__(self):
        return f"{self.event} → {self.address or '-'} ({self.status})"
