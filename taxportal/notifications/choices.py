"""Statuses and channels of a notification."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    SENT = "sent", _("Delivered to the messaging system")
    FAILED = "failed", _("Could not be sent")
    WITHHELD = "withheld", _("Not sent")


class NotificationChannel(models.TextChoices):
    """The same values as registration's Channel (REG-13), and none when nobody is told."""

    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")
    NONE = "", _("None")


class WithheldReason(models.TextChoices):
    """Why a citizen was not told (REG-14): shown on the case so the clerk can phone instead."""

    NOT_REGISTERED = "not_registered", _("Not registered for the online services")
    NO_CONSENT = "no_consent", _("Did not consent to messages on any channel")
    NO_ADDRESS = "no_address", _("No address on the consented channel")
