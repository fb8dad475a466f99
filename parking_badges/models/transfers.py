"""Ownership transfers from a disabled owner (BADGE-34 to BADGE-36)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from taxportal.model_fields import MobilePhoneField

from ..choices import TransferCause, TransferFeePayer
from .fees import FeeDifference
from .holders import DisabledPerson
from .vehicles import Vehicle


class OwnershipTransfer(models.Model):
    """A change of ownership from a disabled owner to someone who is not (BADGE-34 to 36)."""

    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT, related_name="transfers")
    seller = models.ForeignKey(
        DisabledPerson, on_delete=models.PROTECT, related_name="transfers_as_seller"
    )
    cause = models.CharField(
        _("cause"), max_length=10, choices=TransferCause.choices, default=TransferCause.SALE
    )
    buyer_national_id = models.CharField(_("buyer's identity number"), max_length=9)
    buyer_name = models.CharField(_("buyer's name"), max_length=200)
    buyer_phone = MobilePhoneField(_("buyer's mobile phone"), blank=True)
    buyer_email = models.EmailField(_("buyer's e-mail"), blank=True)
    transferred_on = models.DateField(_("transfer date"))
    transfer_fee_payer = models.CharField(
        _("who pays the transfer fee"), max_length=10, choices=TransferFeePayer.choices
    )
    fee_difference = models.OneToOneField(
        FeeDifference,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transfer",
    )
    parties_notified_at = models.DateTimeField(_("parties told at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ownership transfer")
        verbose_name_plural = _("ownership transfers")
        ordering = ["-transferred_on", "-id"]
        # The fee desk's recent transfers, newest first.
        indexes = [models.Index(fields=["transferred_on", "id"], name="badge_transfer_recent_idx")]

    def __str__(self):
        return f"{self.vehicle}: {self.seller.national_id} → {self.buyer_national_id}"

    def contacts(self) -> dict[str, tuple[str, str]]:
        return {
            "seller": (self.seller.phone, self.seller.email),
            "buyer": (self.buyer_phone, self.buyer_email),
        }

    def parties_needing_a_letter(self) -> list[str]:
        """BADGE-35: the parties who have neither a phone nor an e-mail (told by post)."""
        from ..rules import parties_needing_a_letter

        return parties_needing_a_letter(self.contacts())
