"""Registration for online services: the Authority's records, citizens' profiles, registrations
in progress, and every identity-check attempt (REG-1 to REG-24)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from taxportal.validators import validate_national_id

from .rules import RecordFacts, VatReport


class IdentificationLevel(models.TextChoices):
    """What the identity questions proved; the services decide what each level may see."""

    HIGH = "high", _("High")
    LOW = "low", _("Low")


class Channel(models.TextChoices):
    """Where the user code, passwords and personal messages go (REG-13)."""

    SMS = "sms", _("By SMS to the mobile phone")
    EMAIL = "email", _("By e-mail")


class Action(models.TextChoices):
    """The requested action on the entry page (REG-2)."""

    REGISTER = "register", _("Register")
    RECOVER = "recover", _("Recover user code")
    UPDATE = "update", _("Update contact details and consent to messages")


class TaxpayerRecord(models.Model):
    """What the Authority's systems know about a person, used only to check their answers.

    Loaded from the Authority's systems in production and from fixtures/registration in the demo.
    Multi-valued facts (vehicles, parents, accounts, report codes) are lists of strings.
    """

    national_id = models.CharField(
        _("identity number"), max_length=9, unique=True, validators=[validate_national_id]
    )
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    work_grant_claim_number = models.CharField(
        _("work-grant claim number"), max_length=20, blank=True
    )
    phone_password = models.CharField(_("phone password"), max_length=20, blank=True)
    last_income_tax_refund_amount = models.DecimalField(
        _("amount of the last income-tax refund"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    last_assessment_number = models.CharField(
        _("number of the last tax-assessment notice"), max_length=20, blank=True
    )
    id_issue_date = models.DateField(_("identity card issue date"), null=True, blank=True)
    driving_licence_number = models.CharField(
        _("driving-licence number"), max_length=20, blank=True
    )
    passport_number = models.CharField(_("passport number"), max_length=20, blank=True)
    has_valid_passport = models.BooleanField(_("holds a valid passport"), null=True, blank=True)
    vehicle_numbers = models.JSONField(_("vehicle numbers"), default=list, blank=True)
    parent_national_ids = models.JSONField(_("parents' identity numbers"), default=list, blank=True)
    income_tax_refund_accounts = models.JSONField(
        _("bank accounts of income-tax refunds"), default=list, blank=True
    )
    last_income_tax_advance = models.DecimalField(
        _("last income-tax advance paid"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    vat_refund_accounts = models.JSONField(
        _("bank accounts of VAT refunds"), default=list, blank=True
    )
    last_vat_turnover = models.DecimalField(
        _("last VAT turnover"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    last_vat_report_period = models.PositiveSmallIntegerField(
        _("last VAT report: period (months)"), null=True, blank=True
    )
    last_vat_report_month = models.PositiveSmallIntegerField(
        _("last VAT report: month"), null=True, blank=True
    )
    last_vat_report_year = models.PositiveSmallIntegerField(
        _("last VAT report: year"), null=True, blank=True
    )
    last_vat_report_amount = models.DecimalField(
        _("last VAT report: amount"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    real_estate_report_codes = models.JSONField(
        _("real-estate taxation online report codes"), default=list, blank=True
    )

    class Meta:
        verbose_name = _("taxpayer record")
        verbose_name_plural = _("taxpayer records")

    def __str__(self):
        return self.national_id

    def facts(self) -> RecordFacts:
        """The record as the pure rules read it."""
        vat_report = None
        if self.last_vat_report_year and self.last_vat_report_amount is not None:
            vat_report = VatReport(
                period=self.last_vat_report_period or 1,
                month=self.last_vat_report_month or 0,
                year=self.last_vat_report_year,
                amount=self.last_vat_report_amount,
            )
        return RecordFacts(
            work_grant_claim_number=self.work_grant_claim_number,
            phone_password=self.phone_password,
            last_income_tax_refund_amount=self.last_income_tax_refund_amount,
            last_assessment_number=self.last_assessment_number,
            id_issue_date=self.id_issue_date,
            driving_licence_number=self.driving_licence_number,
            passport_number=self.passport_number,
            has_valid_passport=self.has_valid_passport,
            vehicle_numbers=tuple(self.vehicle_numbers),
            parent_national_ids=tuple(self.parent_national_ids),
            income_tax_refund_accounts=tuple(self.income_tax_refund_accounts),
            last_income_tax_advance=self.last_income_tax_advance,
            vat_refund_accounts=tuple(self.vat_refund_accounts),
            last_vat_turnover=self.last_vat_turnover,
            last_vat_report=vat_report,
            real_estate_report_codes=tuple(self.real_estate_report_codes),
        )


class CitizenProfile(models.Model):
    """A registered citizen: level, hashed user code, contact details and consents."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="citizen_profile"
    )
    level = models.CharField(
        _("identification level"), max_length=10, choices=IdentificationLevel.choices
    )
    user_code_hash = models.CharField(_("user code (hashed)"), max_length=255)
    user_code_issued_at = models.DateTimeField(_("user code issued"), null=True, blank=True)
    mobile = models.CharField(_("mobile phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    channel = models.CharField(_("messages channel"), max_length=10, choices=Channel.choices)
    mobile_verified_at = models.DateTimeField(_("mobile verified"), null=True, blank=True)
    email_verified_at = models.DateTimeField(_("e-mail verified"), null=True, blank=True)
    pending_mobile = models.CharField(
        _("new mobile awaiting verification"), max_length=20, blank=True
    )
    pending_email = models.EmailField(_("new e-mail awaiting verification"), blank=True)
    pending_channel = models.CharField(
        _("new channel awaiting verification"), max_length=10, choices=Channel.choices, blank=True
    )
    consent_sms = models.BooleanField(_("consents to further SMS messages"), default=False)
    consent_email = models.BooleanField(_("consents to further e-mail messages"), default=False)
    terms_accepted_at = models.DateTimeField(_("terms accepted"), null=True, blank=True)
    language = models.CharField(_("language of messages"), max_length=10, default="he")
    registered_at = models.DateTimeField(_("registered"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["user_code_hash"])

    class Meta:
        verbose_name = _("citizen profile")
        verbose_name_plural = _("citizen profiles")

    def __str__(self):
        return self.user.national_id or self.user.get_username()

    def detail_of(self, channel: str) -> str:
        return self.mobile if channel == Channel.SMS else self.email


class Registration(models.Model):
    """One run of register or recover: from the identity questions to the password (REG-17..21).

    The user code is generated by a background task and only its hash is kept.
    """

    class Status(models.TextChoices):
        CODE_PENDING = "code_pending", _("User code being sent")
        CODE_SENT = "code_sent", _("User code sent")
        CODE_CONFIRMED = "code_confirmed", _("User code confirmed")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    class CancelReason(models.TextChoices):
        EXPIRED = "expired", _("The user code was not entered within 30 minutes")
        TOO_MANY_WRONG = "too_many_wrong", _("Too many wrong user-code entries")
        SUPERSEDED = "superseded", _("A newer registration was started")

    national_id = models.CharField(_("identity number"), max_length=9, db_index=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    level = models.CharField(
        _("identification level"), max_length=10, choices=IdentificationLevel.choices
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CODE_PENDING
    )
    cancel_reason = models.CharField(
        _("why cancelled"), max_length=20, choices=CancelReason.choices, blank=True
    )
    mobile = models.CharField(_("mobile phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    channel = models.CharField(_("messages channel"), max_length=10, choices=Channel.choices)
    consent_sms = models.BooleanField(_("consents to further SMS messages"), default=False)
    consent_email = models.BooleanField(_("consents to further e-mail messages"), default=False)
    terms_accepted = models.BooleanField(_("terms accepted"), default=False)
    code_hash = models.CharField(_("user code (hashed)"), max_length=255, blank=True)
    code_created_at = models.DateTimeField(_("user code created"), null=True, blank=True)
    wrong_code_entries = models.PositiveSmallIntegerField(_("wrong user-code entries"), default=0)
    language = models.CharField(_("language"), max_length=10, default="he")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("citizen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["code_hash"])

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_action_display()} {self.national_id} ({self.get_status_display()})"

    @property
    def destination(self) -> str:
        return self.mobile if self.channel == Channel.SMS else self.email


class IdentityAttempt(models.Model):
    """Every answer to the identity questions and every citizen login attempt (REG-11), and
    every unlock by an administrator. Never changed or deleted by hand.

    Failures counted per identity number and per client address decide the lockout.
    """

    class Purpose(models.TextChoices):
        QUESTIONS = "questions", _("Identity questions")
        LOGIN = "login", _("Login")
        UNLOCK = "unlock", _("Unlocked by an administrator")

    class Outcome(models.TextChoices):
        HIGH = "high", _("High level reached")
        LOW = "low", _("Low level reached")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")
        LOCKED = "locked", _("Refused: locked out")
        NOT_POSSIBLE = "not_possible", _("Not possible online: too few facts on record")
        UNLOCKED = "unlocked", _("Unlocked")

    national_id = models.CharField(_("identity number"), max_length=9)
    remote_addr = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    purpose = models.CharField(_("purpose"), max_length=10, choices=Purpose.choices)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices, blank=True)
    outcome = models.CharField(_("outcome"), max_length=15, choices=Outcome.choices)
    occurred_at = models.DateTimeField(_("when"), db_index=True)

    class Meta:
        verbose_name = _("identity attempt")
        verbose_name_plural = _("identity attempts")
        ordering = ["-occurred_at"]
        indexes = [
            models.Index(fields=["national_id", "occurred_at"]),
            models.Index(fields=["remote_addr", "occurred_at"]),
        ]

    def __str__(self):
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.national_id} {self.outcome}"

    @property
    def failed(self) -> bool:
        return self.outcome == self.Outcome.FAILED


class ContactVerification(models.Model):
    """A signed, expiring link sent to one contact channel (REG-21, REG-23)."""

    profile = models.ForeignKey(
        CitizenProfile, on_delete=models.CASCADE, related_name="verifications"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    value = models.CharField(_("mobile or e-mail"), max_length=254)
    language = models.CharField(_("language"), max_length=10, default="he")
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)

    class Meta:
        verbose_name = _("contact verification")
        verbose_name_plural = _("contact verifications")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_channel_display()} {self.value}"


class ContactChange(models.Model):
    """A request to change a citizen's contact details and consents (REG-23).

    Made through the identity questions alone (or logged in below the high level), it is told
    at once to the channel on record, with a link that cancels it, and takes effect 72 hours
    later; until then every message, recovery included, goes where it went. Made logged in at
    the high level, it takes effect at once, new details after their verification link, and the
    channel on record is told too.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting to take effect")
        APPLIED = "applied", _("Applied")
        CANCELLED = "cancelled", _("Cancelled by the citizen")
        SUPERSEDED = "superseded", _("Replaced by a later request")

    class Source(models.TextChoices):
        QUESTIONS = "questions", _("Identity questions")
        LOGGED_IN_LOW = "logged_in_low", _("Logged in at the low level")
        LOGGED_IN_HIGH = "logged_in_high", _("Logged in at the high level")

    profile = models.ForeignKey(
        CitizenProfile,
        verbose_name=_("citizen"),
        on_delete=models.CASCADE,
        related_name="contact_changes",
    )
    source = models.CharField(_("requested through"), max_length=20, choices=Source.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    mobile = models.CharField(_("mobile phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    channel = models.CharField(_("messages channel"), max_length=10, choices=Channel.choices)
    consent_sms = models.BooleanField(_("consents to further SMS messages"), default=False)
    consent_email = models.BooleanField(_("consents to further e-mail messages"), default=False)
    language = models.CharField(_("language"), max_length=10, default="he")
    requested_at = models.DateTimeField(_("requested"))
    effective_at = models.DateTimeField(_("takes effect"), db_index=True)
    told_channel = models.CharField(
        _("told on"), max_length=10, choices=Channel.choices, blank=True
    )
    closed_at = models.DateTimeField(_("applied or cancelled"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact details change")
        verbose_name_plural = _("contact details changes")
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.profile} {self.get_status_display()} {self.effective_at:%Y-%m-%d %H:%M}"
