"""The fee schedule (BADGE-32), licence periods paid and dispatched, reduced-fee exemptions and
fee differences with restriction 16 (BADGE-31 to BADGE-34, BADGE-50).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from taxportal.model_fields import MoneyField, SaidCharField

from ..choices import DifferenceCause, DifferenceStatus, ExemptionStatus, FeeContext, OwnerRelation
from .holders import DisabledPerson
from .vehicles import Vehicle


class FeeScheduleEntry(models.Model):
    """An amount of the fee schedule (BADGE-32), in force from a date, for one context.
    Administrators keep it in the admin; the loader only adds entries that are missing."""

    context = models.CharField(_("context"), max_length=30, choices=FeeContext.choices)
    amount = MoneyField(_("amount (NIS)"))
    effective_from = models.DateField(_("in force from"))
    effective_until = models.DateField(_("in force until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fee schedule entry")
        verbose_name_plural = _("fee schedule")
        ordering = ["context", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["context", "effective_from"], name="fee_schedule_one_entry_per_start"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="fee_schedule_amount_positive"),
            models.CheckConstraint(
                condition=Q(effective_until__isnull=True)
                | Q(effective_until__gte=F("effective_from")),
                name="fee_schedule_until_after_from",
            ),
        ]

    def __str__(self):
        return f"{self.get_context_display()}: {self.amount} ({self.effective_from:%d/%m/%Y})"


class LicencePeriod(models.Model):
    """A licence period a vehicle paid for: the refunds (BADGE-37) and differences (BADGE-34)
    are counted over these. `regular_annual_fee` is the vehicle group's full annual fee."""

    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT, related_name="licence_periods")
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    tariff_code = models.CharField(_("tariff code"), max_length=2, blank=True)
    amount_paid = MoneyField(_("amount paid (NIS)"))
    regular_annual_fee = MoneyField(_("regular annual fee (NIS)"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)

    class Meta:
        verbose_name = _("licence period")
        verbose_name_plural = _("licence periods")
        ordering = ["vehicle", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["vehicle", "valid_from"], name="licence_period_one_per_start"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__gte=F("valid_from")), name="licence_period_dates_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.vehicle} {self.valid_from:%d/%m/%Y}–{self.valid_until:%d/%m/%Y}"


class LicenceDispatch(models.Model):
    """The monthly licence dispatch of a vehicle whose disability validity ended (BADGE-50):
    the licence goes out at the regular tariff and fee. One per vehicle and month, so running
    the job again records nothing more. `regular_annual_fee` is the vehicle group's full fee
    in force in the fee schedule that month (BADGE-32)."""

    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT, related_name="dispatches")
    month = models.DateField(_("dispatch month"))
    tariff_code = models.CharField(_("tariff code"), max_length=2)
    regular_annual_fee = MoneyField(_("regular annual fee (NIS)"), null=True, blank=True)
    reason = SaidCharField(_("reason"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("licence dispatch at the regular fee")
        verbose_name_plural = _("licence dispatches at the regular fee")
        ordering = ["-month", "vehicle"]
        constraints = [
            models.UniqueConstraint(
                fields=["vehicle", "month"], name="licence_dispatch_once_a_month"
            )
        ]

    def __str__(self):
        return f"{self.vehicle} {self.month:%m/%Y} ({self.tariff_code})"


class ReducedFeeExemption(models.Model):
    """The one vehicle of a disabled person that pays the reduced fee (BADGE-31, BADGE-33).
    The database allows one active and one pending exemption per person, so two clerks cannot
    give a second vehicle the exemption at the same moment."""

    person = models.ForeignKey(DisabledPerson, on_delete=models.PROTECT, related_name="exemptions")
    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT, related_name="exemptions")
    owner_relation = models.CharField(
        _("registered to"), max_length=10, choices=OwnerRelation.choices
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ExemptionStatus.choices, db_index=True
    )
    started_on = models.DateField(_("exempt from"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = SaidCharField(_("why it ended"), max_length=200, blank=True)
    awaiting_difference = models.ForeignKey(
        "FeeDifference",
        verbose_name=_("starts when this difference is paid"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exemptions_awaiting",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reduced-fee exemption")
        verbose_name_plural = _("reduced-fee exemptions")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status="active"),
                name="one_exempt_vehicle_per_person",
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status="pending"),
                name="one_pending_exemption_per_person",
            ),
            models.UniqueConstraint(
                fields=["vehicle"],
                condition=Q(status__in=["active", "pending"]),
                name="one_exemption_per_vehicle",
            ),
        ]

    def __str__(self):
        return f"{self.vehicle} — {self.person}"


class FeeDifference(models.Model):
    """A fee difference raised on a vehicle (BADGE-33, BADGE-34): a new licence (or a duplicate)
    carrying it; restriction 16 stays on the vehicle until it is paid."""

    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT, related_name="fee_differences")
    licence_period = models.ForeignKey(
        LicencePeriod, on_delete=models.PROTECT, related_name="fee_differences"
    )
    cause = models.CharField(_("cause"), max_length=20, choices=DifferenceCause.choices)
    from_date = models.DateField(_("owed from"))
    regular_annual_fee = MoneyField(_("regular annual fee (NIS)"))
    amount = MoneyField(_("difference (NIS)"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DifferenceStatus.choices,
        default=DifferenceStatus.OPEN,
        db_index=True,
    )
    raised_on = models.DateField(_("raised on"))
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=50, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fee difference")
        verbose_name_plural = _("fee differences")
        ordering = ["-raised_on", "-id"]
        indexes = [
            # The fee desk's open differences (restriction 16), oldest first.
            models.Index(
                fields=["raised_on", "id"],
                condition=Q(status="open"),
                name="badge_difference_open_idx",
            ),
        ]

    def __str__(self):
        return f"{self.vehicle}: {self.amount} ({self.get_status_display()})"
