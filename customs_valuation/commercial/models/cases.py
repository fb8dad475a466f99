"""A commercial valuation case for one entry (the spec's decision in part 2.2), its lines per
tariff item, the grounds (CUS-29), triggers (CUS-60) and checks (CUS-59, CUS-63) the valuer
records, consultations (CUS-94) and damage requests (CUS-93). Statuses change only through the
services (the transition table in `rules.statuses`), under a row lock."""

from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ...declarations.models import Country, CustomsHouse, Entry
from ..choices import (
    CaseStatus,
    CheckResult,
    Ground,
    ImporterOption,
    InvoiceKind,
    Method,
    Special,
    TransactionNature,
    TransportMode,
    Trigger,
    VerificationStep,
)
from .reference import MONEY, PERCENT  # noqa: F401 - PERCENT re-exported for forms

TARIFF_ITEM = RegexValidator(
    r"^\d{4}\.\d{2}(\.\d{1,4})?$", _("A tariff item is written 1234.56 (or 1234.56.7890).")
)
RATE: dict[str, Any] = {"max_digits": 12, "decimal_places": 6, "validators": [MinValueValidator(0)]}
USER: dict[str, Any] = {"on_delete": models.PROTECT, "related_name": "+"}


class CommercialCase(models.Model):
    entry = models.OneToOneField(
        Entry, on_delete=models.PROTECT, related_name="commercial_case", verbose_name=_("entry")
    )
    customs_house = models.ForeignKey(
        CustomsHouse, on_delete=models.PROTECT, related_name="+", verbose_name=_("customs house")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    valuer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("handling valuer"), **USER)
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The transaction (CUS-58, CUS-64, CUS-89) and the entry's exchange rate.
    currency = models.CharField(_("invoice currency"), max_length=3)
    exchange_rate = models.DecimalField(_("the entry's exchange rate (NIS per unit)"), **RATE)
    declared_value = models.DecimalField(_("declared value"), **MONEY)
    invoice_total = models.DecimalField(_("sales invoice total"), null=True, blank=True, **MONEY)
    country_of_export = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("country of export")
    )
    manufacturer = models.CharField(_("manufacturer"), max_length=200, blank=True)
    supplier_is_manufacturer = models.BooleanField(
        _("the supplier is the manufacturer"), default=True
    )
    manufacturer_price = models.DecimalField(
        _("manufacturer's price to the supplier"), null=True, blank=True, **MONEY
    )
    nature = models.CharField(
        _("the transaction"),
        max_length=20,
        choices=TransactionNature.choices,
        default=TransactionNature.SALE,
    )
    invoice_kind = models.CharField(
        _("the document"),
        max_length=20,
        choices=InvoiceKind.choices,
        default=InvoiceKind.SALES_INVOICE,
    )
    incoterm = models.CharField(_("terms of delivery"), max_length=3, default="EXW")
    incoterm_place = models.CharField(_("place"), max_length=100, blank=True)
    incoterm_assumed = models.BooleanField(_("assumed, not stated"), default=True)
    transport_mode = models.CharField(
        _("mode of transport"),
        max_length=10,
        choices=TransportMode.choices,
        default=TransportMode.SEA,
    )
    insured = models.BooleanField(_("insured"), null=True, blank=True)
    forwarder_answer = models.TextField(_("the forwarder's answer on insurance"), blank=True)
    free_goods_retroactive = models.BooleanField(null=True, blank=True)
    free_goods_conditional = models.BooleanField(null=True, blank=True)
    free_goods_reasonable = models.BooleanField(null=True, blank=True)
    special = models.CharField(
        _("special case"), max_length=20, choices=Special.choices, blank=True
    )
    vat_26b_reference = models.CharField(
        _("section 26(b) payment reference"), max_length=60, blank=True
    )
    vat_26b_amount = models.DecimalField(
        _("amount the section 26(b) payment covered (NIS)"), null=True, blank=True, **MONEY
    )
    # CUS-80: the importer's choice, recorded by the agent.
    importer_option = models.CharField(
        _("the importer's choice"), max_length=1, choices=ImporterOption.choices, blank=True
    )
    option_recorded_at = models.DateTimeField(null=True, blank=True)
    # The end: the value accepted or set, in shekels, and by which method.
    final_value = models.DecimalField(_("value (NIS)"), null=True, blank=True, **MONEY)
    final_method = models.CharField(_("method"), max_length=20, choices=Method.choices, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, verbose_name=_("decided by"), **USER
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commercial valuation case")
        verbose_name_plural = _("commercial valuation cases")
        ordering = ["-opened_at", "-id"]
        indexes = [
            models.Index(
                fields=["customs_house", "status", "opened_at"],
                condition=~Q(status__in=[CaseStatus.ACCEPTED, CaseStatus.VALUE_SET]),
                name="cuscom_case_open",
            ),
            models.Index(fields=["status", "opened_at"], name="cuscom_case_status"),
            models.Index(
                fields=["customs_house", "opened_at", "id"],
                condition=~Q(status__in=[CaseStatus.ACCEPTED, CaseStatus.VALUE_SET]),
                name="cuscom_case_open_queue",
            ),
            models.Index(
                fields=["opened_at", "id"],
                condition=~Q(status__in=[CaseStatus.ACCEPTED, CaseStatus.VALUE_SET]),
                name="cuscom_case_open_all",
            ),
        ]

    def __str__(self):
        return f"{self.entry.number}"

    @property
    def is_final(self) -> bool:
        return self.status in {CaseStatus.ACCEPTED, CaseStatus.VALUE_SET}


class CaseItem(models.Model):
    """A line per tariff item: its invoice value before any discount or addition (CUS-79), the
    quantity, and the "free" mark of goods given without consideration (CUS-69)."""

    case = models.ForeignKey(CommercialCase, on_delete=models.CASCADE, related_name="items")
    tariff_item = models.CharField(_("tariff item"), max_length=15, validators=[TARIFF_ITEM])
    description = models.CharField(_("description"), max_length=200)
    quantity = models.PositiveIntegerField(_("units"), validators=[MinValueValidator(1)])
    value = models.DecimalField(_("invoice value"), **MONEY)
    free = models.BooleanField(_("given free"), default=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("tariff item line")
        verbose_name_plural = _("tariff item lines")

    def __str__(self):
        return f"{self.tariff_item} {self.description}"


class CaseGround(models.Model):
    """CUS-29: a ground the valuer found, with its reason; (f) with the question and answer."""

    case = models.ForeignKey(CommercialCase, on_delete=models.CASCADE, related_name="grounds")
    code = models.CharField(_("ground"), max_length=1, choices=Ground.choices)
    reason = models.TextField(_("reason"))
    asked = models.TextField(_("what the importer was asked"), blank=True)
    answered = models.TextField(_("what the importer answered"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, **USER)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["case", "code"], name="cuscom_ground_once")]

    def __str__(self):
        return f"{self.case_id}: {self.code}"


class CaseTrigger(models.Model):
    """CUS-60: one row per trigger of the checklist; `flagged` when the system pre-marked it (with
    its bases), `marked` as the valuer leaves it, and the resolution acceptance needs."""

    case = models.ForeignKey(CommercialCase, on_delete=models.CASCADE, related_name="triggers")
    code = models.CharField(_("trigger"), max_length=1, choices=Trigger.choices)
    flagged = models.BooleanField(_("flagged by the system"), default=False)
    bases = models.JSONField(default=list, blank=True)
    marked = models.BooleanField(_("applies"), default=False)
    note = models.TextField(_("note"), blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, **USER)
    set_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["case", "code"], name="cuscom_trigger_once")]

    def __str__(self):
        return f"{self.case_id}: {self.code}"


class VerificationCheck(models.Model):
    """CUS-59 and CUS-63: a step of the checklist, confirmed, a problem, or not applicable."""

    case = models.ForeignKey(CommercialCase, on_delete=models.CASCADE, related_name="checks")
    step = models.CharField(_("step"), max_length=3, choices=VerificationStep.choices)
    result = models.CharField(_("result"), max_length=10, choices=CheckResult.choices)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, **USER)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["step"]
        constraints = [models.UniqueConstraint(fields=["case", "step"], name="cuscom_check_once")]

    def __str__(self):
        return f"{self.case_id}: {self.step} {self.result}"


class Consultation(models.Model):
    """CUS-94: the valuer's question to the valuation unit and its answer; it stops nothing."""

    case = models.ForeignKey(CommercialCase, on_delete=models.CASCADE, related_name="consultations")
    question = models.TextField(_("question"))
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, **USER)
    asked_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, **USER)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "id"]
        indexes = [
            models.Index(
                fields=["asked_at"],
                condition=Q(answered_at__isnull=True),
                name="cuscom_consult_open",
            )
        ]

    def __str__(self):
        return f"{self.case_id}: {self.question[:40]}"


class DamageRequest(models.Model):
    """CUS-93: the importer's request (through the agent) to reduce the value for damage in
    carriage, and the local ad-hoc valuers committee's decision."""

    case = models.ForeignKey(CommercialCase, on_delete=models.CASCADE, related_name="damage")
    description = models.TextField(_("the damage"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, **USER)
    requested_at = models.DateTimeField(auto_now_add=True)
    members = models.JSONField(_("committee members"), default=list, blank=True)
    examined_on = models.DateField(_("examined on"), null=True, blank=True)
    reasons = models.TextField(_("the committee's reasons"), blank=True)
    amount = models.DecimalField(_("customs amount set (NIS)"), null=True, blank=True, **MONEY)
    appraiser_opinion = models.BooleanField(_("appraiser's opinion given"), default=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, **USER)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "id"]

    def __str__(self):
        return f"{self.case_id}: {self.description[:40]}"
