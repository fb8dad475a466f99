"""Applications and appeals, their medical documents and the department doctor's decisions
(BADGE-7 to BADGE-10).
"""

import uuid
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from taxportal.model_fields import SaidCharField

from ..choices import (
    ApplicationChannel,
    ApplicationKind,
    ApplicationStatus,
    ApprovalSource,
    DecisionOutcome,
    EligibilityGround,
    EvidenceKind,
    FamilyRelation,
    VehicleGround,
)
from .holders import DisabledPerson


class BadgeApplication(models.Model):
    """An application for a badge (BADGE-7) or an appeal against a rejection (BADGE-9).

    An answer is due 90 days after `material_received_on` (BADGE-8). Each step is dated.
    """

    person = models.ForeignKey(
        DisabledPerson, on_delete=models.PROTECT, related_name="applications"
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=ApplicationKind.choices, default=ApplicationKind.NEW
    )
    appeal_of = models.ForeignKey(
        "self",
        verbose_name=_("appeal against"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals",
    )
    source = models.CharField(
        _("source of the approval"),
        max_length=30,
        choices=ApprovalSource.choices,
        default=ApprovalSource.DEPARTMENT_DOCTOR,
    )
    # BADGE-6: an approval of another body (National Insurance, the Ministries of Defence,
    # Finance, Health...) comes with that body's own decision date and letter.
    source_decided_on = models.DateField(_("the approving body decided on"), null=True, blank=True)
    source_reference = models.CharField(
        _("the approving body's reference"), max_length=50, blank=True
    )
    source_document = models.ForeignKey(
        "MedicalDocument",
        verbose_name=_("the approving body's letter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ground = models.CharField(
        _("eligibility ground"), max_length=20, choices=EligibilityGround.choices
    )
    material_received_on = models.DateField(_("material received on"))
    # Issue 15: sent online by the citizen (then `received_by` is the citizen) or recorded at
    # the department's desk; the same service receives both into the same queue.
    channel = models.CharField(
        _("received"),
        max_length=10,
        choices=ApplicationChannel.choices,
        default=ApplicationChannel.DESK,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.RECEIVED,
        db_index=True,
    )
    sent_to_doctor_on = models.DateField(_("sent to the doctor on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    info_due_on = models.DateField(_("more information by"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    close_reason = models.CharField(_("why it was closed"), max_length=300, blank=True)
    institute_referred_on = models.DateField(
        _("referred to the Medical Institute for Road Safety on"), null=True, blank=True
    )
    institute_answer = models.TextField(_("Medical Institute's answer"), blank=True)
    institute_answered_on = models.DateField(
        _("Medical Institute answered on"), null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # BADGE-55: the one-time value of the form page it was sent from; the same form sent twice
    # records one application.
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()
    # Set by services before a save: django-simple-history records why, and who, with it.
    _change_reason: Any
    _history_user: Any

    class Meta:
        verbose_name = _("badge application")
        verbose_name_plural = _("badge applications")
        ordering = ["material_received_on", "id"]
        indexes = [
            models.Index(fields=["status", "material_received_on"]),
            # The clerks' queue (BADGE-8) in the order of the answer due, and the doctor's queue
            # (BADGE-10) in the order sent: a page is read from the index, whatever the size.
            models.Index(
                fields=["material_received_on", "id"],
                condition=Q(status__in=["received", "with_doctor", "info_requested"]),
                name="badge_app_open_due_idx",
            ),
            models.Index(
                fields=["sent_to_doctor_on", "id"],
                condition=Q(status="with_doctor"),
                name="badge_app_doctor_idx",
            ),
            # The clerks' "Medical Institute" list (BADGE-10) in its order, from the referred
            # cases only: not a scan of every application on each load of the queue. DESC puts
            # the unanswered (NULL) first in PostgreSQL, as the list's NULLS FIRST asks; SQLite
            # refuses NULLS FIRST in an index.
            models.Index(
                F("institute_answered_on").desc(),
                F("institute_referred_on"),
                condition=Q(institute_referred_on__isnull=False),
                name="badge_app_referred_idx",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk} — {self.person}"


def medical_document_path(instance, filename: str) -> str:
    """Unguessable names: the files are served only through the clerks' and doctor's view."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"parking_badges/medical/{uuid.uuid4().hex}{suffix}"


class MedicalDocument(models.Model):
    """A current medical document sent with an application (BADGE-7); kept, never deleted."""

    application = models.ForeignKey(
        BadgeApplication, on_delete=models.PROTECT, related_name="documents"
    )
    file = models.FileField(_("file"), upload_to=medical_document_path)
    original_name = models.CharField(_("file name"), max_length=255)
    # The type its content was checked to be (taxportal.uploads); served back only as that.
    content_type = models.CharField(_("checked file type"), max_length=50, blank=True)
    description = SaidCharField(_("description"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("medical document")
        verbose_name_plural = _("medical documents")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name


class MedicalDecision(models.Model):
    """One decision of the department doctor on an application (BADGE-10), dated."""

    application = models.ForeignKey(
        BadgeApplication, on_delete=models.PROTECT, related_name="decisions"
    )
    outcome = models.CharField(_("decision"), max_length=20, choices=DecisionOutcome.choices)
    decided_on = models.DateField(_("decided on"))
    reasons = models.TextField(_("reasons"), blank=True)
    info_requested_until = models.DateField(
        _("more information required until"), null=True, blank=True
    )
    approval_valid_until = models.DateField(
        _("approval valid until (empty: permanent)"), null=True, blank=True
    )
    refer_to_institute = models.BooleanField(
        _("findings bear on fitness to drive: refer to the Medical Institute for Road Safety"),
        default=False,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("doctor's decision")
        verbose_name_plural = _("doctor's decisions")
        ordering = ["decided_on", "id"]

    def __str__(self):
        return f"{self.get_outcome_display()} {self.decided_on:%d/%m/%Y}"


class ApplicationVehicle(models.Model):
    """A vehicle the applicant asks to put on the badge, on its ground (BADGE-19 to BADGE-28),
    with the document proving the ground; the clerk puts it on the holder's file once the
    register confirms it (issue 15: sent online with the application)."""

    application = models.ForeignKey(
        BadgeApplication, on_delete=models.PROTECT, related_name="vehicles"
    )
    number = models.CharField(_("registration number"), max_length=8)
    ground = models.CharField(_("ground"), max_length=20, choices=VehicleGround.choices)
    relation = models.CharField(
        _("relation to the holder"), max_length=10, choices=FamilyRelation.choices, blank=True
    )
    owner_national_id = models.CharField(
        _("identity number of the registered owner"), max_length=9, blank=True
    )
    evidence_kind = models.CharField(
        _("document proving the ground"), max_length=30, choices=EvidenceKind.choices, blank=True
    )
    evidence = models.ForeignKey(
        MedicalDocument,
        verbose_name=_("scanned document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("vehicle asked for in an application")
        verbose_name_plural = _("vehicles asked for in applications")
        ordering = ["id"]

    def __str__(self):
        return f"{self.number} — {self.get_ground_display()}"
