"""Importer declarations (forms 138 and 138א), their findings, status history and documents
(CUS-27, CUS-28, CUS-31 to CUS-35, CUS-39 to CUS-50)."""

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from taxportal.model_fields import SaidTextField

from ..choices import ActorKind, DeclarationForm, DeclarationStatus, DocumentKind, Incoterm
from .entries import CURRENCY, Entry
from .parties import CustomsAgent, CustomsHouse, Importer
from .suppliers import Supplier

FINAL_STATUSES = [DeclarationStatus.CANCELLED, DeclarationStatus.EXPIRED]
# The statuses the valuer's queue shows unless others are asked for (selectors.QUEUE_DEFAULT).
QUEUE_STATUSES = [
    DeclarationStatus.NOT_HANDLED,
    DeclarationStatus.CORRECTION_AWAITING,
    DeclarationStatus.PRICE_SUSPECTED,
    DeclarationStatus.MISC_CORRECTION_AWAITING,
]


class ImporterDeclaration(models.Model):
    """One importer–supplier declaration: its logical data (as entered) and its state. The
    number is the primary key. Statuses change only through the services."""

    form = models.CharField(_("form"), max_length=4, choices=DeclarationForm.choices)
    importer = models.ForeignKey(Importer, on_delete=models.PROTECT, related_name="declarations")
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="declarations")
    agent = models.ForeignKey(
        CustomsAgent, on_delete=models.PROTECT, related_name="declarations", verbose_name=_("agent")
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered"), auto_now_add=True)
    entered_on = models.DateField(_("entered on"))
    valid_until = models.DateField(_("valid until (exclusive)"))
    entry = models.OneToOneField(
        Entry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entry_declaration",
        verbose_name=_("entry (form 138א)"),
    )
    # The logical declaration: the terms of the business relationship (form 138's fields are
    # not in the source; these follow the grounds of section 132 that part 2.2 checks).
    currency = models.CharField(_("invoice currency"), max_length=3, validators=[CURRENCY])
    incoterm = models.CharField(_("delivery terms"), max_length=3, choices=Incoterm.choices)
    payment_terms = models.CharField(_("payment terms"), max_length=200)
    related_parties = models.BooleanField(_("importer and supplier are related"), default=False)
    relationship_details = models.TextField(_("the relationship"), blank=True)
    exclusive_distributor = models.BooleanField(_("exclusive distributor"), default=False)
    royalties_payable = models.BooleanField(_("royalties or licence fees payable"), default=False)
    proceeds_to_supplier = models.BooleanField(
        _("part of the resale proceeds goes to the supplier"), default=False
    )
    restrictions_on_use = models.BooleanField(_("restrictions on the goods' use"), default=False)
    conditions_on_price = models.BooleanField(
        _("conditions or consideration affecting the price"), default=False
    )
    signatory_name = models.CharField(_("signed by"), max_length=120)
    signed_on = models.DateField(_("signed on"))

    status = models.PositiveSmallIntegerField(
        _("declaration status"),
        choices=DeclarationStatus.choices,
        default=DeclarationStatus.NOT_HANDLED,
    )
    status_reason = SaidTextField(_("reason"), blank=True)
    status_set_at = models.DateTimeField(_("status set"), null=True, blank=True)
    last_valuer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("valuer who set the last status"),
    )
    checked_at = models.ForeignKey(
        CustomsHouse,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked at customs house"),
    )
    # CUS-45: what the agent was last sent (4 is shown as 2, and 4 -> 2 sends nothing).
    agent_status = models.PositiveSmallIntegerField(
        choices=DeclarationStatus.choices, default=DeclarationStatus.NOT_HANDLED
    )
    agent_status_at = models.DateTimeField(null=True, blank=True)
    agent_reason = SaidTextField(blank=True)
    # CUS-28(b): day 0 of this handling, and the date from whose 00:00 the pair is blocked.
    count_started_on = models.DateField(_("day 0 of the 21 days"), null=True, blank=True)
    blocked_from = models.DateField(_("blocked from"), null=True, blank=True)
    # CUS-50: a declaration at 6 replaced by a new one.
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )
    closed_at = models.DateTimeField(_("closed as replaced"), null=True, blank=True)
    # CUS-33, CUS-46: the physical original.
    original_entry = models.ForeignKey(
        Entry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="originals",
        verbose_name=_("entry the original is attached to"),
    )
    original_delivered_at = models.DateTimeField(_("original delivered"), null=True, blank=True)
    original_received_at = models.DateTimeField(_("original received"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("importer declaration")
        verbose_name_plural = _("importer declarations")
        ordering = ["-entered_at", "-id"]
        indexes = [
            models.Index(
                fields=["importer", "supplier"],
                condition=Q(closed_at__isnull=True) & ~Q(status__in=FINAL_STATUSES),
                name="cusdecl_decl_open_pair",
            ),
            models.Index(fields=["agent", "entered_at"], name="cusdecl_decl_agent"),
            models.Index(fields=["status", "entered_at"], name="cusdecl_decl_status"),
            models.Index(
                fields=["blocked_from"],
                condition=Q(blocked_from__isnull=False, closed_at__isnull=True),
                name="cusdecl_decl_blocked_from",
            ),
            models.Index(
                fields=["valid_until"],
                condition=Q(closed_at__isnull=True)
                & ~Q(status__in=[DeclarationStatus.APPROVED, *FINAL_STATUSES]),
                name="cusdecl_decl_expiry",
            ),
            # The valuer's queue (selectors.staff.queue_rows), each part read in this order
            # (PostgreSQL puts the nulls last in an ascending index, as the queue does).
            models.Index(
                fields=["blocked_from", "entered_at", "id"],
                condition=Q(closed_at__isnull=True, status__in=QUEUE_STATUSES),
                name="cusdecl_decl_queue",
            ),
            # The queue's first part, the pairs blocked today: of the queue's statuses only
            # CORRECTION_AWAITING counts (rules.COUNTING), so the part is read in order from
            # here instead of passing over the queue's other statuses in the index above.
            models.Index(
                fields=["blocked_from", "entered_at", "id"],
                condition=Q(closed_at__isnull=True, status=DeclarationStatus.CORRECTION_AWAITING),
                name="cusdecl_decl_overdue",
            ),
        ]

    def __str__(self):
        return f"{self.pk} ({self.get_form_display()})"

    @property
    def number(self) -> int:
        return self.pk


class DeclarationFinding(models.Model):
    """CUS-28(a): a problem the valuer found, with its reason. Only the first open one by the
    priority 8, 7, 6, 5, 4, 10 is sent; the others wait on the declaration."""

    declaration = models.ForeignKey(
        ImporterDeclaration, on_delete=models.CASCADE, related_name="findings"
    )
    code = models.PositiveSmallIntegerField(_("problem"), choices=DeclarationStatus.choices)
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["recorded_at", "id"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        indexes = [
            models.Index(
                fields=["declaration"],
                condition=Q(resolved_at__isnull=True),
                name="cusdecl_finding_open",
            )
        ]

    def __str__(self):
        return f"{self.declaration_id}: {self.code}"


class DeclarationStatusChange(models.Model):
    """Each declaration code set: who (or the system), when, from, to, why; and what the agent
    was sent (nothing for 4 -> 2, 2 for 4)."""

    declaration = models.ForeignKey(
        ImporterDeclaration, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.PositiveSmallIntegerField(choices=DeclarationStatus.choices, null=True)
    to_status = models.PositiveSmallIntegerField(choices=DeclarationStatus.choices)
    sent_to_agent = models.PositiveSmallIntegerField(choices=DeclarationStatus.choices, null=True)
    actor_kind = models.CharField(max_length=10, choices=ActorKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    reason = SaidTextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("declaration status change")
        verbose_name_plural = _("declaration status changes")

    def __str__(self):
        return f"{self.declaration_id}: {self.from_status} -> {self.to_status}"


def document_path(instance, filename):
    return f"customs/declarations/{instance.declaration_id}/{filename}"


class DeclarationDocument(models.Model):
    """A scan the agent uploaded: the signed original, the invoice, or a document asked for.
    A replaced original is marked cancelled (CUS-27, 6), never deleted."""

    declaration = models.ForeignKey(
        ImporterDeclaration, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("document"), max_length=20, choices=DocumentKind.choices)
    file = models.FileField(
        _("file"),
        upload_to=document_path,
        validators=[FileExtensionValidator(["pdf", "jpg", "jpeg", "png"])],
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("declaration document")
        verbose_name_plural = _("declaration documents")

    def __str__(self):
        return self.get_kind_display()
