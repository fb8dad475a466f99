"""Reference data of part 2.2 with effective dates: the policy figures (70%, 50%, 30 days,
90 days, 12 months), usual freight per country of export and mode (CUS-60(e)(3)), the Director's
special-circumstance freight notices (CUS-65) and cigarette wholesale prices (CUS-90)."""

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...declarations.models import Country
from ..choices import TransportMode

MONEY: dict[str, Any] = {
    "max_digits": 16,
    "decimal_places": 2,
    "validators": [MinValueValidator(0)],
}
PERCENT: dict[str, Any] = {
    "max_digits": 5,
    "decimal_places": 2,
    "validators": [MinValueValidator(0), MaxValueValidator(100)],
}


class CommercialPolicy(models.Model):
    effective_from = models.DateField(_("in force from"), unique=True)
    low_value_share_percent = models.DecimalField(
        _("(e)(1): flag a unit value under this share of the median (%)"), **PERCENT
    )
    freight_share_percent = models.DecimalField(
        _("(e)(3): flag usual freight of at least this share of the value (%)"), **PERCENT
    )
    documents_due_days = models.PositiveSmallIntegerField(
        _("days to produce documents asked for (default)"), validators=[MinValueValidator(1)]
    )
    identical_period_days = models.PositiveSmallIntegerField(
        _("identical and similar goods: days either side of the entry"),
        validators=[MinValueValidator(1)],
    )
    history_months = models.PositiveSmallIntegerField(
        _("value history: months"), validators=[MinValueValidator(1)]
    )
    guarantee_warning_days = models.PositiveSmallIntegerField(
        _("warn this many days before a guarantee lapses")
    )
    candidates_per_item = models.PositiveSmallIntegerField(
        _("candidates listed per tariff item"), validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("commercial valuation policy")
        verbose_name_plural = _("commercial valuation policy")
        ordering = ["-effective_from"]

    def __str__(self):
        return str(self.effective_from)


class UsualFreight(models.Model):
    """The usual freight cost of a shipment, in shekels, per country of export and mode."""

    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    mode = models.CharField(_("mode"), max_length=10, choices=TransportMode.choices)
    amount = models.DecimalField(_("usual freight (NIS)"), **MONEY)
    effective_from = models.DateField(_("in force from"))

    class Meta:
        verbose_name = _("usual freight")
        verbose_name_plural = _("usual freight")
        ordering = ["country", "mode", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "mode", "effective_from"], name="cuscom_usual_freight_one"
            )
        ]

    def __str__(self):
        return f"{self.country_id} {self.mode} {self.amount}"


class FreightNotice(models.Model):
    """CUS-65: a Director's notice that costs added to freight in special circumstances (e.g. a
    strike or war) are left out of the value. A condition of leaving such a line out."""

    number = models.CharField(_("notice number"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=200)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    effective_from = models.DateField(_("in force from"))
    effective_until = models.DateField(_("in force until"), null=True, blank=True)

    class Meta:
        verbose_name = _("Director's freight notice")
        verbose_name_plural = _("Director's freight notices")
        ordering = ["-effective_from", "number"]

    def __str__(self):
        return f"{self.number} {self.title}"


class CigarettePrice(models.Model):
    """CUS-90: the wholesale price under the Purchase Tax Law; the portal does not compute it."""

    product = models.CharField(_("product"), max_length=120)
    price = models.DecimalField(_("wholesale price (NIS per 1,000)"), **MONEY)
    effective_from = models.DateField(_("in force from"))

    class Meta:
        verbose_name = _("cigarette wholesale price")
        verbose_name_plural = _("cigarette wholesale prices")
        ordering = ["product", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "effective_from"], name="cuscom_cigarette_price_one"
            )
        ]

    def __str__(self):
        return f"{self.product} {self.price}"
