"""CUS-30, CUS-84 to CUS-88: each method recorded (inapplicable with its reason, or applied with
its value); candidates of identical or similar goods; the accepted values they are found in, and
the value history kept from them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...declarations.models import Country
from ..choices import CandidateVerdict, Method
from .cases import MONEY, USER, CaseItem, CommercialCase


class AcceptedValue(models.Model):
    """One accepted (or set) unit value in shekels of a tariff item from a country of export,
    with the date of import: the portal's own history, read by the identical- and similar-goods
    search and summarised in `ValueHistory`."""

    tariff_item = models.CharField(_("tariff item"), max_length=15)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    imported_on = models.DateField(_("imported on"))
    unit_value = models.DecimalField(_("unit value (NIS)"), **MONEY)
    manufacturer = models.CharField(_("manufacturer"), max_length=200, blank=True)
    quantity = models.PositiveIntegerField(_("units"))
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    case = models.ForeignKey(
        CommercialCase, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entry_number = models.CharField(_("entry"), max_length=20)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_on", "id"]
        indexes = [
            models.Index(
                fields=["tariff_item", "country", "imported_on"],
                include=["unit_value"],
                name="cuscom_accepted_item",
            )
        ]

    def __str__(self):
        return f"{self.tariff_item} {self.country_id} {self.unit_value}"


class ValueHistory(models.Model):
    """The distribution of accepted unit values of a tariff item and country over the months
    before `computed_on`: kept by the daily task and refreshed when a case ends, so opening a case
    reads one row per item whatever the history's size."""

    tariff_item = models.CharField(max_length=15)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    computed_on = models.DateField()
    window_from = models.DateField()
    minimum = models.DecimalField(**MONEY)
    median = models.DecimalField(**MONEY)
    maximum = models.DecimalField(**MONEY)
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tariff_item", "country"], name="cuscom_history_one")
        ]

    def __str__(self):
        return f"{self.tariff_item} {self.country_id}: {self.median} ({self.count})"


class MethodRecord(models.Model):
    """A method's outcome on a case: "inapplicable" with the reason, or "applied" with the value
    and its details (candidates chosen, deductions, documents, the fallback's basis)."""

    INAPPLICABLE, APPLIED = "inapplicable", "applied"
    OUTCOMES = [(INAPPLICABLE, _("Cannot set the value")), (APPLIED, _("Set the value"))]

    case = models.ForeignKey(CommercialCase, on_delete=models.CASCADE, related_name="methods")
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    outcome = models.CharField(_("outcome"), max_length=15, choices=OUTCOMES)
    reason = models.TextField(_("reason"))
    details = models.JSONField(default=dict, blank=True)
    value = models.DecimalField(_("value (NIS)"), null=True, blank=True, **MONEY)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, **USER)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "method"], name="cuscom_method_once")
        ]

    def __str__(self):
        return f"{self.case_id}: {self.method} {self.outcome}"


class Candidate(models.Model):
    """CUS-84: an accepted value found for a tariff item of the case, as the valuer assessed it:
    identical (or similar) or not, adjusted to quantity and commercial level, kept or dropped."""

    case = models.ForeignKey(CommercialCase, on_delete=models.CASCADE, related_name="candidates")
    method = models.CharField(max_length=20, choices=Method.choices)
    item = models.ForeignKey(CaseItem, on_delete=models.CASCADE, related_name="candidates")
    source = models.ForeignKey(AcceptedValue, on_delete=models.PROTECT, related_name="+")
    tariff_item = models.CharField(max_length=15)
    country = models.CharField(max_length=2)
    imported_on = models.DateField()
    manufacturer = models.CharField(max_length=200, blank=True)
    entry_number = models.CharField(max_length=20)
    found_unit_value = models.DecimalField(_("unit value found"), **MONEY)
    unit_value = models.DecimalField(_("adjusted unit value (NIS)"), **MONEY)
    identical = models.BooleanField(_("can count as identical or similar"), default=True)
    note = models.TextField(_("adjustments and finding"), blank=True)
    verdict = models.CharField(max_length=20, choices=CandidateVerdict.choices, blank=True)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, **USER)

    class Meta:
        ordering = ["item", "unit_value", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "method", "item", "source"], name="cuscom_candidate_once"
            )
        ]

    def __str__(self):
        return f"{self.case_id}: {self.entry_number} {self.unit_value}"
