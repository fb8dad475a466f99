"""The one supplier database shared by all agents (CUS-26, CUS-36 to CUS-38, CUS-53, CUS-54)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from taxportal.model_fields import SaidTextField

from ..choices import ActorKind, SupplierStatus
from .parties import Country, CustomsAgent


class Supplier(models.Model):
    """A foreign supplier; its number (the primary key) is what declarations and entries name.
    Statuses change only through the services (a transition table, under a row lock)."""

    name = models.CharField(_("name"), max_length=200)
    normalised_name = models.CharField(max_length=200, editable=False)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    address = models.CharField(_("address"), max_length=200)
    city = models.CharField(_("city"), max_length=100)
    postcode = models.CharField(_("postcode"), max_length=20)
    dealer_number = models.CharField(
        _("foreign dealer number"),
        max_length=20,
        blank=True,
        help_text=_("Latin letters, digits and hyphens; letters are allowed."),
    )
    entered_by = models.ForeignKey(
        CustomsAgent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="suppliers_entered",
        verbose_name=_("entered by agent"),
    )
    entered_at = models.DateTimeField(_("entered"), auto_now_add=True)
    status = models.PositiveSmallIntegerField(
        _("supplier status"), choices=SupplierStatus.choices, default=SupplierStatus.NOT_HANDLED
    )
    status_reason = SaidTextField(_("reason"), blank=True)
    status_set_at = models.DateTimeField(_("status set"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aliases",
        verbose_name=_("merged into"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("supplier")
        verbose_name_plural = _("suppliers")
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["country", "normalised_name"], name="cusdecl_sup_name"),
            models.Index(
                fields=["country", "dealer_number"],
                condition=~Q(dealer_number=""),
                name="cusdecl_sup_dealer",
            ),
            models.Index(fields=["status"], name="cusdecl_sup_status"),
        ]

    def __str__(self):
        return f"{self.pk} {self.name}"

    @property
    def number(self) -> int:
        return self.pk


class SupplierStatusChange(models.Model):
    """Each supplier code set: who (or the system), when, from, to, why."""

    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.PositiveSmallIntegerField(choices=SupplierStatus.choices, null=True)
    to_status = models.PositiveSmallIntegerField(choices=SupplierStatus.choices)
    actor_kind = models.CharField(max_length=10, choices=ActorKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    reason = SaidTextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("supplier status change")
        verbose_name_plural = _("supplier status changes")

    def __str__(self):
        return f"{self.supplier_id}: {self.from_status} -> {self.to_status}"
