"""Disabled-parking badges: the holder's file, applications and the doctor's decisions, the
vehicle register the badge rules read, vehicles on the file with their grounds and evidence,
badges (copies, supersession, validity) and the daily print files.

Statuses change only through `parking_badges.services`. The fee, transfer and refund models
(issue 5) live in `fee_models.py`, imported at the end of this module.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from taxportal.validators import validate_national_id

# --- Choices ------------------------------------------------------------------------------


class ApprovalSource(models.TextChoices):
    """BADGE-6: who may approve eligibility."""

    DEPARTMENT_DOCTOR = "department_doctor", _("Department doctor")
    MINISTRY_OF_HEALTH = "ministry_of_health", _("Ministry of Health")
    NATIONAL_INSURANCE = "national_insurance", _("National Insurance")
    MINISTRY_OF_DEFENCE = "ministry_of_defence", _("Ministry of Defence")
    # xgettext:no-python-format
    MINISTRY_OF_FINANCE = "ministry_of_finance", _("Ministry of Finance (100% disability)")
    MINISTRY_OF_LABOUR = "ministry_of_labour", _("Ministry of Labour")


class EligibilityGround(models.TextChoices):
    """BADGE-3: why the person counts as disabled for a badge."""

    BLIND = "blind", _("Blind")
    # xgettext:no-python-format
    DISABILITY_60 = "disability_60", _("At least 60% disabled, travel without a vehicle harmful")
    WHEELCHAIR = "wheelchair", _("Limited in walking, needs a wheelchair")
    LEGS = "legs", _("Needs a vehicle because of their legs")


class ApplicationKind(models.TextChoices):
    NEW = "new", _("Application")
    APPEAL = "appeal", _("Appeal")


class ApplicationStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    WITH_DOCTOR = "with_doctor", _("With the department doctor")
    INFO_REQUESTED = "info_requested", _("More information required")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


OPEN_APPLICATION_STATUSES = (
    ApplicationStatus.RECEIVED,
    ApplicationStatus.WITH_DOCTOR,
    ApplicationStatus.INFO_REQUESTED,
)


class DecisionOutcome(models.TextChoices):
    """BADGE-10: the department doctor's decision."""

    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    INFO_REQUESTED = "info_requested", _("More information required")


class VehicleType(models.TextChoices):
    PRIVATE_CAR = "private_car", _("Private passenger car")
    PRIVATE_DUAL_USE = "private_dual_use", _("Private dual-use car")
    COMMERCIAL = "commercial", _("Commercial vehicle")
    PRIVATE_MINIBUS = "private_minibus", _("Private minibus")
    MOTORCYCLE = "motorcycle", _("Motorcycle")
    TAXI = "taxi", _("Taxi")
    RAISED_BOX_LORRY = "raised_box_lorry", _("Raised-box lorry for the disabled (239)")
    BUS = "bus", _("Bus")
    OTHER = "other", _("Other")


class OwnerKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COMPANY = "company", _("Company")
    LEASING_COMPANY = "leasing_company", _("Leasing company")
    RENTAL_COMPANY = "rental_company", _("Rental company")
    KIBBUTZ = "kibbutz", _("Kibbutz")
    ORGANISATION = "organisation", _("Organisation transporting disabled people")


class VehicleGround(models.TextChoices):
    """BADGE-19 to BADGE-28: why a vehicle may go on the holder's badge."""

    OWNER = "owner", _("Registered to the holder")
    FAMILY = "family", _("Registered to a family member")
    EMPLOYER = "employer", _("Registered to the employer")
    LEASING = "leasing", _("Registered to a leasing company")
    LONG_TERM_RENTAL = "long_term_rental", _("Long-term rental")
    KIBBUTZ = "kibbutz", _("Registered to a kibbutz")
    ORGANISATION = "organisation", _("Organisation transporting disabled people")
    OTHER_DRIVER = "other_driver", _("Registered to another person who drives the holder")
    TAXI = "taxi", _("Taxi owned by the holder")
    RENTAL = "rental", _("Car rented from a rental company")


class FamilyRelation(models.TextChoices):
    """BADGE-20: whose vehicle counts as the family's (also used for an employed relative)."""

    SPOUSE = "spouse", _("Spouse")
    PARTNER = "partner", _("Partner (by affidavit, civil marriage, cohabitation agreement)")
    PARENT = "parent", _("Parent")
    CHILD = "child", _("Son or daughter")


class EvidenceKind(models.TextChoices):
    ID_CARD_RELATION = "id_card_relation", _("Identity card showing the relation")
    PARTNER_PROOF = (
        "partner_proof",
        _("Partner affidavit, civil marriage certificate or cohabitation agreement"),
    )
    EMPLOYER_LETTER = "employer_letter", _("Employer's official letter with logo and stamp")
    LEASING_LETTER = "leasing_letter", _("Leasing company's letter")
    RENTAL_COMPANY_LETTER = "rental_company_letter", _("Rental company's long-term rental letter")
    KIBBUTZ_CONFIRMATION = "kibbutz_confirmation", _("Kibbutz secretariat's confirmation")
    REGISTRAR_CONFIRMATION = "registrar_confirmation", _("Registrar of associations' confirmation")
    ORGANISATION_AFFIDAVIT = (
        "organisation_affidavit",
        _("Affidavit before a lawyer: for transporting disabled people only"),
    )
    DRIVER_DECLARATION = (
        "driver_declaration",
        _("Declaration before a lawyer by the holder and the owner"),
    )
    TAXI_RIGHT_AGREEMENT = (
        "taxi_right_agreement",
        _("Agreement signed by a lawyer with the holder of the taxi right"),
    )
    RENTAL_CONTRACT = "rental_contract", _("Rental contract with logo, signature and stamp")


class VehicleSource(models.TextChoices):
    CLERK = "clerk", _("Recorded by a clerk")
    DAILY_NEW_VEHICLES = "daily_new_vehicles", _("Daily job: new vehicle from an importer")


class BadgeStatus(models.TextChoices):
    ORDERED = "ordered", _("Waiting for the print file")
    SENT_TO_PRINT = "sent_to_print", _("Sent to the printing house")
    SUPERSEDED = "superseded", _("Void: a newer badge was printed")
    CANCELLED = "cancelled", _("Cancelled")


CURRENT_BADGE_STATUSES = (BadgeStatus.ORDERED, BadgeStatus.SENT_TO_PRINT)


class BadgeReason(models.TextChoices):
    """Why a badge was printed (BADGE-12, BADGE-14, BADGE-47, BADGE-52)."""

    NEW = "new", _("New badge")
    VEHICLES_CHANGED = "vehicles_changed", _("Vehicles on the badge changed")
    RENEWAL = "renewal", _("Automatic renewal before expiry")
    LOST = "lost", _("Lost badge")
    STOLEN = "stolen", _("Stolen badge")
    DAMAGED = "damaged", _("Damaged badge")
    VEHICLE_REPLACED = "vehicle_replaced", _("Vehicle replaced")
    OWNERSHIP_CHANGED = "ownership_changed", _("Ownership of a vehicle changed")
    NEW_VEHICLE = "new_vehicle", _("New vehicle from an importer")


REPLACEMENT_REASONS = (
    BadgeReason.LOST,
    BadgeReason.STOLEN,
    BadgeReason.DAMAGED,
    BadgeReason.VEHICLE_REPLACED,
    BadgeReason.OWNERSHIP_CHANGED,
)


# --- The holder and eligibility ------------------------------------------------------------


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
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    has_guardian_of_person = models.BooleanField(_("has a guardian of the person"), default=False)
    died_on = models.DateField(_("date of death"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

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
    `valid_until` empty means a permanent approval.
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


# --- Applications and the department doctor ----------------------------------------------


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
    ground = models.CharField(
        _("eligibility ground"), max_length=20, choices=EligibilityGround.choices
    )
    material_received_on = models.DateField(_("material received on"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.RECEIVED,
        db_index=True,
    )
    sent_to_doctor_on = models.DateField(_("sent to the doctor on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
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
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("badge application")
        verbose_name_plural = _("badge applications")
        ordering = ["material_received_on", "id"]
        indexes = [models.Index(fields=["status", "material_received_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk} — {self.person}"


def medical_document_path(instance, filename: str) -> str:
    """Unguessable names: the files are served only through the clerks' and doctor's view."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"parking_badges/medical/{uuid.uuid4().hex}{suffix}"


def evidence_document_path(instance, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"parking_badges/evidence/{uuid.uuid4().hex}{suffix}"


class MedicalDocument(models.Model):
    """A current medical document sent with an application (BADGE-7); kept, never deleted."""

    application = models.ForeignKey(
        BadgeApplication, on_delete=models.PROTECT, related_name="documents"
    )
    file = models.FileField(_("file"), upload_to=medical_document_path)
    original_name = models.CharField(_("file name"), max_length=255)
    description = models.CharField(_("description"), max_length=200, blank=True)
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


# --- The vehicle register ----------------------------------------------------------------


class Vehicle(models.Model):
    """A vehicle in the licensing register: the reference the badge and fee rules read.

    `tariff_code` is the licence-fee tariff ("06" is the disabled tariff). `registered_on` is
    the day the vehicle entered the register; `reported_disabled_national_id` is the disabled
    buyer an importer reported in the 5th "additional owners" row (BADGE-44, BADGE-47).
    """

    number = models.CharField(_("registration number"), max_length=8, unique=True)
    vehicle_type = models.CharField(_("vehicle type"), max_length=20, choices=VehicleType.choices)
    total_weight_kg = models.PositiveIntegerField(_("total weight (kg)"), null=True, blank=True)
    manufactured_on = models.DateField(_("manufacture date"), null=True, blank=True)
    tariff_code = models.CharField(_("tariff code"), max_length=2, blank=True)
    is_collector = models.BooleanField(_("collector vehicle"), default=False)
    used_for_business = models.BooleanField(_("used for business or trade"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    deactivated_on = models.DateField(_("no longer active since"), null=True, blank=True)
    registered_on = models.DateField(_("entered the register on"), db_index=True)
    reported_disabled_national_id = models.CharField(
        _("disabled buyer reported by the importer"), max_length=9, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vehicle")
        verbose_name_plural = _("vehicles")
        ordering = ["number"]

    def __str__(self):
        return self.number


class VehicleOwner(models.Model):
    """An owner of a vehicle over a period; `owned_until` empty means a current owner."""

    vehicle = models.ForeignKey(Vehicle, on_delete=models.CASCADE, related_name="owners")
    national_id = models.CharField(_("identity or company number"), max_length=9)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("owner kind"), max_length=20, choices=OwnerKind.choices, default=OwnerKind.INDIVIDUAL
    )
    owned_from = models.DateField(_("owner since"))
    owned_until = models.DateField(_("owner until"), null=True, blank=True)

    class Meta:
        verbose_name = _("vehicle owner")
        verbose_name_plural = _("vehicle owners")
        ordering = ["owned_from", "id"]
        indexes = [models.Index(fields=["national_id"])]

    def __str__(self):
        return f"{self.name} ({self.national_id})"


class VehicleRestriction(models.Model):
    """A restriction on a vehicle's licence: a numbered code (76, 60, 61, 62, 11, 16...) or a
    free-text restriction (code empty), e.g. "the vehicle is used for collecting" (BADGE-30)."""

    vehicle = models.ForeignKey(Vehicle, on_delete=models.CASCADE, related_name="restrictions")
    code = models.CharField(_("restriction code"), max_length=4, blank=True)
    free_text = models.CharField(_("free-text restriction"), max_length=200, blank=True)
    recorded_on = models.DateField(_("recorded on"))
    removed_on = models.DateField(_("removed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("vehicle restriction")
        verbose_name_plural = _("vehicle restrictions")
        ordering = ["recorded_on", "id"]

    def __str__(self):
        return self.code or self.free_text


# --- Vehicles on the holder's file -------------------------------------------------------


class BadgeVehicle(models.Model):
    """A vehicle on the holder's file, on its own ground (BADGE-19 to BADGE-28).

    At most two are current (`removed_on` empty); removed ones stay as history (BADGE-25).
    `owner_national_id` is the registered owner the ground rests on (family member, other
    driver, employer...); `relation` says how a family member is related to the holder.
    """

    person = models.ForeignKey(
        DisabledPerson, on_delete=models.PROTECT, related_name="badge_vehicles"
    )
    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT, related_name="badge_entries")
    ground = models.CharField(_("ground"), max_length=20, choices=VehicleGround.choices)
    relation = models.CharField(
        _("relation to the holder"), max_length=10, choices=FamilyRelation.choices, blank=True
    )
    owner_national_id = models.CharField(
        _("identity number of the registered owner"), max_length=9, blank=True
    )
    source = models.CharField(
        _("source"), max_length=20, choices=VehicleSource.choices, default=VehicleSource.CLERK
    )
    added_on = models.DateField(_("added on"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    removed_on = models.DateField(_("removed on"), null=True, blank=True)
    removal_reason = models.CharField(_("reason for removal"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vehicle on a badge")
        verbose_name_plural = _("vehicles on badges")
        ordering = ["added_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "vehicle"],
                condition=Q(removed_on__isnull=True),
                name="badge_vehicle_once_per_holder",
            )
        ]

    def __str__(self):
        return f"{self.vehicle} — {self.get_ground_display()}"


class GroundEvidence(models.Model):
    """A document proving a vehicle's ground (BADGE-20 to BADGE-28), optionally scanned."""

    badge_vehicle = models.ForeignKey(
        BadgeVehicle, on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(_("document"), max_length=30, choices=EvidenceKind.choices)
    document = models.FileField(_("scanned copy"), upload_to=evidence_document_path, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence for a ground")
        verbose_name_plural = _("evidence for grounds")
        ordering = ["id"]

    def __str__(self):
        return self.get_kind_display()


# --- Badges and print files --------------------------------------------------------------


def print_file_path(instance, filename: str) -> str:
    return f"parking_badges/print_files/{filename}"


class PrintFile(models.Model):
    """The day's file for the printing house (BADGE-48); see docs/badge-print-file.md."""

    for_date = models.DateField(_("date"), unique=True)
    format_version = models.PositiveSmallIntegerField(_("format version"))
    file = models.FileField(_("file"), upload_to=print_file_path)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    badge_count = models.PositiveIntegerField(_("badges"))
    created_at = models.DateTimeField(auto_now_add=True)
    downloaded_at = models.DateTimeField(_("first downloaded at"), null=True, blank=True)
    receipt_confirmed_at = models.DateTimeField(_("receipt confirmed at"), null=True, blank=True)
    receipt_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("print file")
        verbose_name_plural = _("print files")
        ordering = ["-for_date"]
        permissions = [("download_print_files", "Download print files (printing house)")]

    def __str__(self):
        return f"{self.for_date:%Y-%m-%d} ({self.badge_count})"


class Badge(models.Model):
    """One print of a holder's badge (BADGE-5). Printing a new one voids the previous one
    (BADGE-14): at most one badge per holder and `slot` is current, enforced by a row lock on
    the holder and by a partial unique index. A holder has one slot; an organisation with more
    than two vehicles has one per pair of vehicles (BADGE-25). What is printed is kept as it
    was printed."""

    person = models.ForeignKey(DisabledPerson, on_delete=models.PROTECT, related_name="badges")
    approval = models.ForeignKey(
        EligibilityApproval, on_delete=models.PROTECT, related_name="badges"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=BadgeStatus.choices,
        default=BadgeStatus.ORDERED,
        db_index=True,
    )
    slot = models.PositiveSmallIntegerField(
        _("badge of the set"),
        default=1,
        help_text=_("An organisation with more than two vehicles has one badge per pair."),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=BadgeReason.choices)
    reason_note = models.CharField(_("details"), max_length=200, blank=True)
    issued_on = models.DateField(_("issue date"), db_index=True)
    valid_until = models.DateField(_("valid until"))
    copies = models.PositiveSmallIntegerField(_("copies"), default=1)
    owners_are_guardians = models.BooleanField(
        _("the vehicles' owners are the holder's guardians"), default=False
    )
    holder_name = models.CharField(_("holder's name"), max_length=200)
    holder_national_id = models.CharField(_("identity number"), max_length=9)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=7, blank=True)
    vehicle_number_1 = models.CharField(_("vehicle 1"), max_length=8, db_index=True)
    vehicle_number_2 = models.CharField(_("vehicle 2"), max_length=8, blank=True, db_index=True)
    ordered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ordered_at = models.DateTimeField(auto_now_add=True)
    print_file = models.ForeignKey(
        PrintFile, on_delete=models.PROTECT, null=True, blank=True, related_name="badges"
    )
    superseded_by = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supersedes",
    )
    voided_at = models.DateTimeField(_("void since"), null=True, blank=True)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("badge")
        verbose_name_plural = _("badges")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "slot"],
                condition=Q(status__in=["ordered", "sent_to_print"]),
                name="one_current_badge_per_holder_slot",
            )
        ]
        indexes = [models.Index(fields=["status", "issued_on"])]

    def __str__(self):
        return _("Badge %(number)s") % {"number": self.number}

    @property
    def number(self) -> str:
        return f"{self.pk:08d}" if self.pk else ""

    @property
    def vehicle_numbers(self) -> list[str]:
        return [n for n in (self.vehicle_number_1, self.vehicle_number_2) if n]


from .fee_models import *  # noqa: E402,F401,F403
