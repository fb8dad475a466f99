"""Refund requests and their lines (BADGE-37 to BADGE-42)."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from taxportal.model_fields import MoneyField

from ..choices import ApprovalSource, OwnerRelation, RefundKind, RefundStatus
from .fees import LicencePeriod
from .holders import DisabledPerson
from .vehicles import Vehicle


class RefundRequest(models.Model):
    """A request to refund the difference of full fees paid while eligible (BADGE-37 to 42).

    Due three months after the request (BADGE-41). For a financial lease the reason is 08 and
    both identity fields carry the disabled person's number (BADGE-42)."""

    REASON_FINANCIAL_LEASE = "08"

    person = models.ForeignKey(DisabledPerson, on_delete=models.PROTECT, related_name="refunds")
    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT, related_name="refunds")
    kind = models.CharField(_("kind"), max_length=20, choices=RefundKind.choices)
    owner_relation = models.CharField(
        _("registered to"), max_length=10, choices=OwnerRelation.choices
    )
    disabled_national_id = models.CharField(_("disabled person's identity number"), max_length=9)
    owner_national_id = models.CharField(_("owner's identity number"), max_length=9)
    requested_on = models.DateField(_("requested on"))
    due_on = models.DateField(_("to be paid by"), db_index=True)
    approving_body = models.CharField(
        _("determined by"), max_length=30, choices=ApprovalSource.choices
    )
    approval_date = models.DateField(_("approved on (determining date)"))
    earlier_recognition_date = models.DateField(
        _("earlier National Insurance / Ministry of Health recognition"), null=True, blank=True
    )
    disability_start = models.DateField(_("disability started on"), null=True, blank=True)
    ownership_date = models.DateField(_("owner since"))
    lease_from = models.DateField(_("lease from"), null=True, blank=True)
    lease_until = models.DateField(_("lease until"), null=True, blank=True)
    lease_documents_checked = models.BooleanField(
        _("purchase contract copied, company letter and identity document checked"), default=False
    )
    determining_date = models.DateField(_("determining date"), null=True, blank=True)
    total = MoneyField(_("refund (NIS)"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RefundStatus.choices,
        default=RefundStatus.OPEN,
        db_index=True,
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("refund request")
        verbose_name_plural = _("refund requests")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["status", "due_on"]),
            # The fee desk's refund queue (BADGE-41): waiting ones by the day they are due.
            models.Index(
                fields=["due_on", "id"],
                condition=Q(status__in=["open", "approved"]),
                name="badge_refund_open_due_idx",
            ),
        ]

    def __str__(self):
        return _("Refund #%(id)s — %(vehicle)s") % {"id": self.pk, "vehicle": self.vehicle}

    @property
    def reason_code(self) -> str:
        return self.REASON_FINANCIAL_LEASE if self.kind == RefundKind.FINANCIAL_LEASE else ""


class RefundLine(models.Model):
    """Days of one licence period refunded by a request, and the amount (BADGE-40, BADGE-41)."""

    request = models.ForeignKey(RefundRequest, on_delete=models.CASCADE, related_name="lines")
    licence_period = models.ForeignKey(
        LicencePeriod, on_delete=models.PROTECT, related_name="refund_lines"
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    days = models.PositiveIntegerField(_("days"))
    amount_paid = MoneyField(_("paid (NIS)"))
    reduced_fee = MoneyField(_("reduced fee (NIS)"))
    amount = MoneyField(_("refund (NIS)"))

    class Meta:
        verbose_name = _("refund line")
        verbose_name_plural = _("refund lines")
        ordering = ["start", "id"]

    def __str__(self):
        return f"{self.start:%d/%m/%Y}–{self.end:%d/%m/%Y}: {self.amount}"


def refund_document_path(instance, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"parking_badges/refunds/{uuid.uuid4().hex}{suffix}"


class RefundDocument(models.Model):
    """A document a citizen sent with a refund request online (issue 15, BADGE-37): the licence
    receipts of the periods paid in full, an ownership document; checked by content."""

    refund = models.ForeignKey(RefundRequest, on_delete=models.PROTECT, related_name="documents")
    file = models.FileField(_("file"), upload_to=refund_document_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("checked file type"), max_length=50)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document of a refund request")
        verbose_name_plural = _("documents of refund requests")
        ordering = ["id"]

    def __str__(self):
        return self.original_name
