"""The worksheet's stored lines (the price lines come from the tariff items), assists spread over
entries (CUS-75 to CUS-77), credit notes for the chief valuer (CUS-70) and the special-relationship
examination (CUS-71)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ...declarations.models import CustomsAgent, CustomsHouse, Importer, Supplier
from ..choices import (
    AssistCategory,
    AssistCheck,
    CheckResult,
    CreditNoteKind,
    CreditNoteStatus,
    LineKind,
    RelatedAlternative,
    SpreadWay,
)
from .cases import MONEY, USER, CaseItem, CommercialCase
from .reference import PERCENT


class Assist(models.Model):
    """An assist the importer supplied to a supplier, valued in shekels, spread by the way the
    importer chose; each entry of those goods is charged until it is used up."""

    importer = models.ForeignKey(Importer, on_delete=models.PROTECT, related_name="+")
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="+")
    agent = models.ForeignKey(CustomsAgent, on_delete=models.PROTECT, related_name="+")
    description = models.CharField(_("description"), max_length=200)
    category = models.CharField(_("category"), max_length=1, choices=AssistCategory.choices)
    cost = models.DecimalField(_("purchase, lease or production cost (NIS)"), **MONEY)
    carriage = models.DecimalField(_("carriage to the producer paid by the importer"), **MONEY)
    changes = models.DecimalField(_("value added before sending"), **MONEY)
    earlier_use = models.DecimalField(_("adjustment for earlier use"), **MONEY)
    share_percent = models.DecimalField(_("share used for the imported goods (%)"), **PERCENT)
    value = models.DecimalField(_("value (NIS)"), **MONEY)
    way = models.CharField(_("spreading"), max_length=1, choices=SpreadWay.choices)
    first_shipment = models.PositiveIntegerField(_("units in the first shipment"))
    produced = models.PositiveIntegerField(_("units produced up to the first shipment"))
    contract = models.PositiveIntegerField(_("units under contract"), null=True, blank=True)
    divisor = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    per_unit = models.DecimalField(_("share per unit (NIS)"), **MONEY)
    used_units = models.PositiveIntegerField(default=0)
    used_amount = models.DecimalField(_("used (NIS)"), default=0, **MONEY)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, **USER)
    recorded_at = models.DateTimeField(auto_now_add=True)
    way_reason = models.TextField(_("why the valuer changed the way"), blank=True)

    class Meta:
        ordering = ["recorded_at", "id"]
        indexes = [models.Index(fields=["importer", "supplier"], name="cuscom_assist_pair")]

    def __str__(self):
        return self.description

    @property
    def remaining(self):
        return self.value - self.used_amount


class AssistCheckRecord(models.Model):
    """CUS-76: one of the valuer's checks of an assist charged to this case's entry, with its
    result and note; who recorded it last and when (the audit trail keeps every change)."""

    case = models.ForeignKey(CommercialCase, on_delete=models.CASCADE, related_name="assist_checks")
    assist = models.ForeignKey(Assist, on_delete=models.PROTECT, related_name="checks")
    code = models.CharField(_("check"), max_length=12, choices=AssistCheck.choices)
    result = models.CharField(_("result"), max_length=10, choices=CheckResult.choices)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, **USER)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assist", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "assist", "code"], name="cuscom_assist_check_once"
            )
        ]

    def __str__(self):
        return f"{self.case_id}: {self.assist_id} {self.code} {self.result}"


class CreditNote(models.Model):
    """CUS-70: a credit note (or a further payment not on the supplier's invoice) brought to the
    chief valuer of the handling customs house before the entry is filed."""

    importer = models.ForeignKey(Importer, on_delete=models.PROTECT, related_name="+")
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="+")
    agent = models.ForeignKey(CustomsAgent, on_delete=models.PROTECT, related_name="+")
    customs_house = models.ForeignKey(CustomsHouse, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("credit note number"), max_length=40)
    kind = models.CharField(_("kind"), max_length=20, choices=CreditNoteKind.choices)
    amount = models.DecimalField(_("amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3)
    description = models.TextField(_("what it is for"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CreditNoteStatus.choices,
        default=CreditNoteStatus.REQUESTED,
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, **USER)
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, **USER)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["importer", "supplier", "number"], name="cuscom_credit_note_once"
            )
        ]
        indexes = [
            models.Index(
                fields=["customs_house", "requested_at"],
                condition=Q(status=CreditNoteStatus.REQUESTED),
                name="cuscom_credit_waiting",
            )
        ]

    def __str__(self):
        return self.number


class WorksheetLine(models.Model):
    """An addition or deduction, in the invoice currency at the entry's rate or in shekels; its
    shekels rounded once when recorded; `included` as the rules decided from `facts`."""

    case = models.ForeignKey(CommercialCase, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(_("line"), max_length=20, choices=LineKind.choices)
    item = models.ForeignKey(
        CaseItem,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="lines",
        verbose_name=_("for the tariff item"),
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount"), **MONEY)
    in_shekels = models.BooleanField(_("amount in shekels"), default=False)
    shekels = models.DecimalField(_("NIS"), **MONEY)
    sign = models.SmallIntegerField(default=1)
    included = models.BooleanField(_("in the value"))
    reason = models.CharField(max_length=40, blank=True)
    facts = models.JSONField(default=dict, blank=True)
    credit_note = models.ForeignKey(
        CreditNote, on_delete=models.PROTECT, null=True, blank=True, related_name="lines"
    )
    assist = models.ForeignKey(
        Assist, on_delete=models.PROTECT, null=True, blank=True, related_name="uses"
    )
    units = models.PositiveIntegerField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, **USER)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.case_id}: {self.kind} {self.amount}"


class RelatedExamination(models.Model):
    """CUS-71: the alternative the importer chose, its value, and the percentage difference."""

    case = models.ForeignKey(CommercialCase, on_delete=models.CASCADE, related_name="related")
    alternative = models.CharField(
        _("alternative"), max_length=20, choices=RelatedAlternative.choices
    )
    test_value = models.DecimalField(_("the alternative's value"), **MONEY)
    transaction_value = models.DecimalField(_("transaction value"), **MONEY)
    percent_difference = models.DecimalField(_("difference (%)"), max_digits=12, decimal_places=2)
    close = models.BooleanField(_("close: the relationship did not affect the price"))
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, **USER)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self):
        return f"{self.case_id}: {self.percent_difference}%"
