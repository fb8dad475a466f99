"""A personal import being valued, with the extras found in it and its documents."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Case, F, Q, When
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from taxportal.validators import validate_national_id

from .. import rules
from ..choices import (
    CaseKind,
    CaseStatus,
    DocumentKind,
    ExtraSource,
    FreightOrigin,
    TaxCategory,
    UsedAbroadBasis,
)
from ..rules.ranges import MAX_ENGINE_VOLUME, VALUATION_DAYS_AHEAD
from ..rules.statuses import EDITABLE_STATUSES
from .fields import (
    AMOUNT_RANGE,
    MONEY,
    PERCENT,
    PERCENT_RANGE,
    SaneDate,
    validate_manufacture_year,
)
from .reference import OptionalExtra, VehiclePrice

if TYPE_CHECKING:
    from .decisions import Decision, ProtestRelease

# The cases an officer still acts on (every status but an accepted value and a final one). The
# queue's partial index lists them by value: a migration must not depend on the choices.
OPEN_CASE_STATUSES = [
    "open",
    "at_appraiser",
    "awaiting_approval",
    "notice_of_intent",
    "answered",
    "value_set",
    "appealed",
    "appeal_decided",
]


class ValuationCase(models.Model):
    """One personal import being valued: a vehicle (CUS-5 to 18) or goods (CUS-19 to 25)."""

    kind = models.CharField(_("kind"), max_length=10, choices=CaseKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    # CUS-4, CUS-12: the importer is whoever holds this identity number, registered online or
    # not; once registered they see the case in their personal area, and until then every notice
    # goes by post to the address below.
    importer_national_id = models.CharField(
        _("importer's identity number"),
        max_length=9,
        db_index=True,
        validators=[validate_national_id],
    )
    importer_name = models.CharField(_("importer's name"), max_length=150, blank=True)
    importer_address = models.CharField(_("importer's postal address"), max_length=300, blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    valuation_date = models.DateField(
        _("valuation date"), validators=[SaneDate(VALUATION_DAYS_AHEAD)]
    )
    category = models.CharField(
        _("tax category"), max_length=20, choices=TaxCategory.choices, default=TaxCategory.PRIVATE
    )

    # Vehicle (CUS-5)
    make = models.CharField(_("make"), max_length=60, blank=True)
    model = models.CharField(_("model"), max_length=60, blank=True)
    version = models.CharField(_("version"), max_length=80, blank=True)
    manufacture_year = models.PositiveSmallIntegerField(
        _("manufacture year"), null=True, blank=True, validators=[validate_manufacture_year]
    )
    first_road_date = models.DateField(
        _("first on the road"), null=True, blank=True, validators=[SaneDate()]
    )
    chassis_number = models.CharField(_("chassis number"), max_length=30, blank=True)
    engine_number = models.CharField(_("engine number"), max_length=30, blank=True)
    engine_volume = models.PositiveIntegerField(
        _("engine volume (cc)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_ENGINE_VOLUME)],
    )
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
        _("value in foreign collector price lists"),
        null=True,
        blank=True,
        validators=AMOUNT_RANGE,
        **MONEY,
    )
    used_abroad_basis = models.CharField(
        _("used abroad by the importer"),
        max_length=20,
        choices=UsedAbroadBasis.choices,
        blank=True,
        default=UsedAbroadBasis.NONE,
    )
    damage_reduction = models.DecimalField(
        _("reduction for transport damage"), default=0, validators=AMOUNT_RANGE, **MONEY
    )

    # Invoice and costs (CUS-6, 7, 19, 20)
    has_invoice = models.BooleanField(_("invoice presented"), default=True)
    # CUS-6: the invoice is entered net of the export country's taxes itemised on it, and those
    # taxes apart, so that the declared value counts them once.
    invoice_value = models.DecimalField(
        _("invoice price without the taxes itemised on it (NIS)"),
        null=True,
        blank=True,
        validators=AMOUNT_RANGE,
        **MONEY,
    )
    invoice_date = models.DateField(
        _("invoice date"), null=True, blank=True, validators=[SaneDate()]
    )
    export_taxes = models.DecimalField(
        _("export-country taxes itemised on the invoice (NIS)"),
        default=0,
        validators=AMOUNT_RANGE,
        **MONEY,
    )
    export_taxes_refunded = models.BooleanField(_("export-tax refund proven"), default=False)
    freight = models.DecimalField(
        _("proven freight"), null=True, blank=True, validators=AMOUNT_RANGE, **MONEY
    )
    freight_origin = models.CharField(
        _("shipped from"), max_length=20, choices=FreightOrigin.choices, blank=True
    )
    insurance = models.DecimalField(_("insurance"), default=0, validators=AMOUNT_RANGE, **MONEY)
    licence_fee = models.DecimalField(_("licence fee"), default=0, validators=AMOUNT_RANGE, **MONEY)
    other_costs = models.DecimalField(_("other costs"), default=0, validators=AMOUNT_RANGE, **MONEY)
    note4_reductions = models.DecimalField(
        _("note 4 reductions"), default=0, validators=AMOUNT_RANGE, **MONEY
    )

    # Goods (CUS-19 to 25)
    goods_description = models.CharField(_("goods"), max_length=200, blank=True)
    tariff_item = models.CharField(_("tariff item"), max_length=20, blank=True)
    freight_excluded_by_tariff = models.BooleanField(
        _("the tariff item excludes freight"), default=False
    )
    price_abroad = models.DecimalField(
        _("price abroad"), null=True, blank=True, validators=AMOUNT_RANGE, **MONEY
    )
    israeli_price = models.DecimalField(
        _("price in Israel"), null=True, blank=True, validators=AMOUNT_RANGE, **MONEY
    )
    israeli_price_net = models.DecimalField(
        _("Israeli sale price without taxes and extra costs"),
        null=True,
        blank=True,
        validators=AMOUNT_RANGE,
        **MONEY,
    )
    data_doubtful = models.BooleanField(_("wrong or doubtful data"), default=False)
    used_depreciation_percent = models.DecimalField(
        _("usage depreciation of used goods %"), default=0, validators=PERCENT_RANGE, **PERCENT
    )
    depreciation_approved = models.BooleanField(_("depreciation approved"), default=False)

    # Outcome
    appraiser_value = models.DecimalField(
        _("appraiser's value"), null=True, blank=True, validators=AMOUNT_RANGE, **MONEY
    )
    determined_value = models.DecimalField(
        _("determined value"), null=True, blank=True, validators=AMOUNT_RANGE, **MONEY
    )
    answer_due = models.DateField(_("answer due"), null=True, blank=True)
    appeal_due = models.DateField(_("appeal due"), null=True, blank=True)
    court_due = models.DateField(_("court claim due"), null=True, blank=True)
    # The officers' queue sorts by the next date that matters (selectors.case_deadline): the
    # database keeps it from the status and the three dates on every write, whichever service
    # or job makes it, so it is stored and indexed and never stale.
    queue_deadline = models.GeneratedField(
        expression=Case(
            When(status="notice_of_intent", then=F("answer_due")),
            When(status="value_set", then=F("appeal_due")),
            When(status="appeal_decided", then=F("court_due")),
            default=None,
            output_field=models.DateField(),
        ),
        output_field=models.DateField(null=True),
        db_persist=True,
        verbose_name=_("next deadline"),
    )

    history = HistoricalRecords(excluded_fields=["queue_deadline"])
    # The notices still to post, when read through selectors (Prefetch to_attr).
    notices_to_post: "list[Decision]"
    # The guarantees still held, likewise (selectors._with_relations).
    held_releases: "list[ProtestRelease]"
    # Whether a notice is still to post, in the officers' queue (selectors._for_queue).
    has_notice_to_post: bool

    class Meta:
        verbose_name = _("valuation case")
        verbose_name_plural = _("valuation cases")
        ordering = ["-opened_at", "-id"]
        indexes = [
            models.Index(fields=["status", "kind"]),
            # The officers' queue: open cases by their next deadline (a page is read from the
            # index whatever the size), and one status at a time in the same order.
            models.Index(
                fields=["queue_deadline", "id"],
                condition=Q(status__in=OPEN_CASE_STATUSES),
                name="customs_case_open_deadline_idx",
            ),
            models.Index(
                fields=["status", "queue_deadline", "id"], name="customs_case_status_dl_idx"
            ),
        ]

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

    @property
    def declared_value(self):
        """CUS-4, CUS-6: what the importer declares (None without an invoice)."""
        return rules.declared_value(
            has_invoice=self.has_invoice,
            invoice_value=self.invoice_value,
            export_taxes=self.export_taxes,
            export_taxes_refunded=self.export_taxes_refunded,
        )

    @property
    def is_editable(self) -> bool:
        """Whether the officer may still record data (the services check the same statuses)."""
        return self.status in EDITABLE_STATUSES


class CaseExtra(models.Model):
    """An optional extra found in the vehicle, valued at the table value on the day (CUS-15)."""

    case = models.ForeignKey(ValuationCase, on_delete=models.CASCADE, related_name="extras")
    extra = models.ForeignKey(OptionalExtra, verbose_name=_("extra"), on_delete=models.PROTECT)
    source = models.CharField(_("source"), max_length=20, choices=ExtraSource.choices)
    value = models.DecimalField(_("value"), validators=AMOUNT_RANGE, **MONEY)

    class Meta:
        verbose_name = _("extra in the vehicle")
        verbose_name_plural = _("extras in the vehicle")
        ordering = ["id"]

    def __str__(self):
        return f"{self.extra} ({self.value})"


def document_path(instance, filename):
    return f"customs/{instance.case_id}/{filename}"


class CaseDocument(models.Model):
    """A document the importer uploaded, or the officer recorded as received on paper."""

    case = models.ForeignKey(ValuationCase, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document"), max_length=30, choices=DocumentKind.choices)
    file = models.FileField(_("file"), upload_to=document_path, blank=True)
    content_type = models.CharField(_("checked file type"), max_length=50, blank=True)
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
