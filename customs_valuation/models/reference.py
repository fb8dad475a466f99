"""The reference tables of customs valuation: data with effective dates, kept by administrators."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import FreightOrigin, TaxCategory
from .fields import MONEY, PERCENT, PERCENT_RANGE


class DepreciationRate(models.Model):
    """Appendix F: the cumulative usage depreciation per month of use (CUS-2)."""

    effective_from = models.DateField(_("in force from"))
    month = models.PositiveSmallIntegerField(_("month"), validators=[MinValueValidator(1)])
    cumulative_percent = models.DecimalField(
        _("cumulative depreciation %"), validators=PERCENT_RANGE, **PERCENT
    )

    class Meta:
        verbose_name = _("depreciation rate")
        verbose_name_plural = _("depreciation table")
        ordering = ["-effective_from", "month"]
        constraints = [
            models.UniqueConstraint(fields=["effective_from", "month"], name="cus_depr_unique")
        ]

    def __str__(self):
        return f"{self.month}: {self.cumulative_percent}%"


class VehiclePrice(models.Model):
    """One model in the vehicle price list set by the Director (new price in Israel)."""

    make = models.CharField(_("make"), max_length=60)
    model = models.CharField(_("model"), max_length=60)
    version = models.CharField(_("version"), max_length=80)
    year = models.PositiveSmallIntegerField(_("model year"))
    category = models.CharField(
        _("category"), max_length=20, choices=TaxCategory.choices, default=TaxCategory.PRIVATE
    )
    new_price = models.DecimalField(_("new price"), **MONEY)
    effective_from = models.DateField(_("in force from"))

    class Meta:
        verbose_name = _("price-list entry")
        verbose_name_plural = _("vehicle price list")
        ordering = ["make", "model", "version", "-year", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["make", "model", "version", "year", "effective_from"],
                name="cus_price_unique",
            )
        ]

    def __str__(self):
        return f"{self.make} {self.model} {self.version} {self.year}"


class OptionalExtra(models.Model):
    """The value the officer adds for an optional extra present in the vehicle (CUS-15)."""

    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    value = models.DecimalField(_("value"), **MONEY)
    effective_from = models.DateField(_("in force from"))

    class Meta:
        verbose_name = _("optional-extra value")
        verbose_name_plural = _("optional-extra values")
        ordering = ["name", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "effective_from"], name="cus_extra_unique")
        ]

    def __str__(self):
        return self.name


class FreightRate(models.Model):
    """The freight table (CUS-7): used when the importer has no proof of the freight cost."""

    origin = models.CharField(_("shipped from"), max_length=20, choices=FreightOrigin.choices)
    category = models.CharField(_("category"), max_length=20, choices=TaxCategory.choices)
    amount = models.DecimalField(_("freight amount"), **MONEY)
    effective_from = models.DateField(_("in force from"))

    class Meta:
        verbose_name = _("freight-table row")
        verbose_name_plural = _("freight table")
        ordering = ["origin", "category", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["origin", "category", "effective_from"], name="cus_freight_unique"
            )
        ]

    def __str__(self):
        return f"{self.get_origin_display()} / {self.get_category_display()}: {self.amount}"


class TaxRate(models.Model):
    """Customs duty, purchase tax and VAT per category (CUS-17 decision)."""

    category = models.CharField(_("category"), max_length=20, choices=TaxCategory.choices)
    customs_duty_percent = models.DecimalField(
        _("customs duty %"), validators=PERCENT_RANGE, **PERCENT
    )
    purchase_tax_percent = models.DecimalField(
        _("purchase tax %"), validators=[MinValueValidator(0)], **PERCENT
    )
    vat_percent = models.DecimalField(_("VAT %"), validators=PERCENT_RANGE, **PERCENT)
    effective_from = models.DateField(_("in force from"))

    class Meta:
        verbose_name = _("tax rate")
        verbose_name_plural = _("tax-rate schedule")
        ordering = ["category", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["category", "effective_from"], name="cus_tax_unique")
        ]

    def __str__(self):
        return f"{self.get_category_display()} ({self.effective_from:%d/%m/%Y})"


class ValuationPolicy(models.Model):
    """The tolerances and periods the procedure leaves to the Authority, with effective dates."""

    effective_from = models.DateField(_("in force from"), unique=True)
    vehicle_tolerance_percent = models.DecimalField(
        _("vehicle reasonableness: invoice at least this percent of the comparison value"),
        validators=PERCENT_RANGE,
        **PERCENT,
    )
    goods_tolerance_percent = models.DecimalField(
        _("goods reasonableness: invoice at least this percent of the reference price"),
        validators=PERCENT_RANGE,
        **PERCENT,
    )
    goods_depreciation_supervisor_percent = models.DecimalField(
        _("used goods: depreciation above this percent needs the supervisor"),
        validators=PERCENT_RANGE,
        **PERCENT,
    )
    answer_days = models.PositiveSmallIntegerField(_("days to answer a notice of intent"))
    appeal_days = models.PositiveSmallIntegerField(_("days to appeal a decision"))
    court_months = models.PositiveSmallIntegerField(_("months to sue after the committee"))
    guarantee_months = models.PositiveSmallIntegerField(_("months a guarantee or deposit runs"))
    guarantee_warning_days = models.PositiveSmallIntegerField(
        _("warn this many days before a guarantee lapses")
    )

    class Meta:
        verbose_name = _("valuation policy")
        verbose_name_plural = _("valuation policies")
        ordering = ["-effective_from"]

    def __str__(self):
        return str(_("Policy from %(date)s") % {"date": self.effective_from.strftime("%d/%m/%Y")})
