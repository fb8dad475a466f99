"""The monthly reports with their lines, and the orders billed once each (GAR-7, GAR-8, GAR-11)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import OrderKind
from ..rules import FeeReason
from .money import MONEY
from .parties import ServingAuthority, ThirdParty


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
    encoding = models.CharField(_("encoding"), max_length=20, blank=True)
    file_problem = models.JSONField(
        _("why the file could not be processed"), default=dict, blank=True
    )
    personal_data_purged_at = models.DateTimeField(
        _("personal data removed at"),
        null=True,
        blank=True,
        help_text=_("Past the retention period the debtors' details and the file are removed."),
    )
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
        indexes = [
            # The submitter's list of reports, the latest first.
            models.Index(fields=["third_party", "submitted_at", "id"], name="garn_report_list_idx"),
        ]
        constraints = [
            # The same file for another month is another report (GAR-11).
            models.UniqueConstraint(
                fields=["third_party", "period", "content_hash"],
                name="garnishment_report_once_per_month_and_content",
            )
        ]

    def __str__(self):
        return f"{self.third_party} {self.period:%m/%Y} #{self.pk}"


class Order(models.Model):
    """One garnishment order as answered by one third party: billed once (GAR-7). The unique
    constraint is what makes "once" hold under concurrent reports; rows are locked while a
    report adds to them."""

    # Found through the unique (third party, authority, order number) index; no page looks
    # orders up by authority alone: no index of their own. No database foreign keys on the
    # bulk tables (issue 18): billing locks the parents it references before writing and the
    # delete paths lock the parent before Django's PROTECT looks for referencing rows
    # (docs/garnishment.md, "Issue 18").
    third_party = models.ForeignKey(
        ThirdParty,
        on_delete=models.PROTECT,
        related_name="orders",
        db_index=False,
        db_constraint=False,
    )
    authority = models.ForeignKey(
        ServingAuthority,
        on_delete=models.PROTECT,
        related_name="orders",
        db_index=False,
        db_constraint=False,
    )
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

    # Submitted lines are kept (GAR-10): a report with lines cannot be deleted. The report,
    # the authority and the order are found through the composite indexes below (report and
    # line number, authority and received date, order and status), so none has its own.
    # No database foreign keys, as on Order: integrity is kept by the locks (see Order).
    report = models.ForeignKey(
        Report,
        on_delete=models.PROTECT,
        related_name="lines",
        db_index=False,
        db_constraint=False,
    )
    line_number = models.PositiveIntegerField(_("line"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    authority = models.ForeignKey(
        ServingAuthority,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    order = models.ForeignKey(
        Order,
        null=True,
        on_delete=models.PROTECT,
        related_name="lines",
        db_index=False,
        db_constraint=False,
    )
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
    order_kind = models.CharField(
        _("kind of order"), max_length=20, choices=OrderKind.choices, default=OrderKind.GARNISHMENT
    )
    garnishment_order_number = models.CharField(
        _("garnishment order delivered"),
        max_length=40,
        blank=True,
        help_text=_("For a delivery order: the garnishment order it names."),
    )
    assets_found = models.BooleanField(_("assets found"), null=True)
    fee_code = models.CharField(_("fee"), max_length=20, blank=True)
    fee_billed = models.DecimalField(_("fee billed"), default=0, **MONEY)
    fee_reason = models.CharField(_("fee reason"), max_length=30, choices=FeeReason.choices)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    raw = models.TextField(_("line as received"), blank=True)
    due_on = models.DateField(_("payment due"), null=True)
    # Read from the completed line only (no page looks lines up by what completed them).
    completed_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )

    class Meta:
        verbose_name = _("report line")
        verbose_name_plural = _("report lines")
        ordering = ["report", "line_number"]
        indexes = [
            # The answers to an authority's orders over a period (GAR-10).
            models.Index(fields=["authority", "received_on"]),
            # The withheld lines a corrected line completes (GAR-9, GAR-11): only those.
            models.Index(
                fields=["order"],
                condition=Q(status="withheld"),
                name="garnishment_withheld_by_order",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "line_number"], name="garnishment_line_number_once"
            )
        ]

    def __str__(self):
        return f"{self.report_id}:{self.line_number}"
