"""The monthly enforcement file, the authorities that may download it and every download
(BADGE-51).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class EnforcementAuthority(models.Model):
    """A municipal or police authority that may receive the enforcement file (BADGE-51) only
    once approved under the Privacy Protection Law; its users download it."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    privacy_approved = models.BooleanField(
        _("approved under the Privacy Protection Law"), default=False
    )
    approval_reference = models.CharField(_("approval reference"), max_length=100, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("users who download"),
        blank=True,
        related_name="enforcement_authorities",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("enforcement authority")
        verbose_name_plural = _("enforcement authorities")
        ordering = ["name"]

    def __str__(self):
        return self.name


class EnforcementFile(models.Model):
    """The month's file of vehicle numbers with approved badges and the last issue date."""

    month = models.DateField(_("month"), unique=True)
    content = models.TextField(_("content"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    vehicle_count = models.PositiveIntegerField(_("vehicles"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("enforcement file")
        verbose_name_plural = _("enforcement files")
        ordering = ["-month"]

    def __str__(self):
        return f"{self.month:%m/%Y} ({self.vehicle_count})"


class EnforcementDownload(models.Model):
    """Each download of an enforcement file, by whom and for which authority (BADGE-51)."""

    file = models.ForeignKey(EnforcementFile, on_delete=models.PROTECT, related_name="downloads")
    authority = models.ForeignKey(
        EnforcementAuthority, on_delete=models.PROTECT, related_name="downloads"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    downloaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("enforcement file download")
        verbose_name_plural = _("enforcement file downloads")
        ordering = ["-downloaded_at"]

    def __str__(self):
        return f"{self.file} — {self.authority} — {self.user}"
