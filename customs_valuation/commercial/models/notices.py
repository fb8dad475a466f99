"""The notices to the importer (CUS-80 not satisfied; CUS-83 entry correction or deficit) and
the payment under protest or security recorded before release (CUS-80)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import Method, NoticeKind, SecurityKind
from .cases import MONEY, USER, CommercialCase


class CommercialNotice(models.Model):
    case = models.ForeignKey(CommercialCase, on_delete=models.PROTECT, related_name="notices")
    kind = models.CharField(_("notice"), max_length=20, choices=NoticeKind.choices)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices, blank=True)
    reasons = models.TextField(_("reasons"))
    value = models.DecimalField(_("value set (NIS)"), null=True, blank=True, **MONEY)
    declared_shekels = models.DecimalField(
        _("declared value (NIS)"), null=True, blank=True, **MONEY
    )
    provisional_value = models.DecimalField(
        _("provisional value (NIS)"), null=True, blank=True, **MONEY
    )
    taxes_declared = models.DecimalField(
        _("taxes on the declared value"), null=True, blank=True, **MONEY
    )
    taxes_provisional = models.DecimalField(
        _("taxes on the provisional value"), null=True, blank=True, **MONEY
    )
    security_amount = models.DecimalField(
        _("deposit or guarantee for option (c)"), null=True, blank=True, **MONEY
    )
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, **USER)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)

    class Meta:
        ordering = ["issued_at", "id"]
        verbose_name = _("valuation notice")
        verbose_name_plural = _("valuation notices")

    def __str__(self):
        return f"{self.case_id}/{self.pk} {self.get_kind_display()}"

    @property
    def reference(self) -> str:
        return f"{self.case.entry.number}/{self.pk}"


class CaseSecurity(models.Model):
    """CUS-80(b) the payment under protest, or (c) the deposit or bank guarantee."""

    case = models.ForeignKey(CommercialCase, on_delete=models.PROTECT, related_name="securities")
    kind = models.CharField(_("kind"), max_length=20, choices=SecurityKind.choices)
    amount = models.DecimalField(_("amount (NIS)"), **MONEY)
    reference = models.CharField(_("reference"), max_length=60)
    expires_on = models.DateField(_("guarantee expires"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, **USER)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "id"]
        indexes = [
            # The queue's guarantees about to lapse, in its order (expiry, then id): the nearest
            # 25 read from the index, not every guarantee of the day sorted.
            models.Index(
                fields=["expires_on", "id"],
                condition=Q(expires_on__isnull=False),
                name="cuscom_guarantee_expiry_id",
            )
        ]

    def __str__(self):
        return f"{self.case_id}: {self.kind} {self.amount}"
