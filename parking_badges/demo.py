"""Demo badge cases: applications in every status, badges in every state, a register with the
vehicle kinds the rules care about; and the money side: a transfer with an open fee difference
(restriction 16), a paid one, an exempt vehicle, refunds (an open one and an approved financial
lease, reason 08), importer files (one past its 48 hours) and an approved enforcement authority
with this month's file. Built through the services, dated relative to today. Idempotent:
nothing is added once the demo holders exist."""

import json
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone, translation
from stdnum import luhn

from taxportal.demo import demo_user
from taxportal.models import User

from . import rules, services
from .models import (
    ApprovalSource,
    BadgeReason,
    DecisionOutcome,
    DisabledPerson,
    EligibilityGround,
    EnforcementAuthority,
    EvidenceKind,
    FamilyRelation,
    FeeContext,
    FeeScheduleEntry,
    OwnerKind,
    OwnerRelation,
    OwnershipTransfer,
    RefundKind,
    RefundRequest,
    TransferCause,
    TransferFeePayer,
    Vehicle,
    VehicleGround,
    VehicleOwner,
    VehicleRestriction,
    VehicleType,
)
from .reference import PRINTING_HOUSE_GROUP

DEMO_CITIZEN_ID = "534640974"  # fixtures/demo/users.json: the citizen Dana Cohen
PRINTING_HOUSE_USER = "printing_house"


def _id(seed: int) -> str:
    body = f"{30000000 + seed:08d}"
    return body + luhn.calc_check_digit(body)


def _document(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% demo medical document\n", "application/pdf")


def _vehicle(number, owner_id, *, kind=OwnerKind.INDIVIDUAL, restrictions=(), **fields):
    fields.setdefault("vehicle_type", VehicleType.PRIVATE_CAR)
    fields.setdefault("registered_on", date(2020, 1, 1))
    fields.setdefault("manufactured_on", date(2019, 6, 1))
    fields.setdefault("total_weight_kg", 1600)
    fields.setdefault("tariff_code", "01")
    vehicle = Vehicle.objects.create(number=number, **fields)
    VehicleOwner.objects.create(
        vehicle=vehicle, national_id=owner_id, name="", kind=kind, owned_from=date(2020, 1, 1)
    )
    for code in restrictions:
        VehicleRestriction.objects.create(vehicle=vehicle, code=code, recorded_on=date(2020, 1, 1))
    return vehicle


class _Demo:
    def __init__(self, stdout):
        self.stdout = stdout
        self.today = timezone.localdate()
        self.clerk = User.objects.get(username="mobility_clerk")
        self.doctor = User.objects.get(username="doctor")

    def ago(self, days: int) -> date:
        return self.today - timedelta(days=days)

    def apply(self, seed_or_id, first, last, *, received, born=date(1965, 4, 1), **kwargs):
        national_id = seed_or_id if isinstance(seed_or_id, str) else _id(seed_or_id)
        return services.application_receive(
            actor=self.clerk,
            details=services.PersonDetails(
                national_id=national_id,
                first_name=first,
                last_name=last,
                born_on=born,
                street=kwargs.pop("street", "שדרות ירושלים 10"),
                city=kwargs.pop("city", "חולון"),
                postal_code="5800000",
                phone="0501234567",
                has_guardian_of_person=kwargs.pop("guardian", False),
            ),
            source=kwargs.pop("source", ApprovalSource.DEPARTMENT_DOCTOR),
            ground=kwargs.pop("ground", EligibilityGround.LEGS),
            material_received_on=self.ago(received),
            documents=[_document("medical-report.pdf")],
            notes=kwargs.pop("notes", ""),
        )

    def to_doctor(self, application, days_ago):
        services.application_send_to_doctor(
            actor=self.clerk, application=application, on=self.ago(days_ago)
        )

    def decide(self, application, outcome, days_ago, **kwargs):
        kwargs.setdefault("reasons", "")
        services.application_decide(
            actor=self.doctor,
            application=application,
            outcome=outcome,
            decided_on=self.ago(days_ago),
            **kwargs,
        )

    def approved(self, seed_or_id, first, last, *, days_ago, until=None, **kwargs):
        application = self.apply(seed_or_id, first, last, received=days_ago + 20, **kwargs)
        self.to_doctor(application, days_ago + 15)
        self.decide(application, DecisionOutcome.APPROVED, days_ago, approval_valid_until=until)
        return application.person

    def add(self, person, vehicle, days_ago, ground=VehicleGround.OWNER, **kwargs):
        services.badge_vehicle_add(
            actor=self.clerk,
            person=person,
            vehicle=vehicle,
            ground=ground,
            on=self.ago(days_ago),
            **kwargs,
        )

    def print(self, person, days_ago, reason=BadgeReason.NEW, **kwargs):
        return services.badge_print(
            actor=self.clerk, person=person, reason=reason, today=self.ago(days_ago), **kwargs
        )

    def print_file(self, days_ago):
        services.print_file_build(for_date=self.ago(days_ago))

    def run(self):
        renewal_age = 365 * rules.BADGE_VALIDITY_YEARS - 20
        # A badge about to expire: the renewal job (BADGE-52) prints its successor.
        person = self.approved(11, "יעקב", "שלום", days_ago=renewal_age + 1)
        self.add(person, _vehicle("1100011", person.national_id), renewal_age)
        self.print(person, renewal_age)
        self.print_file(renewal_age)

        # An expired badge: the approval ended a month ago (BADGE-16).
        person = self.approved(
            12, "רות", "אוחנה", days_ago=1101, until=self.ago(30), ground=EligibilityGround.BLIND
        )
        self.add(person, _vehicle("1200012", person.national_id), 1100)
        self.print(person, 1100)
        # Two vehicles, family ground; the badge was lost and replaced today (BADGE-14).
        eli = self.approved(13, "אלי", "דהן", days_ago=1101)
        self.add(eli, _vehicle("1300013", eli.national_id), 1100)
        self.print(eli, 1100)
        self.print_file(1100)

        # The holder died: the badge is cancelled (BADGE-17).
        person = self.approved(14, "חיים", "גולן", days_ago=401)
        self.add(person, _vehicle("1400014", person.national_id), 400)
        self.print(person, 400)
        self.print_file(400)
        services.person_record_death(
            actor=self.clerk, person=person, died_on=self.ago(10), reason="מרשם האוכלוסין"
        )

        # A taxi (badge only, BADGE-27) and an organisation vehicle with restriction 76 (BADGE-25).
        person = self.approved(15, "יצחק", "אברהם", days_ago=201)
        self.add(
            person,
            _vehicle("1500015", person.national_id, vehicle_type=VehicleType.TAXI),
            200,
            VehicleGround.TAXI,
            evidence=[services.EvidenceItem(kind=EvidenceKind.TAXI_RIGHT_AGREEMENT)],
        )
        self.print(person, 200)
        person = self.approved(16, "תמר", "כרמי", days_ago=201, ground=EligibilityGround.WHEELCHAIR)
        self.add(
            person,
            _vehicle(
                "1600016",
                "580012345",
                kind=OwnerKind.ORGANISATION,
                restrictions=["76"],
                tariff_code="18",
                vehicle_type=VehicleType.PRIVATE_MINIBUS,
            ),
            200,
            VehicleGround.ORGANISATION,
            evidence=[
                services.EvidenceItem(kind=EvidenceKind.REGISTRAR_CONFIRMATION),
                services.EvidenceItem(kind=EvidenceKind.ORGANISATION_AFFIDAVIT),
            ],
        )
        self.print(person, 200)
        self.print_file(200)

        # The demo citizen: approved, badge printed and sent (the personal area shows it).
        dana = self.approved(DEMO_CITIZEN_ID, "דנה", "כהן", days_ago=21)
        self.add(dana, _vehicle("2100021", dana.national_id, tariff_code="06"), 20)
        self.print(dana, 20)
        # A minor: two copies (BADGE-13).
        person = self.approved(17, "נועה", "פרידמן", days_ago=21, born=date(2015, 2, 2))
        self.add(person, _vehicle("1700017", _id(117)), 20, VehicleGround.FAMILY,
                 relation=FamilyRelation.PARENT, owner_national_id=_id(117),
                 evidence=[services.EvidenceItem(kind=EvidenceKind.ID_CARD_RELATION)])  # fmt: skip
        self.print(person, 20)
        self.print_file(20)

        # Eli's spouse's car joins and the lost badge is replaced today: waiting for the file.
        spouse = _id(113)
        self.add(
            eli,
            _vehicle("1300113", spouse),
            0,
            VehicleGround.FAMILY,
            relation=FamilyRelation.SPOUSE,
            owner_national_id=spouse,
            evidence=[services.EvidenceItem(kind=EvidenceKind.ID_CARD_RELATION)],
        )
        self.print(eli, 0, BadgeReason.LOST, reason_note="אבד בתחנה המרכזית")

        # Open cases in every status (BADGE-8: one overdue).
        self.apply(21, "אברהם", "לוי", received=100, notes="ממתין לבדיקת פקיד")
        self.to_doctor(self.apply(22, "מרים", "כץ", received=30), 25)
        waiting_info = self.apply(23, "יוסף", "מזרחי", received=50)
        self.to_doctor(waiting_info, 45)
        self.decide(
            waiting_info,
            DecisionOutcome.INFO_REQUESTED,
            40,
            reasons="נדרש סיכום אשפוז עדכני",
            info_requested_until=self.ago(-20),
        )
        rejected = self.apply(24, "שרה", "פרץ", received=80)
        self.to_doctor(rejected, 75)
        self.decide(
            rejected,
            DecisionOutcome.REJECTED,
            60,
            reasons="הממצאים אינם מעידים על מגבלה בהליכה",
            refer_to_institute=True,
        )
        services.appeal_receive(
            actor=self.clerk,
            rejected=rejected,
            material_received_on=self.ago(10),
            documents=[_document("appeal.pdf")],
            notes="חוות דעת אורתופדית חדשה",
        )
        self.apply(25, "משה", "ביטון", received=3, source=ApprovalSource.MINISTRY_OF_HEALTH)

        # Approved, waiting for the clerk to print (the README walk-through), with a car.
        rivka = self.approved(26, "רבקה", "אזולאי", days_ago=5)
        _vehicle("2600026", rivka.national_id)
        # A new car an importer reported today for Dana (BADGE-47 adds it tonight).
        _vehicle(
            "2100121",
            dana.national_id,
            registered_on=self.today,
            manufactured_on=self.ago(30),
            tariff_code="06",
            reported_disabled_national_id=dana.national_id,
        )
        # Register-only vehicles for trying the ground rules by hand.
        _vehicle("9000090", "513456781", kind=OwnerKind.LEASING_COMPANY)
        _vehicle("9000091", _id(91), is_collector=True, tariff_code="06")


ORGANISATION_DEMO_SEED = 140


def _organisation_demo(stdout) -> None:
    """BADGE-25: a holder driven in three vehicles of an organisation transporting disabled
    people: two badges (one vehicle, then the last two). Loaded once."""
    if DisabledPerson.objects.filter(national_id=_id(ORGANISATION_DEMO_SEED)).exists():
        return
    demo = _Demo(stdout)
    person = demo.approved(ORGANISATION_DEMO_SEED, "נתן", "גבאי", days_ago=30)
    for number in ("5800001", "5800002", "5800003"):
        vehicle = _vehicle(
            number, "580000000", kind=OwnerKind.ORGANISATION, restrictions=["60"], tariff_code="18"
        )
        demo.add(person, vehicle, 25, VehicleGround.ORGANISATION)
    demo.print(person, 18)
    demo.print_file(18)
    stdout.write("Badge demo: an organisation's three vehicles on two badges.")


def _printing_house_user(stdout) -> None:
    from django.contrib.auth.models import Group

    user = demo_user(username=PRINTING_HOUSE_USER, first_name="דפוס", last_name="בארי")
    user.groups.add(Group.objects.get(name=PRINTING_HOUSE_GROUP))
    stdout.write(f"Printing house account: {PRINTING_HOUSE_USER!r}.")


def load(*, stdout) -> None:
    _printing_house_user(stdout)
    if DisabledPerson.objects.filter(national_id=DEMO_CITIZEN_ID).exists():
        stdout.write("Badge demo cases already loaded.")
    else:
        _Demo(stdout).run()
        stdout.write(f"Badge demo cases: {DisabledPerson.objects.count()} holders.")
    _organisation_demo(stdout)
    _load_fees(stdout=stdout)


# --- The money side (BADGE-31 to BADGE-51) ----------------------------------------------

DEMO_AMOUNTS = settings.BASE_DIR / "fixtures" / "parking_badges" / "fee_demo.json"
MARKER_VEHICLE = "3100001"
DEMO_CITIZEN_VEHICLE = "2100021"  # _Demo.run: the demo citizen's car


class _FeeDemo(_Demo):
    def __init__(self, stdout):
        super().__init__(stdout)
        amounts = json.loads(DEMO_AMOUNTS.read_text(encoding="utf-8"))
        self.regular = Decimal(amounts["regular_annual_fee"])
        self.full = Decimal(amounts["full_fee_paid"])
        self.reduced = (
            FeeScheduleEntry.objects.filter(context=FeeContext.REDUCED_ANNUAL)
            .latest("effective_from")
            .amount
        )
        self.fee_clerk = User.objects.get(username="licensing_clerk")
        self.importer_clerk = User.objects.get(username="importer_clerk")

    def paid_years(self, vehicle, paid):
        for year in (self.today.year - 1, self.today.year):
            services.licence_period_record(
                vehicle=vehicle, valid_from=date(year, 1, 1), valid_until=date(year, 12, 31),
                amount_paid=paid, regular_annual_fee=self.regular, paid_on=date(year, 1, 1),
                actor=self.fee_clerk,
            )  # fmt: skip

    def exempt_holder(self, seed, first, last, number):
        person = self.approved(seed, first, last, days_ago=500)
        vehicle = _vehicle(number, person.national_id)
        self.add(person, vehicle, 490)
        self.print(person, 490)
        self.paid_years(vehicle, self.reduced)
        services.exemption_grant(
            person=person, vehicle=vehicle, owner_relation=OwnerRelation.SELF,
            starts_on=self.ago(490), actor=self.fee_clerk,
        )  # fmt: skip
        return person, vehicle

    def transfer(self, seller, vehicle, buyer_seed, days_ago, payer):
        return services.transfer_record(
            vehicle=vehicle, seller=seller, buyer_national_id=_id(buyer_seed),
            buyer_name="קונה לדוגמה", buyer_phone="0529990000", transferred_on=self.ago(days_ago),
            cause=TransferCause.SALE, transfer_fee_payer=payer,
            regular_annual_fee=self.regular, actor=self.fee_clerk, reason="דמו",
        )  # fmt: skip

    def run(self):
        # Transfers from a disabled owner: one difference still open, one paid.
        seller, vehicle = self.exempt_holder(301, "אורית", "שמעוני", MARKER_VEHICLE)
        self.transfer(seller, vehicle, 311, 10, TransferFeePayer.BUYER)
        seller, vehicle = self.exempt_holder(302, "בני", "סויסה", "3100002")
        paid = self.transfer(seller, vehicle, 312, 40, TransferFeePayer.SELLER)
        services.fee_difference_pay(
            difference=paid.fee_difference, paid_on=self.ago(35), payment_reference="DEMO-35",
            actor=self.fee_clerk,
        )  # fmt: skip

        # A full fee paid while eligible: an open refund request in the queue.
        person = self.approved(303, "גילה", "נחום", days_ago=60)
        vehicle = _vehicle("3100003", person.national_id)
        self.add(person, vehicle, 55)
        self.paid_years(vehicle, self.full)
        services.refund_request_record(
            person=person, vehicle=vehicle, kind=RefundKind.OWNER,
            owner_relation=OwnerRelation.SELF, requested_on=self.ago(20),
            approving_body=ApprovalSource.DEPARTMENT_DOCTOR, approval_date=self.ago(60),
            earlier_recognition_date=self.ago(200), ownership_date=date(2020, 1, 1),
            actor=self.fee_clerk,
        )  # fmt: skip

        # A financial lease (reason 08): approved, lines over the lease period.
        person = self.approved(304, "רון", "אלמוג", days_ago=400)
        vehicle = _vehicle("3100004", "513456781", kind=OwnerKind.LEASING_COMPANY)
        self.add(
            person, vehicle, 390, VehicleGround.LEASING, owner_national_id="513456781",
            evidence=[services.EvidenceItem(kind=EvidenceKind.LEASING_LETTER)],
        )  # fmt: skip
        self.paid_years(vehicle, self.full)
        refund = services.refund_request_record(
            person=person, vehicle=vehicle, kind=RefundKind.FINANCIAL_LEASE,
            owner_relation=OwnerRelation.OTHER, requested_on=self.ago(30),
            approving_body=ApprovalSource.DEPARTMENT_DOCTOR, approval_date=self.ago(400),
            ownership_date=date(self.today.year - 1, 1, 1),
            lease_from=date(self.today.year - 1, 3, 1), lease_until=date(self.today.year, 2, 28),
            lease_documents_checked=True, actor=self.fee_clerk,
        )  # fmt: skip
        services.refund_approve(refund=refund, actor=self.fee_clerk, note="דמו")

        # Importers: a file past its 48 hours, and one released with tariff 06 approved.
        buyer = self.approved(305, "שלמה", "ברק", days_ago=100)
        self.add(buyer, _vehicle("3100005", buyer.national_id), 95)
        self.add(buyer, _vehicle("3100006", buyer.national_id), 95)
        self.print(buyer, 95)
        self.open_importer_file("3100007", buyer, hours_ago=50)
        newcomer = self.approved(306, "נועה", "גל", days_ago=30)
        released = self.open_importer_file("3100008", newcomer, hours_ago=5)
        services.importer_file_release(
            importer_file=released, released_on=self.today, customs_reference="מכס-4471",
            actor=self.importer_clerk,
        )  # fmt: skip

        # The enforcement file for an approved authority (the demo inspector downloads it).
        authority, _ = EnforcementAuthority.objects.get_or_create(
            name="עיריית חולון",
            defaults={"privacy_approved": True, "approval_reference": "הגנת הפרטיות 2026/17",
                      "approved_on": self.ago(90)},
        )  # fmt: skip
        authority.users.add(User.objects.get(username="inspector"))
        EnforcementAuthority.objects.get_or_create(name="רשות לא מאושרת")
        services.enforcement_file_build(month=self.today)

    def open_importer_file(self, number, buyer, hours_ago):
        opened = timezone.now() - timedelta(hours=hours_ago)
        return services.importer_file_open(
            vehicle_number=number, vehicle_type="private_car", total_weight_kg=1700,
            manufactured_on=self.ago(40), buyer_national_id=buyer.national_id,
            buyer_name=buyer.full_name, importer_name="יבואן לדוגמה בע\"מ",
            entitlement_source="national_insurance", entitlement_originals=True,
            previous_rights_unsettled=False, previous_rights_receipt=False,
            adaptation_codes=["60"], actor=self.importer_clerk, now=opened,
        )  # fmt: skip

    @transaction.atomic
    def citizen_refund(self):
        """The demo citizen's own refund request, shown in her personal area (BADGE-41)."""
        vehicle = Vehicle.objects.get(number=DEMO_CITIZEN_VEHICLE)
        self.paid_years(vehicle, self.full)
        services.refund_request_record(
            person=DisabledPerson.objects.get(national_id=DEMO_CITIZEN_ID), vehicle=vehicle,
            kind=RefundKind.OWNER, owner_relation=OwnerRelation.SELF, requested_on=self.ago(7),
            approving_body=ApprovalSource.DEPARTMENT_DOCTOR, approval_date=self.ago(21),
            ownership_date=date(2020, 1, 1), actor=self.fee_clerk,
        )  # fmt: skip


def _load_fees(*, stdout) -> None:
    with translation.override("he"):  # the reasons stored read as a clerk would write them
        if not RefundRequest.objects.filter(vehicle__number=DEMO_CITIZEN_VEHICLE).exists():
            _FeeDemo(stdout).citizen_refund()
        if OwnershipTransfer.objects.filter(vehicle__number=MARKER_VEHICLE).exists():
            stdout.write("Badge fee demo cases already loaded.")
            return
        _FeeDemo(stdout).run()
    stdout.write("Badge fee demo cases: transfers, refunds, importer files, enforcement file.")
