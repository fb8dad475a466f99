"""What a citizen asks online of a badge they hold (issue 15): a new badge for a lost, stolen or
damaged one, or for a replaced vehicle (BADGE-14), expected about a week after the request
(BADGE-18). The clerk prints it; the print closes the request."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import BadgeReason
from .badges import Badge
from .holders import DisabledPerson

# BADGE-14: the reasons a citizen gives for a new badge online.
CITIZEN_REPLACEMENT_REASONS = [
    (BadgeReason.LOST.value, BadgeReason.LOST.label),
    (BadgeReason.STOLEN.value, BadgeReason.STOLEN.label),
    (BadgeReason.DAMAGED.value, BadgeReason.DAMAGED.label),
    (BadgeReason.VEHICLE_REPLACED.value, BadgeReason.VEHICLE_REPLACED.label),
]


def request_document_path(instance, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"parking_badges/requests/{uuid.uuid4().hex}{suffix}"


class ReplacementRequest(models.Model):
    person = models.ForeignKey(
        DisabledPerson, on_delete=models.PROTECT, related_name="replacement_requests"
    )
    badge = models.ForeignKey(Badge, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=20, choices=CITIZEN_REPLACEMENT_REASONS)
    old_vehicle_number = models.CharField(_("the vehicle replaced"), max_length=8, blank=True)
    new_vehicle_number = models.CharField(_("the new vehicle"), max_length=8, blank=True)
    document = models.FileField(
        _("document"), upload_to=request_document_path, blank=True, max_length=200
    )
    document_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("checked file type"), max_length=50, blank=True)
    requested_on = models.DateField(_("requested on"))
    expected_on = models.DateField(_("expected to reach the holder by about"))
    handled_on = models.DateField(_("new badge ordered on"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("request for a new badge")
        verbose_name_plural = _("requests for a new badge")
        ordering = ["requested_on", "id"]
        indexes = [
            models.Index(
                fields=["requested_on", "id"],
                condition=Q(handled_on__isnull=True),
                name="badge_replacement_open_idx",
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()} — {self.person}"
