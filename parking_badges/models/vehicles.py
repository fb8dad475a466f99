"""The vehicle register the badge and fee rules read, and the vehicles on a holder's file with
their grounds and evidence (BADGE-19 to BADGE-30).
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from taxportal.model_fields import SaidCharField

from ..choices import (
    EvidenceKind,
    FamilyRelation,
    OwnerKind,
    VehicleGround,
    VehicleSource,
    VehicleType,
)
from .holders import DisabledPerson


class Vehicle(models.Model):
    """A vehicle in the licensing register: the reference the badge and fee rules read.

    `tariff_code` is the licence-fee tariff ("06" is the disabled tariff). `registered_on` is
    the day the vehicle entered the register; `reported_disabled_national_id` is the disabled
    buyer an importer reported in the 5th "additional owners" row (BADGE-44, BADGE-47).
    """

    number = models.CharField(_("registration number"), max_length=8, unique=True)
    vehicle_type = models.CharField(_("vehicle type"), max_length=20, choices=VehicleType.choices)
    total_weight_kg = models.PositiveIntegerField(_("total weight (kg)"), null=True, blank=True)
    manufactured_on = models.DateField(_("manufacture date"), null=True, blank=True)
    tariff_code = models.CharField(_("tariff code"), max_length=2, blank=True)
    is_collector = models.BooleanField(_("collector vehicle"), default=False)
    used_for_business = models.BooleanField(_("used for business or trade"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    deactivated_on = models.DateField(_("no longer active since"), null=True, blank=True)
    registered_on = models.DateField(_("entered the register on"), db_index=True)
    reported_disabled_national_id = models.CharField(
        _("disabled buyer reported by the importer"), max_length=9, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vehicle")
        verbose_name_plural = _("vehicles")
        ordering = ["number"]

    def __str__(self):
        return self.number


class VehicleOwner(models.Model):
    """An owner of a vehicle over a period; `owned_until` empty means a current owner."""

    vehicle = models.ForeignKey(Vehicle, on_delete=models.CASCADE, related_name="owners")
    national_id = models.CharField(_("identity or company number"), max_length=9)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("owner kind"), max_length=20, choices=OwnerKind.choices, default=OwnerKind.INDIVIDUAL
    )
    owned_from = models.DateField(_("owner since"))
    owned_until = models.DateField(_("owner until"), null=True, blank=True)

    class Meta:
        verbose_name = _("vehicle owner")
        verbose_name_plural = _("vehicle owners")
        ordering = ["owned_from", "id"]
        indexes = [models.Index(fields=["national_id"])]

    def __str__(self):
        return f"{self.name} ({self.national_id})"


class VehicleRestriction(models.Model):
    """A restriction on a vehicle's licence: a numbered code (76, 60, 61, 62, 11, 16...) or a
    free-text restriction (code empty), e.g. "the vehicle is used for collecting" (BADGE-30)."""

    vehicle = models.ForeignKey(Vehicle, on_delete=models.CASCADE, related_name="restrictions")
    code = models.CharField(_("restriction code"), max_length=4, blank=True)
    free_text = models.CharField(_("free-text restriction"), max_length=200, blank=True)
    recorded_on = models.DateField(_("recorded on"))
    removed_on = models.DateField(_("removed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("vehicle restriction")
        verbose_name_plural = _("vehicle restrictions")
        ordering = ["recorded_on", "id"]

    def __str__(self):
        return self.code or self.free_text


def evidence_document_path(instance, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"parking_badges/evidence/{uuid.uuid4().hex}{suffix}"


class BadgeVehicle(models.Model):
    """A vehicle on the holder's file, on its own ground (BADGE-19 to BADGE-28).

    At most two are current (`removed_on` empty); removed ones stay as history (BADGE-25).
    `owner_national_id` is the registered owner the ground rests on (family member, other
    driver, employer...); `relation` says how a family member is related to the holder.
    """

    person = models.ForeignKey(
        DisabledPerson, on_delete=models.PROTECT, related_name="badge_vehicles"
    )
    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT, related_name="badge_entries")
    ground = models.CharField(_("ground"), max_length=20, choices=VehicleGround.choices)
    relation = models.CharField(
        _("relation to the holder"), max_length=10, choices=FamilyRelation.choices, blank=True
    )
    owner_national_id = models.CharField(
        _("identity number of the registered owner"), max_length=9, blank=True
    )
    source = models.CharField(
        _("source"), max_length=20, choices=VehicleSource.choices, default=VehicleSource.CLERK
    )
    added_on = models.DateField(_("added on"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    removed_on = models.DateField(_("removed on"), null=True, blank=True)
    removal_reason = SaidCharField(_("reason for removal"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vehicle on a badge")
        verbose_name_plural = _("vehicles on badges")
        ordering = ["added_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "vehicle"],
                condition=Q(removed_on__isnull=True),
                name="badge_vehicle_once_per_holder",
            )
        ]

    def __str__(self):
        return f"{self.vehicle} — {self.get_ground_display()}"


class GroundEvidence(models.Model):
    """A document proving a vehicle's ground (BADGE-20 to BADGE-28), optionally scanned."""

    badge_vehicle = models.ForeignKey(
        BadgeVehicle, on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(_("document"), max_length=30, choices=EvidenceKind.choices)
    document = models.FileField(_("scanned copy"), upload_to=evidence_document_path, blank=True)
    content_type = models.CharField(_("checked file type"), max_length=50, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence for a ground")
        verbose_name_plural = _("evidence for grounds")
        ordering = ["id"]

    def __str__(self):
        return self.get_kind_display()
