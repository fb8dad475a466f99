"""Customs valuation of personal imports: the reference tables (data with effective dates) and
the vehicle and goods cases with their documents, decisions, answers, appeals and guarantees.

Statuses change only through `services.py`.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

MONEY = {"max_digits": 14, "decimal_places": 2}
PERCENT = {"max_digits": 6, "decimal_places": 2}
PERCENT_RANGE = [MinValueValidator(0), MaxValueValidator(100)]


# --- Reference tables ------------------------------------------------------------------------


class TaxCategory(models.TextChoices):
    PRIVATE = "private", _("Private vehicle")
    COMMERCIAL = "commercial", _("Commercial vehicle")
    MOTORCYCLE = "motorcycle", _("Motorcycle")
    GOODS = "goods", _("Goods")


class FreightOrigin(models.TextChoices):
    NORTH_AMERICA = "north_america", _("North America")
    EUROPE = "europe", _("Europe")
    FAR_EAST = "far_east", _("Far East")
    OTHER = "other", _("Other")


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


# --- Cases -----------------------------------------------------------------------------------


class CaseKind(models.TextChoices):
    VEHICLE = "vehicle", _("Vehicle")
    GOODS = "goods", _("Goods")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Documents and data")
    AT_APPRAISER = "at_appraiser", _("With the customs appraiser")
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting the supervisor's approval")
    NOTICE_OF_INTENT = "notice_of_intent", _("Notice of intent: awaiting the importer's answer")
    ANSWERED = "answered", _("Answered: awaiting the supervisor")
    ACCEPTED = "accepted", _("Declared value accepted")
    VALUE_SET = "value_set", _("Value set: open to appeal")
    APPEALED = "appealed", _("Under appeal")
    APPEAL_DECIDED = "appeal_decided", _("Appeal decided")
    CLOSED = "closed", _("Value final")


class UsedAbroadBasis(models.TextChoices):
    """CUS-13: what the importer asked for after using the vehicle abroad."""

    NONE = "", _("Not used abroad")
    PRICE_LIST = "price_list", _("By the price list, without the invoice")
    INVOICE_ADJUSTED = "invoice_adjusted", _("By the invoice with adjustments and depreciation")


class ValuationCase(models.Model):
    """One personal import being valued: a vehicle (CUS-5 to 18) or goods (CUS-19 to 25)."""

    kind = models.CharField(_("kind"), max_length=10, choices=CaseKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    importer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("importer"),
        on_delete=models.PROTECT,
        related_name="valuation_cases",
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    valuation_date = models.DateField(_("valuation date"))
    category = models.CharField(
        _("tax category"), max_length=20, choices=TaxCategory.choices, default=TaxCategory.PRIVATE
    )

    # Vehicle (CUS-5)
    make = models.CharField(_("make"), max_length=60, blank=True)
    model = models.CharField(_("model"), max_length=60, blank=True)
    version = models.CharField(_("version"), max_length=80, blank=True)
    manufacture_year = models.PositiveSmallIntegerField(
        _("manufacture year"), null=True, blank=True
    )
    first_road_date = models.DateField(_("first on the road"), null=True, blank=True)
    chassis_number = models.CharField(_("chassis number"), max_length=30, blank=True)
    engine_number = models.CharField(_("engine number"), max_length=30, blank=True)
    engine_volume = models.PositiveIntegerField(_("engine volume (cc)"), null=True, blank=True)
    price_list_entry = models.ForeignKey(
        VehiclePrice,
        verbose_name=_("price-list model"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    collector_vehicle = models.BooleanField(_("collector vehicle"), default=False)
    foreign_price_list_value = models.DecimalField(
        _("value in foreign collector price lists"), null=True, blank=True, **MONEY
    )
    used_abroad_basis = models.CharField(
        _("used abroad by the importer"),
        max_length=20,
        choices=UsedAbroadBasis.choices,
        blank=True,
        default=UsedAbroadBasis.NONE,
    )
    damage_reduction = models.DecimalField(_("reduction for transport damage"), default=0, **MONEY)

    # Invoice and costs (CUS-6, 7, 19, 20)
    has_invoice = models.BooleanField(_("invoice presented"), default=True)
    invoice_value = models.DecimalField(_("invoice value (NIS)"), null=True, blank=True, **MONEY)
    invoice_date = models.DateField(_("invoice date"), null=True, blank=True)
    export_taxes = models.DecimalField(_("export-country taxes"), default=0, **MONEY)
    export_taxes_refunded = models.BooleanField(_("export-tax refund proven"), default=False)
    freight = models.DecimalField(_("proven freight"), null=True, blank=True, **MONEY)
    freight_origin = models.CharField(
        _("shipped from"), max_length=20, choices=FreightOrigin.choices, blank=True
    )
    insurance = models.DecimalField(_("insurance"), default=0, **MONEY)
    licence_fee = models.DecimalField(_("licence fee"), default=0, **MONEY)
    other_costs = models.DecimalField(_("other costs"), default=0, **MONEY)
    note4_reductions = models.DecimalField(_("note 4 reductions"), default=0, **MONEY)

    # Goods (CUS-19 to 25)
    goods_description = models.CharField(_("goods"), max_length=200, blank=True)
    tariff_item = models.CharField(_("tariff item"), max_length=20, blank=True)
    freight_excluded_by_tariff = models.BooleanField(
        _("the tariff item excludes freight"), default=False
    )
    price_abroad = models.DecimalField(_("price abroad"), null=True, blank=True, **MONEY)
    israeli_price = models.DecimalField(_("price in Israel"), null=True, blank=True, **MONEY)
    israeli_price_net = models.DecimalField(
        _("Israeli sale price without taxes and extra costs"), null=True, blank=True, **MONEY
    )
    data_doubtful = models.BooleanField(_("wrong or doubtful data"), default=False)
    used_depreciation_percent = models.DecimalField(
        _("usage depreciation of used goods %"), default=0, validators=PERCENT_RANGE, **PERCENT
    )
    depreciation_approved = models.BooleanField(_("depreciation approved"), default=False)

    # Outcome
    appraiser_value = models.DecimalField(_("appraiser's value"), null=True, blank=True, **MONEY)
    determined_value = models.DecimalField(_("determined value"), null=True, blank=True, **MONEY)
    answer_due = models.DateField(_("answer due"), null=True, blank=True)
    appeal_due = models.DateField(_("appeal due"), null=True, blank=True)
    court_due = models.DateField(_("court claim due"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("valuation case")
        verbose_name_plural = _("valuation cases")
        ordering = ["-opened_at", "-id"]
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self):
        return f"{self.reference} {self.subject}"

    @property
    def reference(self) -> str:
        return f"CUS-{self.pk:06d}" if self.pk else "CUS-new"

    @property
    def subject(self) -> str:
        if self.kind == CaseKind.VEHICLE:
            return " ".join(str(p) for p in (self.make, self.model, self.manufacture_year) if p)
        return self.goods_description

    @property
    def is_vehicle(self) -> bool:
        return self.kind == CaseKind.VEHICLE


class ExtraSource(models.TextChoices):
    MANUFACTURER = "manufacturer", _("Manufacturer's document by chassis number")
    PHYSICAL_CHECK = "physical_check", _("Physical check (luxury vehicle without information)")
    FORM_21 = "form_21", _("Declared on form 21")


class CaseExtra(models.Model):
    """An optional extra found in the vehicle, valued at the table value on the day (CUS-15)."""

    case = models.ForeignKey(ValuationCase, on_delete=models.CASCADE, related_name="extras")
    extra = models.ForeignKey(OptionalExtra, verbose_name=_("extra"), on_delete=models.PROTECT)
    source = models.CharField(_("source"), max_length=20, choices=ExtraSource.choices)
    value = models.DecimalField(_("value"), **MONEY)

    class Meta:
        verbose_name = _("extra in the vehicle")
        verbose_name_plural = _("extras in the vehicle")
        ordering = ["id"]

    def __str__(self):
        return f"{self.extra} ({self.value})"


class DocumentKind(models.TextChoices):
    INVOICE = "invoice", _("Original invoice or purchase agreement")
    IDENTITY = "identity", _("Identity card or passport")
    FREIGHT_BILL = "freight_bill", _("Freight bill")
    DELIVERY_ORDER = "delivery_order", _("Delivery order of the shipping or air agent")
    VEHICLE_LICENCE = "vehicle_licence", _("Vehicle licence")
    IMPORT_LICENCE = "import_licence", _("Import licence")
    FORM_21 = "form_21", _("Form 21: importer's vehicle declaration")
    FORM_139 = "form_139", _("Form 139: information to verify the declared value")
    DEAL_EVIDENCE = "deal_evidence", _("Evidence of the deal (transfer, CARFAX, seller's letter)")
    INSURANCE_BILL = "insurance_bill", _("Insurance bill")
    OTHER_EXPENSES = "other_expenses", _("Other expenses")
    REFUND_PROOF = "refund_proof", _("Proof of export-tax refund")
    MANUFACTURER_EXTRAS = "manufacturer_extras", _("Manufacturer's extras by chassis number")
    APPRAISER_OPINION = "appraiser_opinion", _("Appraiser's opinion")
    INSURER_RECOGNITION = "insurer_recognition", _("Insurer's recognition of the loss of value")
    USE_ABROAD_PROOF = "use_abroad_proof", _("Proof of use abroad")
    ANSWER = "answer", _("Attachment to an answer or appeal")
    OTHER = "other", _("Other document")


REQUIRED_DOCUMENTS = {
    CaseKind.VEHICLE: [
        DocumentKind.INVOICE,
        DocumentKind.IDENTITY,
        DocumentKind.FREIGHT_BILL,
        DocumentKind.DELIVERY_ORDER,
        DocumentKind.VEHICLE_LICENCE,
        DocumentKind.IMPORT_LICENCE,
        DocumentKind.FORM_21,
        DocumentKind.FORM_139,
    ],
    CaseKind.GOODS: [DocumentKind.INVOICE, DocumentKind.FREIGHT_BILL, DocumentKind.INSURANCE_BILL],
}


def document_path(instance, filename):
    return f"customs/{instance.case_id}/{filename}"


class CaseDocument(models.Model):
    """A document the importer uploaded, or the officer recorded as received on paper."""

    case = models.ForeignKey(ValuationCase, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document"), max_length=30, choices=DocumentKind.choices)
    file = models.FileField(_("file"), upload_to=document_path, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("case document")
        verbose_name_plural = _("case documents")
        ordering = ["added_at", "id"]

    def __str__(self):
        return self.get_kind_display()


class DecisionKind(models.TextChoices):
    INVOICE_ACCEPTED = "invoice_accepted", _("Declared value accepted")
    NOTICE_OF_INTENT = "notice_of_intent", _("Notice of intent to disqualify the declared value")
    SENT_TO_APPRAISER = "sent_to_appraiser", _("Sent to a customs appraiser")
    APPRAISAL_RECORDED = "appraisal_recorded", _("Appraiser's value recorded")
    SUPERVISOR_ACCEPTED = "supervisor_accepted", _("Supervisor convinced: declared value accepted")
    DISQUALIFIED = "disqualified", _("Notice of disqualification of the declared value")
    VALUE_SET = "value_set", _("Value determined")
    DEPRECIATION_REFERRED = "depreciation_referred", _("Depreciation sent for approval")
    DEPRECIATION_APPROVED = "depreciation_approved", _("Depreciation approved")
    DEPRECIATION_REFUSED = "depreciation_refused", _("Depreciation refused")
    APPEAL_FORWARDED = "appeal_forwarded", _("Appeal forwarded with the supervisor's opinion")
    APPEAL_DECIDED = "appeal_decided", _("Appeal decision")
    GUARANTEE_FORFEITED = "guarantee_forfeited", _("Guarantee forfeited")
    GUARANTEE_SETTLED = "guarantee_settled", _("Guarantee or deposit settled after the appeal")
    VALUE_FINAL = "value_final", _("Value final: no appeal in time")


NOTICE_KINDS = {
    DecisionKind.INVOICE_ACCEPTED,
    DecisionKind.NOTICE_OF_INTENT,
    DecisionKind.SUPERVISOR_ACCEPTED,
    DecisionKind.DISQUALIFIED,
    DecisionKind.VALUE_SET,
    DecisionKind.APPEAL_DECIDED,
    DecisionKind.GUARANTEE_FORFEITED,
    DecisionKind.GUARANTEE_SETTLED,
}


class Decision(models.Model):
    """A dated, reasoned decision on a case; those the importer must read are notices."""

    case = models.ForeignKey(ValuationCase, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(_("decision"), max_length=30, choices=DecisionKind.choices)
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reasons = models.TextField(_("reasons"))
    value = models.DecimalField(_("value"), null=True, blank=True, **MONEY)
    taxes = models.DecimalField(_("taxes on the value"), null=True, blank=True, **MONEY)
    due_date = models.DateField(_("the importer may act until"), null=True, blank=True)
    worksheet = models.JSONField(_("worksheet"), default=dict, blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["decided_at", "id"]

    def __str__(self):
        return f"{self.case.reference} {self.get_kind_display()}"

    @property
    def is_notice(self) -> bool:
        return self.kind in NOTICE_KINDS


class ImporterAnswer(models.Model):
    """The importer's written answer to a notice of intent (CUS-10)."""

    case = models.ForeignKey(ValuationCase, on_delete=models.CASCADE, related_name="answers")
    notice = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(_("your answer"))
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("importer's answer")
        verbose_name_plural = _("importer's answers")
        ordering = ["submitted_at", "id"]

    def __str__(self):
        return f"{self.case.reference} {self.submitted_at:%d/%m/%Y}"


class AppealOutcome(models.TextChoices):
    DISMISSED = "dismissed", _("Appeal dismissed: the value stands")
    VALUE_CHANGED = "value_changed", _("Appeal allowed in part: value changed")
    DECLARED_ACCEPTED = "declared_accepted", _("Appeal allowed: the declared value accepted")


class Appeal(models.Model):
    """An appeal (CUS-12 to the committee for vehicles; CUS-23 to the collector for goods)."""

    case = models.OneToOneField(ValuationCase, on_delete=models.CASCADE, related_name="appeal")
    grounds = models.TextField(_("grounds of appeal"))
    filed_at = models.DateTimeField(_("filed"), auto_now_add=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    supervisor_opinion = models.TextField(_("supervisor's opinion"), blank=True)
    forwarded_at = models.DateTimeField(_("forwarded"), null=True, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("committee members"), blank=True, related_name="+"
    )
    legal_adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("legal adviser or representative"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=AppealOutcome.choices, blank=True
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["filed_at", "id"]

    def __str__(self):
        return f"{self.case.reference} {_('appeal')}"


class ReleaseForm(models.TextChoices):
    BANK_GUARANTEE = "bank_guarantee", _("Bank guarantee")
    DEPOSIT = "deposit", _("Deposit")
    PAID_UNDER_PROTEST = "paid_under_protest", _("All taxes paid under protest")


class ReleaseStatus(models.TextChoices):
    HELD = "held", _("Held")
    FORFEITED = "forfeited", _("Forfeited")
    PARTLY_FORFEITED = "partly_forfeited", _("Partly forfeited, the rest released")
    RETURNED = "returned", _("Returned")


class ProtestRelease(models.Model):
    """Release under protest (CUS-17): a guarantee or deposit for the tax difference, or all
    taxes paid under protest."""

    case = models.ForeignKey(ValuationCase, on_delete=models.CASCADE, related_name="releases")
    form = models.CharField(_("release against"), max_length=20, choices=ReleaseForm.choices)
    amount = models.DecimalField(_("amount"), **MONEY)
    reference = models.CharField(_("bank or receipt reference"), max_length=60)
    lodged_on = models.DateField(_("lodged on"))
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ReleaseStatus.choices, default=ReleaseStatus.HELD
    )
    forfeited_amount = models.DecimalField(_("amount forfeited"), null=True, blank=True, **MONEY)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("release under protest")
        verbose_name_plural = _("releases under protest")
        ordering = ["lodged_on", "id"]

    def __str__(self):
        return f"{self.case.reference} {self.get_form_display()} {self.amount}"

    @property
    def released_amount(self) -> Decimal | None:
        """What goes back to the importer once the guarantee or deposit is settled."""
        if self.forfeited_amount is None:
            return None
        return self.amount - self.forfeited_amount


class AuditAction(models.TextChoices):
    """What the case history says happened (decisions are named by their `DecisionKind`)."""

    CASE_OPENED = "customs.case_opened", _("Case opened")
    DATA_RECORDED = "customs.data_recorded", _("Data recorded")
    DOCUMENT_ADDED = "customs.document_added", _("Document added")
    EXTRA_ADDED = "customs.extra_added", _("Optional extra added")
    EXTRA_REMOVED = "customs.extra_removed", _("Optional extra removed")
    IMPORTER_ANSWERED = "customs.importer_answered", _("Importer answered the notice")
    APPEAL_FILED = "customs.appeal_filed", _("Appeal filed")
    RELEASED_UNDER_PROTEST = "customs.released_under_protest", _("Released under protest")
    GUARANTEE_EXTENDED = "customs.guarantee_extended", _("Guarantee extended")
    RELEASE_SETTLED = "customs.release_settled", _("Guarantee or deposit settled")


DECISION_ACTION_PREFIX = "customs.decision."


def audit_action_label(action: str) -> str:
    """The case history's wording for an audit action, in the reader's language."""
    if action.startswith(DECISION_ACTION_PREFIX):
        kind = action.removeprefix(DECISION_ACTION_PREFIX)
        if kind in DecisionKind.values:
            return DecisionKind(kind).label
    if action in AuditAction.values:
        return AuditAction(action).label
    return action


from .declarations import models as declarations_models  # noqa: E402, F401 - part 2.3
