"""The fee schedule's reference data: base amounts and index values (GAR-5, GAR-12 to GAR-15)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..rules import BASE_INDEX_YEAR, NOVEMBER, index_publication_refusal
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
    """The consumer price index published in the December of `year`, which is the November
    index of that year (GAR-12, GAR-15): it feeds the change day of 1 January of the next year
    and must be published before it."""

    year = models.PositiveSmallIntegerField(
        _("year of publication (December)"),
        unique=True,
        help_text=_("The index published in December of this year feeds 1 January of the next."),
    )
    measured_month = models.PositiveSmallIntegerField(
        _("month the index measures"),
        default=NOVEMBER,
        choices=[(NOVEMBER, _("November"))],
    )
    december_index = models.DecimalField(
        _("index value (November's, published in December)"), max_digits=10, decimal_places=4
    )
    base_period = models.CharField(
        _("base period"),
        max_length=100,
        default="",
        help_text=_("As the Central Bureau of Statistics states it, e.g. average 2020 = 100."),
    )
    linking_factor = models.DecimalField(
        _("linking factor"),
        max_digits=12,
        decimal_places=6,
        default=1,
        help_text=_(
            "For an index on another base than December 2016's: the factor the Bureau publishes "
            "to carry it to that base (1 for the same base)."
        ),
    )
    source = models.CharField(_("source"), max_length=300)
    published_on = models.DateField(_("publication date"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("index value published in December")
        verbose_name_plural = _("index values published in December")
        ordering = ["year"]
        constraints = [
            models.CheckConstraint(condition=Q(year__gte=2016), name="garnishment_cpi_from_2016"),
            models.CheckConstraint(
                condition=Q(december_index__gt=0), name="garnishment_cpi_positive"
            ),
            models.CheckConstraint(
                condition=Q(linking_factor__gt=0), name="garnishment_cpi_linking_factor_positive"
            ),
        ]

    def __str__(self):
        return f"{self.year}: {self.december_index}"

    @property
    def measured_period(self) -> date:
        """The first day of the month the index measures."""
        return date(self.year, self.measured_month, 1)

    @property
    def comparable_index(self):
        """The value on December 2016's base (GAR-12)."""
        return self.december_index * self.linking_factor

    def clean(self):
        errors = {}
        if self.year and self.published_on:
            refusal = index_publication_refusal(
                self.year, self.measured_month or NOVEMBER, self.published_on
            )
            if refusal:
                errors["published_on"] = refusal
        if (
            self.year
            and self.year > BASE_INDEX_YEAR
            and not CpiValue.objects.filter(year=self.year - 1).exclude(pk=self.pk).exists()
        ):
            errors["year"] = _("Enter the value published in December %(year)d first.") % {
                "year": self.year - 1
            }
        if errors:
            raise ValidationError(errors)


class RegulationsPublication(models.Model):
    """The day the regulations were published (GAR-17): every serving authority's commencement
    date is derived from it. One row; its history keeps earlier entries."""

    published_on = models.DateField(_("publication date of the regulations"))
    source = models.CharField(_("source"), max_length=300, help_text=_("E.g. Reshumot issue."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("publication of the regulations")
        verbose_name_plural = _("publication of the regulations")

    def __str__(self):
        return f"{self.published_on:%d/%m/%Y} ({self.source})"
