"""Importers' files for new vehicles of exempt disabled buyers (BADGE-43 to BADGE-46)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from taxportal.model_fields import MoneyField, SaidTextField

from ..choices import EntitlementSource, ImporterFileStatus, TariffOutcome
from .vehicles import Vehicle


class ImporterVehicleFile(models.Model):
    """An importer's file for a new vehicle bought by an exempt disabled buyer (BADGE-43 to
    BADGE-46). The buyer's number goes in the 5th "additional owners" row, i.e. the vehicle's
    `reported_disabled_national_id`; the file must be closed within 48 hours of opening."""

    vehicle = models.OneToOneField(Vehicle, on_delete=models.PROTECT, related_name="importer_file")
    buyer_national_id = models.CharField(_("buyer's identity number"), max_length=9, db_index=True)
    buyer_name = models.CharField(_("buyer's name"), max_length=200)
    importer_name = models.CharField(_("importer"), max_length=200)
    entitlement_source = models.CharField(
        _("entitlement form from"), max_length=30, choices=EntitlementSource.choices
    )
    entitlement_originals = models.BooleanField(
        _("two signed originals of the entitlement form received"), default=False
    )
    previous_rights_unsettled = models.BooleanField(
        _("rights on a previous vehicle not yet settled with Customs"), default=False
    )
    previous_rights_receipt = models.BooleanField(
        _("receipt for the previous vehicle's rights received"), default=False
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ImporterFileStatus.choices,
        default=ImporterFileStatus.WITH_CUSTOMS,
        db_index=True,
    )
    opened_at = models.DateTimeField(_("opened at"))
    close_by = models.DateTimeField(_("to be closed by"), db_index=True)
    customs_released_on = models.DateField(_("released by Customs on"), null=True, blank=True)
    customs_reference = models.CharField(_("Customs release reference"), max_length=50, blank=True)
    tariff_outcome = models.CharField(
        _("tariff 06"), max_length=20, choices=TariffOutcome.choices, default=TariffOutcome.PENDING
    )
    tariff_refusal_reasons = SaidTextField(_("why tariff 06 was refused"), blank=True)
    printed_licence_amount = MoneyField(
        _("amount printed on the licence (NIS)"),
        null=True,
        blank=True,
    )
    two_vehicles_notice_given = models.BooleanField(
        _("buyer told to report the new vehicle (two vehicles on the badge)"), default=False
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("importer vehicle file")
        verbose_name_plural = _("importer vehicle files")
        ordering = ["close_by", "id"]
        indexes = [
            # The importer's open files (BADGE-43), the soonest to close first.
            models.Index(
                fields=["close_by", "id"],
                condition=Q(status__in=["with_customs", "released"]),
                name="badge_importer_open_idx",
            ),
        ]

    def __str__(self):
        return f"{self.vehicle} — {self.buyer_national_id}"
