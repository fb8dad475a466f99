"""Third parties that answer electronic garnishment orders, the authorities that serve them,
the monthly reports with their lines, the orders billed once each, payments and statements."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from taxportal.validators import validate_company_number, validate_national_id

from .rules import DEFAULT_PAYMENT_TERM_DAYS, Entitlement, FeeReason, entitled_from

MONEY = {"max_digits": 14, "decimal_places": 2}


class ThirdParty(models.Model):
    """A body served garnishment orders (a bank, a card company, an insurer) and its request
    to be recognised for electronic service (GAR-1 to GAR-4)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Recognition requested")
        PUBLISHED = "published", _("Published as served electronically")
        REVOKED = "revoked", _("No longer served electronically")

    name = models.CharField(_("name"), max_length=200, unique=True)
    company_number = models.CharField(
        _("company number"), max_length=9, unique=True, validators=[validate_company_number]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    requested_on = models.DateField(_("request date"), default=timezone.localdate)
    orders_last_12_months = models.PositiveIntegerField(
        _("orders served in the 12 months before the request"),
        null=True,
        blank=True,
        help_text=_("Information for the reviewer only; not a condition (GAR-2)."),
    )
    security_officer_name = models.CharField(_("security officer's name"), max_length=200)
    security_officer_national_id = models.CharField(
        _("security officer's identity number"),
        max_length=9,
        validators=[validate_national_id],
    )
    security_officer_email = models.EmailField(_("security officer's e-mail"))
    security_officer_phone = models.CharField(_("security officer's phone"), max_length=30)
    form1_file = models.FileField(_("signed form 1"), upload_to="garnishment/form1/%Y/")
    form1_signer_name = models.CharField(_("signer's name"), max_length=200)
    form1_signer_national_id = models.CharField(
        _("signer's identity number"), max_length=9, validators=[validate_national_id]
    )
    form1_signer_role = models.CharField(_("signer's role"), max_length=200)
    form1_signed_on = models.DateField(_("date signed"))
    published_on = models.DateField(
        _("director's publication date"),
        null=True,
        blank=True,
        help_text=_("Billable from 30 days after this date (GAR-1)."),
    )
    service_stopped_at = models.DateTimeField(
        _("electronic service stopped at"),
        null=True,
        blank=True,
        help_text=_("The moment of the third party's own report, or of the director's notice."),
    )
    service_stopped_reason = models.TextField(_("why service stopped"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("third party")
        verbose_name_plural = _("third parties")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def recognised_from(self) -> date | None:
        return entitled_from(self.published_on)

    # The conditions the director checks before publishing (GAR-2): an appointed security
    # officer whose details are in the request, and a signed form 1. The order count is not one.
    RECOGNITION_CONDITIONS = (
        "security_officer_name",
        "security_officer_national_id",
        "security_officer_email",
        "security_officer_phone",
        "form1_file",
        "form1_signer_name",
        "form1_signer_national_id",
        "form1_signer_role",
        "form1_signed_on",
    )

    def missing_conditions(self) -> list[str]:
        """The details of GAR-2 this third party has not given yet (field names)."""
        return [name for name in self.RECOGNITION_CONDITIONS if not getattr(self, name)]


class ServingAuthority(models.Model):
    """A body that collects debts under the Taxes (Collection) Ordinance (GAR-16, GAR-17)."""

    class Kind(models.TextChoices):
        LOCAL = "local", _("Local authority")
        NOT_LOCAL = "not_local", _("Authority that is not local")
        FINES_CENTER = "fines_center", _("Center for Collection of Fines, Fees and Expenses")

    code = models.CharField(
        _("code"), max_length=20, unique=True, help_text=_("As written in the report lines.")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    commencement_on = models.DateField(
        _("commencement date"),
        help_text=_("Orders received before this date are not billable (GAR-17)."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("serving authority")
        verbose_name_plural = _("serving authorities")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ServiceArrangement(models.Model):
    """One authority and one third party: the notice that the authority serves it
    electronically (GAR-1b) and any reporting and payment terms they agreed (GAR-9)."""

    class Channel(models.TextChoices):
        PORTAL = "portal", _("Portal upload or API")
        OTHER = "other", _("Another agreed channel")

    authority = models.ForeignKey(
        ServingAuthority, on_delete=models.PROTECT, related_name="arrangements"
    )
    third_party = models.ForeignKey(
        ThirdParty, on_delete=models.PROTECT, related_name="arrangements"
    )
    notice_on = models.DateField(_("electronic service notice date"), null=True, blank=True)
    payment_term_days = models.PositiveSmallIntegerField(
        _("payment term (days)"), default=DEFAULT_PAYMENT_TERM_DAYS
    )
    file_format = models.CharField(_("agreed file format"), max_length=50, blank=True)
    channel = models.CharField(
        _("agreed channel"), max_length=20, choices=Channel.choices, default=Channel.PORTAL
    )
    notes = models.TextField(_("agreed terms"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("service arrangement")
        verbose_name_plural = _("service arrangements")
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "third_party"], name="garnishment_one_arrangement_per_pair"
            )
        ]

    def __str__(self):
        return f"{self.authority} ↔ {self.third_party}"


class SubmitterMembership(models.Model):
    """A third-party submitter belongs to exactly one third party."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="garnishment_submitter"
    )
    third_party = models.ForeignKey(ThirdParty, on_delete=models.PROTECT, related_name="submitters")

    class Meta:
        verbose_name = _("third-party submitter")
        verbose_name_plural = _("third-party submitters")

    def __str__(self):
        return f"{self.user} → {self.third_party}"


class AuthorityMembership(models.Model):
    """An authority finance clerk belongs to exactly one authority."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="garnishment_clerk"
    )
    authority = models.ForeignKey(ServingAuthority, on_delete=models.PROTECT, related_name="clerks")

    class Meta:
        verbose_name = _("authority finance clerk")
        verbose_name_plural = _("authority finance clerks")

    def __str__(self):
        return f"{self.user} → {self.authority}"


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


class Report(models.Model):
    """One monthly report of a third party, kept with its original file unchanged (GAR-8)."""

    class Channel(models.TextChoices):
        UPLOAD = "upload", _("Browser upload")
        API = "api", _("API")

    class Processing(models.TextChoices):
        PENDING = "pending", _("Being processed")
        DONE = "done", _("Processed")
        FAILED = "failed", _("Could not be processed")

    third_party = models.ForeignKey(ThirdParty, on_delete=models.PROTECT, related_name="reports")
    period = models.DateField(_("month reported"), help_text=_("The first day of the month."))
    submitted_at = models.DateTimeField(_("received at"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    original_file = models.FileField(_("original file"), upload_to="garnishment/reports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("format"), max_length=10)
    content_hash = models.CharField(_("SHA-256 of the file"), max_length=64)
    line_count = models.PositiveIntegerField(_("lines"), default=0)
    accepted_count = models.PositiveIntegerField(_("accepted"), default=0)
    withheld_count = models.PositiveIntegerField(_("withheld"), default=0)
    rejected_count = models.PositiveIntegerField(_("rejected"), default=0)
    billed_total = models.DecimalField(_("fees billed"), default=0, **MONEY)
    file_error = models.TextField(_("file error"), blank=True)
    processing = models.CharField(
        _("processing"),
        max_length=10,
        choices=Processing.choices,
        default=Processing.PENDING,
        help_text=_("A large report is stored at once and its lines billed by a background task."),
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["third_party", "content_hash"], name="garnishment_report_once_per_content"
            )
        ]

    def __str__(self):
        return f"{self.third_party} {self.period:%m/%Y} #{self.pk}"


class Order(models.Model):
    """One garnishment order as answered by one third party: billed once (GAR-7). The unique
    constraint is what makes "once" hold under concurrent reports; rows are locked while a
    report adds to them."""

    third_party = models.ForeignKey(ThirdParty, on_delete=models.PROTECT, related_name="orders")
    authority = models.ForeignKey(ServingAuthority, on_delete=models.PROTECT, related_name="orders")
    order_number = models.CharField(_("order number"), max_length=40)
    received_on = models.DateField(_("received on"))
    billed_amount = models.DecimalField(_("billed"), default=0, **MONEY)
    fee_code = models.CharField(_("fee"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("garnishment order")
        verbose_name_plural = _("garnishment orders")
        constraints = [
            models.UniqueConstraint(
                fields=["third_party", "authority", "order_number"],
                name="garnishment_order_billed_once",
            ),
            models.CheckConstraint(
                condition=Q(billed_amount__gte=0), name="garnishment_order_billed_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.authority.code}/{self.order_number}"


class ReportLine(models.Model):
    """One line of a report as received, with its outcome and the fee it billed."""

    class Status(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        WITHHELD = "withheld", _("Withheld until completed")
        REJECTED = "rejected", _("Rejected")

    class DebtorIdKind(models.TextChoices):
        NATIONAL_ID = "id", _("Identity number")
        COMPANY = "company", _("Company number")
        OTHER = "other", _("Other identifier")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="lines")
    line_number = models.PositiveIntegerField(_("line"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    authority = models.ForeignKey(
        ServingAuthority, null=True, on_delete=models.PROTECT, related_name="+"
    )
    order = models.ForeignKey(Order, null=True, on_delete=models.PROTECT, related_name="lines")
    order_number = models.CharField(_("order number"), max_length=40, blank=True)
    debtor_id_kind = models.CharField(
        _("identifier kind"), max_length=10, choices=DebtorIdKind.choices, blank=True
    )
    debtor_id = models.CharField(_("debtor identifier"), max_length=40, blank=True)
    debtor_name = models.CharField(_("debtor name"), max_length=200, blank=True)
    received_on = models.DateField(_("received on"), null=True)
    order_amount = models.DecimalField(_("amount in the order"), null=True, **MONEY)
    answered_on = models.DateField(_("answer sent on"), null=True)
    case_number = models.CharField(_("case number"), max_length=60, blank=True)
    assets_found = models.BooleanField(_("assets found"), null=True)
    fee_code = models.CharField(_("fee"), max_length=20, blank=True)
    fee_billed = models.DecimalField(_("fee billed"), default=0, **MONEY)
    fee_reason = models.CharField(_("fee reason"), max_length=30, choices=FeeReason.choices)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    raw = models.TextField(_("line as received"), blank=True)
    due_on = models.DateField(_("payment due"), null=True)
    completed_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("report line")
        verbose_name_plural = _("report lines")
        ordering = ["report", "line_number"]
        indexes = [
            models.Index(fields=["authority", "received_on"]),
            models.Index(fields=["order", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "line_number"], name="garnishment_line_number_once"
            )
        ]

    def __str__(self):
        return f"{self.report_id}:{self.line_number}"


class Payment(models.Model):
    """A payment an authority's finance clerk recorded to one third party (GAR-9)."""

    authority = models.ForeignKey(
        ServingAuthority, on_delete=models.PROTECT, related_name="payments"
    )
    third_party = models.ForeignKey(ThirdParty, on_delete=models.PROTECT, related_name="payments")
    period = models.DateField(_("month paid for"))
    amount = models.DecimalField(_("amount"), **MONEY)
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("payment reference"), max_length=100)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-paid_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="garnishment_payment_positive")
        ]

    def __str__(self):
        return f"{self.authority} → {self.third_party} {self.amount}"


class MonthlyStatement(models.Model):
    """What one authority owes one third party for one month (GAR-18)."""

    authority = models.ForeignKey(
        ServingAuthority, on_delete=models.PROTECT, related_name="statements"
    )
    third_party = models.ForeignKey(ThirdParty, on_delete=models.PROTECT, related_name="statements")
    period = models.DateField(_("month"))
    assets_found_count = models.PositiveIntegerField(_("orders billed with assets found"))
    assets_found_amount = models.DecimalField(_("amount, assets found"), **MONEY)
    no_assets_count = models.PositiveIntegerField(_("orders billed with no assets"))
    no_assets_amount = models.DecimalField(_("amount, no assets"), **MONEY)
    withheld_count = models.PositiveIntegerField(_("lines withheld"))
    withheld_amount = models.DecimalField(_("amount withheld"), **MONEY)
    withheld_reasons = models.JSONField(_("why withheld"), default=dict)
    due_on = models.DateField(_("payment due"), null=True)
    generated_at = models.DateTimeField(_("produced at"), auto_now=True)

    class Meta:
        verbose_name = _("monthly fee statement")
        verbose_name_plural = _("monthly fee statements")
        ordering = ["-period", "authority__name", "third_party__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "third_party", "period"],
                name="garnishment_one_statement_per_month",
            )
        ]

    def __str__(self):
        return f"{self.authority} / {self.third_party} {self.period:%m/%Y}"

    @property
    def payable_amount(self):
        return self.assets_found_amount + self.no_assets_amount


def entitlement_for(
    authority: ServingAuthority, third_party: ThirdParty, arrangement: ServiceArrangement | None
) -> Entitlement:
    """The dates that decide whether this pair's orders are billable."""
    stopped = third_party.service_stopped_at
    return Entitlement(
        commencement=authority.commencement_on,
        recognised_from=third_party.recognised_from,
        recognised_until=timezone.localdate(stopped) if stopped else None,
        notice_from=arrangement.notice_on if arrangement else None,
    )
