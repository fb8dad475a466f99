"""Payments and monthly statements (GAR-9, GAR-18)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .money import MONEY
from .parties import ServingAuthority, ThirdParty


class Payment(models.Model):
    """A payment an authority's finance clerk recorded to one third party (GAR-9)."""

    authority = models.ForeignKey(
        ServingAuthority, on_delete=models.PROTECT, related_name="payments"
    )
    third_party = models.ForeignKey(ThirdParty, on_delete=models.PROTECT, related_name="payments")
    period = models.DateField(_("month paid for"))
    amount = models.DecimalField(_("amount"), **MONEY)
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("payment reference"), max_length=100)
    is_advance = models.BooleanField(
        _("advance"),
        default=False,
        help_text=_("Confirmed by the clerk as paid ahead of what is due (GAR-9)."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-paid_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="garnishment_payment_positive")
        ]

    def __str__(self):
        return f"{self.authority} → {self.third_party} {self.amount}"


class MonthlyStatement(models.Model):
    """What one authority owes one third party for one month (GAR-18)."""

    authority = models.ForeignKey(
        ServingAuthority, on_delete=models.PROTECT, related_name="statements"
    )
    third_party = models.ForeignKey(ThirdParty, on_delete=models.PROTECT, related_name="statements")
    period = models.DateField(_("month"))
    assets_found_count = models.PositiveIntegerField(_("orders billed with assets found"))
    assets_found_amount = models.DecimalField(_("amount, assets found"), **MONEY)
    no_assets_count = models.PositiveIntegerField(_("orders billed with no assets"))
    no_assets_amount = models.DecimalField(_("amount, no assets"), **MONEY)
    withheld_count = models.PositiveIntegerField(_("lines withheld"))
    withheld_amount = models.DecimalField(_("amount withheld"), **MONEY)
    withheld_reasons = models.JSONField(_("why withheld"), default=dict)
    due_on = models.DateField(_("payment due"), null=True)
    generated_at = models.DateTimeField(_("produced at"), auto_now=True)

    class Meta:
        verbose_name = _("monthly fee statement")
        verbose_name_plural = _("monthly fee statements")
        ordering = ["-period", "authority__name", "third_party__name"]
        indexes = [
            # Each side's list of statements, the latest month first.
            models.Index(fields=["authority", "period"], name="garn_statement_authority_idx"),
            models.Index(fields=["third_party", "period"], name="garn_statement_party_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "third_party", "period"],
                name="garnishment_one_statement_per_month",
            )
        ]

    def __str__(self):
        return f"{self.authority} / {self.third_party} {self.period:%m/%Y}"

    @property
    def payable_amount(self):
        return self.assets_found_amount + self.no_assets_amount
