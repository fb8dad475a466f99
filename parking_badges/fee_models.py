"""The money side of the badge procedure (BADGE-31 to BADGE-51): the fee schedule, licence
periods paid, reduced-fee exemptions, fee differences and restriction 16, ownership transfers,
refunds, importers' vehicle files and the enforcement files for authorities.

Imported at the end of `models.py`; statuses change only through `fee_services`.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .fee_rules import FeeContext, OwnerRelation
from .models import ApprovalSource, DisabledPerson, Vehicle


class FeeScheduleEntry(models.Model):
    """An amount of the fee schedule (BADGE-32), in force from a date, for one context.
    Administrators keep it in the admin; the loader only adds entries that are missing."""

    context = models.CharField(_("context"), max_length=30, choices=FeeContext.choices)
    amount = models.DecimalField(_("amount (NIS)"), max_digits=10, decimal_places=2)
    effective_from = models.DateField(_("in force from"))
    effective_until = models.DateField(_("in force until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fee schedule entry")
        verbose_name_plural = _("fee schedule")
        ordering = ["context", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["context", "effective_from"], name="fee_schedule_one_entry_per_start"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="fee_schedule_amount_positive"),
            models.CheckConstraint(
                condition=Q(effective_until__isnull=True)
                | Q(effective_until__gte=F("effective_from")),
                name="fee_schedule_until_after_from",
            ),
        ]

    def __str__(self):
        return f"{self.get_context_display()}: {self.amount} ({self.effective_from:%d/%m/%Y})"


class LicencePeriod(models.Model):
    """A licence period a vehicle paid for: the refunds (BADGE-37) and differences (BADGE-34)
    are counted over these. `regular_annual_fee` is the vehicle group's full annual fee."""

    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT, related_name="licence_periods")
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    tariff_code = models.CharField(_("tariff code"), max_length=2, blank=True)
    amount_paid = models.DecimalField(_("amount paid (NIS)"), max_digits=10, decimal_places=2)
    regular_annual_fee = models.DecimalField(
        _("regular annual fee (NIS)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)

    class Meta:
        verbose_name = _("licence period")
        verbose_name_plural = _("licence periods")
        ordering = ["vehicle", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["vehicle", "valid_from"], name="licence_period_one_per_start"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__gte=F("valid_from")), name="licence_period_dates_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.vehicle} {self.valid_from:%d/%m/%Y}–{self.valid_until:%d/%m/%Y}"


class LicenceDispatch(models.Model):
    """The monthly licence dispatch of a vehicle whose disability validity ended (BADGE-50):
    the licence goes out at the regular tariff and fee. One per vehicle and month, so running
    the job again records nothing more. `regular_annual_fee` is the vehicle group's full fee
    as its last licence period shows it (empty when no period was ever recorded)."""

    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT, related_name="dispatches")
    month = models.DateField(_("dispatch month"))
    tariff_code = models.CharField(_("tariff code"), max_length=2)
    regular_annual_fee = models.DecimalField(
        _("regular annual fee (NIS)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    reason = models.CharField(_("reason"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("licence dispatch at the regular fee")
        verbose_name_plural = _("licence dispatches at the regular fee")
        ordering = ["-month", "vehicle"]
        constraints = [
            models.UniqueConstraint(
                fields=["vehicle", "month"], name="licence_dispatch_once_a_month"
            )
        ]

    def __str__(self):
        return f"{self.vehicle} {self.month:%m/%Y} ({self.tariff_code})"


class ExemptionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the old vehicle's difference")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class ReducedFeeExemption(models.Model):
    """The one vehicle of a disabled person that pays the reduced fee (BADGE-31, BADGE-33).
    The database allows one active and one pending exemption per person, so two clerks cannot
    give a second vehicle the exemption at the same moment."""

    person = models.ForeignKey(DisabledPerson, on_delete=models.PROTECT, related_name="exemptions")
    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT, related_name="exemptions")
    owner_relation = models.CharField(
        _("registered to"), max_length=10, choices=OwnerRelation.choices
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ExemptionStatus.choices, db_index=True
    )
    started_on = models.DateField(_("exempt from"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=200, blank=True)
    awaiting_difference = models.ForeignKey(
        "FeeDifference",
        verbose_name=_("starts when this difference is paid"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exemptions_awaiting",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reduced-fee exemption")
        verbose_name_plural = _("reduced-fee exemptions")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status="active"),
                name="one_exempt_vehicle_per_person",
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status="pending"),
                name="one_pending_exemption_per_person",
            ),
            models.UniqueConstraint(
                fields=["vehicle"],
                condition=Q(status__in=["active", "pending"]),
                name="one_exemption_per_vehicle",
            ),
        ]

    def __str__(self):
        return f"{self.vehicle} — {self.person}"


class DifferenceCause(models.TextChoices):
    TRANSFER = "transfer", _("Ownership transferred from a disabled owner")
    EXEMPTION_MOVED = "exemption_moved", _("Exemption moved to another vehicle")


class DifferenceStatus(models.TextChoices):
    OPEN = "open", _("Open: restriction 16")
    PAID = "paid", _("Paid")


class FeeDifference(models.Model):
    """A fee difference raised on a vehicle (BADGE-33, BADGE-34): a new licence (or a duplicate)
    carrying it; restriction 16 stays on the vehicle until it is paid."""

    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT, related_name="fee_differences")
    licence_period = models.ForeignKey(
        LicencePeriod, on_delete=models.PROTECT, related_name="fee_differences"
    )
    cause = models.CharField(_("cause"), max_length=20, choices=DifferenceCause.choices)
    from_date = models.DateField(_("owed from"))
    regular_annual_fee = models.DecimalField(
        _("regular annual fee (NIS)"), max_digits=10, decimal_places=2
    )
    amount = models.DecimalField(_("difference (NIS)"), max_digits=10, decimal_places=2)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DifferenceStatus.choices,
        default=DifferenceStatus.OPEN,
        db_index=True,
    )
    raised_on = models.DateField(_("raised on"))
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=50, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fee difference")
        verbose_name_plural = _("fee differences")
        ordering = ["-raised_on", "-id"]

    def __str__(self):
        return f"{self.vehicle}: {self.amount} ({self.get_status_display()})"


class TransferCause(models.TextChoices):
    SALE = "sale", _("Sale or gift")
    DEATH = "death", _("The disabled owner died")


class TransferFeePayer(models.TextChoices):
    """BADGE-36: the Division takes no position; the clerk records what the parties agreed."""

    SELLER = "seller", _("The seller")
    BUYER = "buyer", _("The buyer")


class OwnershipTransfer(models.Model):
    """A change of ownership from a disabled owner to someone who is not (BADGE-34 to 36)."""

    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT, related_name="transfers")
    seller = models.ForeignKey(
        DisabledPerson, on_delete=models.PROTECT, related_name="transfers_as_seller"
    )
    cause = models.CharField(
        _("cause"), max_length=10, choices=TransferCause.choices, default=TransferCause.SALE
    )
    buyer_national_id = models.CharField(_("buyer's identity number"), max_length=9)
    buyer_name = models.CharField(_("buyer's name"), max_length=200)
    buyer_phone = models.CharField(_("buyer's mobile phone"), max_length=20, blank=True)
    buyer_email = models.EmailField(_("buyer's e-mail"), blank=True)
    transferred_on = models.DateField(_("transfer date"))
    transfer_fee_payer = models.CharField(
        _("who pays the transfer fee"), max_length=10, choices=TransferFeePayer.choices
    )
    fee_difference = models.OneToOneField(
        FeeDifference,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transfer",
    )
    parties_notified_at = models.DateTimeField(_("parties told at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ownership transfer")
        verbose_name_plural = _("ownership transfers")
        ordering = ["-transferred_on", "-id"]

    def __str__(self):
        return f"{self.vehicle}: {self.seller.national_id} → {self.buyer_national_id}"


class RefundKind(models.TextChoices):
    OWNER = "owner", _("Full fee paid while eligible")
    FINANCIAL_LEASE = "financial_lease", _("Financial lease (reason 08)")


class RefundStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a decision")
    APPROVED = "approved", _("Approved, to be paid")
    PAID = "paid", _("Paid")
    REJECTED = "rejected", _("Rejected")


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
    total = models.DecimalField(
        _("refund (NIS)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
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
        indexes = [models.Index(fields=["status", "due_on"])]

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
    amount_paid = models.DecimalField(_("paid (NIS)"), max_digits=10, decimal_places=2)
    reduced_fee = models.DecimalField(_("reduced fee (NIS)"), max_digits=10, decimal_places=2)
    amount = models.DecimalField(_("refund (NIS)"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("refund line")
        verbose_name_plural = _("refund lines")
        ordering = ["start", "id"]

    def __str__(self):
        return f"{self.start:%d/%m/%Y}–{self.end:%d/%m/%Y}: {self.amount}"


class EntitlementSource(models.TextChoices):
    NATIONAL_INSURANCE = "national_insurance", _("National Insurance")
    MINISTRY_OF_DEFENCE = "ministry_of_defence", _("Ministry of Defence")


class ImporterFileStatus(models.TextChoices):
    WITH_CUSTOMS = "with_customs", _("Forms sent to Customs")
    RELEASED = "released", _("Released by Customs")
    CLOSED = "closed", _("Vehicle file closed")


class TariffOutcome(models.TextChoices):
    PENDING = "pending", _("Not decided yet")
    APPROVED = "approved", _("Tariff 06 approved")
    DIFFERENCE_REQUIRED = "difference", _("Refused: another vehicle is exempt (pay the difference)")
    NOT_ELIGIBLE = "not_eligible", _("Refused: not entitled to the reduced fee")


class ImporterVehicleFile(models.Model):
    """An importer's file for a new vehicle bought by an exempt disabled buyer (BADGE-43 to
    BADGE-46). The buyer's number goes in the 5th "additional owners" row, i.e. the vehicle's
    `reported_disabled_national_id`; the file must be closed within 48 hours of opening."""

    vehicle = models.OneToOneField(Vehicle, on_delete=models.PROTECT, related_name="importer_file")
    buyer_national_id = models.CharField(_("buyer's identity number"), max_length=9)
    buyer_name = models.CharField(_("buyer's name"), max_length=200)
    importer_name = models.CharField(_("importer"), max_length=200)
    entitlement_source = models.CharField(
        _("entitlement form from"), max_length=30, choices=EntitlementSource.choices
    )
    entitlement_originals = models.BooleanField(
        _("two signed originals of the entitlement form received"), default=False
    )
    previous_rights_unsettled = models.BooleanField(
        _("rights on a previous vehicle not yet settled with Customs"), default=False
    )
    previous_rights_receipt = models.BooleanField(
        _("receipt for the previous vehicle's rights received"), default=False
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ImporterFileStatus.choices,
        default=ImporterFileStatus.WITH_CUSTOMS,
        db_index=True,
    )
    opened_at = models.DateTimeField(_("opened at"))
    close_by = models.DateTimeField(_("to be closed by"), db_index=True)
    customs_released_on = models.DateField(_("released by Customs on"), null=True, blank=True)
    customs_reference = models.CharField(_("Customs release reference"), max_length=50, blank=True)
    tariff_outcome = models.CharField(
        _("tariff 06"), max_length=20, choices=TariffOutcome.choices, default=TariffOutcome.PENDING
    )
    tariff_refusal_reasons = models.TextField(_("why tariff 06 was refused"), blank=True)
    printed_licence_amount = models.DecimalField(
        _("amount printed on the licence (NIS)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
    )
    two_vehicles_notice_given = models.BooleanField(
        _("buyer told to report the new vehicle (two vehicles on the badge)"), default=False
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("importer vehicle file")
        verbose_name_plural = _("importer vehicle files")
        ordering = ["close_by", "id"]

    def __str__(self):
        return f"{self.vehicle} — {self.buyer_national_id}"


class EnforcementAuthority(models.Model):
    """A municipal or police authority that may receive the enforcement file (BADGE-51) only
    once approved under the Privacy Protection Law; its users download it."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    privacy_approved = models.BooleanField(
        _("approved under the Privacy Protection Law"), default=False
    )
    approval_reference = models.CharField(_("approval reference"), max_length=100, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("users who download"),
        blank=True,
        related_name="enforcement_authorities",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("enforcement authority")
        verbose_name_plural = _("enforcement authorities")
        ordering = ["name"]

    def __str__(self):
        return self.name


class EnforcementFile(models.Model):
    """The month's file of vehicle numbers with approved badges and the last issue date."""

    month = models.DateField(_("month"), unique=True)
    content = models.TextField(_("content"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    vehicle_count = models.PositiveIntegerField(_("vehicles"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("enforcement file")
        verbose_name_plural = _("enforcement files")
        ordering = ["-month"]

    def __str__(self):
        return f"{self.month:%m/%Y} ({self.vehicle_count})"


class EnforcementDownload(models.Model):
    """Each download of an enforcement file, by whom and for which authority (BADGE-51)."""

    file = models.ForeignKey(EnforcementFile, on_delete=models.PROTECT, related_name="downloads")
    authority = models.ForeignKey(
        EnforcementAuthority, on_delete=models.PROTECT, related_name="downloads"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    downloaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("enforcement file download")
        verbose_name_plural = _("enforcement file downloads")
        ordering = ["-downloaded_at"]

    def __str__(self):
        return f"{self.file} — {self.authority} — {self.user}"
