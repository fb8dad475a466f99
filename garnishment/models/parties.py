"""Third parties that answer electronic garnishment orders, the authorities that serve them,
their arrangements and the users who act for each (GAR-1 to GAR-4, GAR-16, GAR-17)."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from taxportal.validators import validate_company_number, validate_national_id

from ..choices import AuthorityKind
from ..rules import DEFAULT_PAYMENT_TERM_DAYS, entitled_from


class ThirdParty(models.Model):
    """A body served garnishment orders (a bank, a card company, an insurer) and its request
    to be recognised for electronic service (GAR-1 to GAR-4)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Recognition requested")
        PUBLISHED = "published", _("Published as served electronically")
        REVOKED = "revoked", _("No longer served electronically")

    class ServiceStop(models.TextChoices):
        REPORTED = "reported", _("The third party's own report")
        REVOKED = "revoked", _("The director's revocation")

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
    service_stopped_by = models.CharField(
        _("service stopped by"), max_length=20, choices=ServiceStop.choices, blank=True
    )
    changes_to_review = models.JSONField(
        _("details changed since the director's review"),
        default=list,
        blank=True,
        help_text=_(
            "A published third party that replaces its security officer or form 1 keeps its "
            "recognition while the director reviews the change (GAR-3)."
        ),
    )
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

    # Replacing any of these goes back to the director's review (GAR-3); contact details do not.
    REVIEWED_DETAILS = (
        "security_officer_name",
        "security_officer_national_id",
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

    Kind = AuthorityKind

    code = models.CharField(
        _("code"), max_length=20, unique=True, help_text=_("As written in the report lines.")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    commencement_on = models.DateField(
        _("commencement date"),
        null=True,
        blank=True,
        help_text=_(
            "Orders received before this date are not billable (GAR-17): 3 months after the "
            "regulations' publication for a local authority, 6 months for any other, unless "
            "overridden with a reason."
        ),
    )
    commencement_override_reason = models.TextField(
        _("why the commencement date is not the derived one"), blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("serving authority")
        verbose_name_plural = _("serving authorities")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def commencement_overridden(self) -> bool:
        return bool(self.commencement_override_reason)


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
