"""Every TextChoices of the badge app, and the groups of values the rules and queries share.

Both `models` and `rules` import these; neither imports the other.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


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


class ApplicationChannel(models.TextChoices):
    """How an application reached the mobility department (issue 15)."""

    DESK = "desk", _("At the mobility department")
    ONLINE = "online", _("Online, sent by the citizen")


class ApplicationStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    WITH_DOCTOR = "with_doctor", _("With the department doctor")
    INFO_REQUESTED = "info_requested", _("More information required")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    CLOSED = "closed", _("Closed: the information did not come")


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
    # A badge's stored status stays ORDERED once a print file claims it: SENT_TO_PRINT is shown
    # from its claim row (Badge.shown_status, issue 18); rows stored before the claim table
    # were moved to ORDERED with a claim by migration 0016.
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


class ExemptionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the old vehicle's difference")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class DifferenceCause(models.TextChoices):
    TRANSFER = "transfer", _("Ownership transferred from a disabled owner")
    EXEMPTION_MOVED = "exemption_moved", _("Exemption moved to another vehicle")


class DifferenceStatus(models.TextChoices):
    OPEN = "open", _("Open: restriction 16")
    PAID = "paid", _("Paid")


class TransferCause(models.TextChoices):
    SALE = "sale", _("Sale or gift")
    DEATH = "death", _("The disabled owner died")


class TransferFeePayer(models.TextChoices):
    """BADGE-36: the Division takes no position; the clerk records what the parties agreed."""

    SELLER = "seller", _("The seller")
    BUYER = "buyer", _("The buyer")


class RefundKind(models.TextChoices):
    OWNER = "owner", _("Full fee paid while eligible")
    FINANCIAL_LEASE = "financial_lease", _("Financial lease (reason 08)")


class RefundStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a decision")
    APPROVED = "approved", _("Approved, to be paid")
    PAID = "paid", _("Paid")
    REJECTED = "rejected", _("Rejected")


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


class FeeContext(models.TextChoices):
    """Where an amount of the fee schedule applies (BADGE-32)."""

    REDUCED_ANNUAL = "reduced_annual", _("Reduced annual licence fee (regulation supplement)")
    FINANCIAL_LEASE = "financial_lease", _("Reduced annual fee, financial lease")
    IMPORTER_REDUCED = "importer_reduced", _("Licence printed at the importer, reduced")
    IMPORTER_FULL = "importer_full", _("Licence printed at the importer, full fee")
    REGULAR_ANNUAL = "regular_annual", _("Regular annual licence fee")


class OwnerRelation(models.TextChoices):
    """Who the vehicle is registered to, relative to the disabled person."""

    SELF = "self", _("The disabled person")
    SPOUSE = "spouse", _("Spouse")
    GUARDIAN = "guardian", _("Guardian appointed by court")
    PARENT = "parent", _("Parent")
    OTHER = "other", _("Someone else")


class IneligibleReason(models.TextChoices):
    """Why a vehicle may not pay the reduced fee, in words the clerk reads out."""

    VEHICLE_TYPE = "vehicle_type", _("This type of vehicle does not get the reduced fee.")
    TAXI = "taxi", _("A taxi gets a badge only, never the reduced fee.")
    RENTAL = "rental", _("A rental-company car gets a badge only, never the reduced fee.")
    TOO_HEAVY = "too_heavy", _("A commercial vehicle over 5,000 kg total weight does not qualify.")
    WEIGHT_MISSING = "weight_missing", _("The commercial vehicle's total weight is not recorded.")
    OWNER = (
        "owner",
        _("The vehicle must be registered to the person, their spouse or their guardian."),
    )
    OWNER_NOT_REGISTERED = (
        "owner_not_registered",
        _(
            "The vehicle register does not show the vehicle registered to the person, or to a "
            "spouse or guardian recorded on the person's file, as the relation says."
        ),
    )
    NEW_VEHICLE_WINDOW = (
        "new_vehicle_window",
        _("A new vehicle gets tariff 06 only within 18 months of its manufacture date."),
    )
    BUSINESS_USE = "business_use", _("A vehicle used for business or trade does not qualify.")
    OTHER_VEHICLE_EXEMPT = (
        "other_vehicle_exempt",
        _(
            "Another vehicle of this person already has the reduced fee; "
            "pay the difference on it to move the exemption."
        ),
    )
    ORGANISATION = "organisation", _("An organisation's vehicle never gets tariff 06.")
    NO_VALID_BADGE = "no_valid_badge", _("The badge has expired: no reduced-fee licence.")
    DECEASED = "deceased", _("The holder has died: no licence is sent.")
