"""The fee schedule's reference data: base amounts and index values (GAR-5, GAR-12 to GAR-15)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .money import MONEY


class BaseFee(models.Model):
    """The regulation's amounts before indexation (GAR-5), loaded from fixtures."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    amount = models.DecimalField(_("amount (NIS)"), **MONEY)
    description_en = models.CharField(_("description (English)"), max_length=200)
    description_he = models.CharField(_("description (Hebrew)"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("base fee")
        verbose_name_plural = _("base fees")
        ordering = ["-amount"]

    def __str__(self):
        return f"{self.code}: {self.amount}"


class CpiValue(models.Model):
    """The consumer price index published for one December (GAR-12, GAR-15)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    december_index = models.DecimalField(_("December index"), max_digits=10, decimal_places=4)
    source = models.CharField(_("source"), max_length=300)
    published_on = models.DateField(_("publication date"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("December CPI value")
        verbose_name_plural = _("December CPI values")
        ordering = ["year"]
        constraints = [
            models.CheckConstraint(condition=Q(year__gte=2016), name="garnishment_cpi_from_2016"),
            models.CheckConstraint(
                condition=Q(december_index__gt=0), name="garnishment_cpi_positive"
            ),
        ]

    def __str__(self):
        return f"{self.year}: {self.december_index}"
