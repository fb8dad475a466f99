"""The holder's file (the disabled-persons file) and the approvals of eligibility."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from taxportal.model_fields import MobilePhoneField
from taxportal.validators import validate_national_id

from ..choices import ApprovalSource, EligibilityGround


class DisabledPerson(models.Model):
    """The disabled-persons file (קובץ נכים): one row per holder, keyed by identity number."""

    national_id = models.CharField(
        _("identity number"), max_length=9, unique=True, validators=[validate_national_id]
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    born_on = models.DateField(_("date of birth"), null=True, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=7, blank=True)
    phone = MobilePhoneField(_("mobile phone"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    has_guardian_of_person = models.BooleanField(_("has a guardian of the person"), default=False)
    died_on = models.DateField(_("date of death"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()
    # Set by services before a save: django-simple-history records why, and who, with it.
    _change_reason: Any
    _history_user: Any

    class Meta:
        verbose_name = _("badge holder")
        verbose_name_plural = _("badge holders")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return f"{self.full_name} ({self.national_id})"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class EligibilityApproval(models.Model):
    """An approval that the person is disabled for a badge (BADGE-6), with its validity.

    `approved_on` is the determining date a refund is counted from (BADGE-39);
    `disability_started_on` is the start of the disability the approval recognises (BADGE-40).
    `valid_until` empty means a permanent approval. Each approval keeps its real source, the
    source's own decision date and reference, and its document (BADGE-6).
    """

    person = models.ForeignKey(DisabledPerson, on_delete=models.PROTECT, related_name="approvals")
    source = models.CharField(_("approved by"), max_length=30, choices=ApprovalSource.choices)
    ground = models.CharField(
        _("eligibility ground"), max_length=20, choices=EligibilityGround.choices, blank=True
    )
    approved_on = models.DateField(_("approved on"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    disability_started_on = models.DateField(_("disability started on"), null=True, blank=True)
    disability_percent = models.PositiveSmallIntegerField(
        _("disability percentage"), null=True, blank=True
    )
    reference = models.CharField(_("reference of the approving body"), max_length=50, blank=True)
    # BADGE-6: the approving body's own decision date and letter (empty for the department
    # doctor, whose decision is the approval).
    source_decided_on = models.DateField(
        _("decided by the approving body on"), null=True, blank=True
    )
    document = models.ForeignKey(
        "MedicalDocument",
        verbose_name=_("approval document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    application = models.ForeignKey(
        "BadgeApplication",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approvals",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("eligibility approval")
        verbose_name_plural = _("eligibility approvals")
        ordering = ["-approved_on", "-id"]

    def __str__(self):
        return f"{self.get_source_display()} {self.approved_on:%d/%m/%Y} — {self.person}"
