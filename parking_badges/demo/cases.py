"""The demo holders, applications, badges and register (BADGE-1 to BADGE-30), built through the
services and dated relative to today; the helpers the other demo areas share."""

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from stdnum import luhn

from taxportal.models import User

from .. import rules, services
from ..models import (
    ApprovalSource,
    BadgeReason,
    DecisionOutcome,
    EligibilityGround,
    EvidenceKind,
    FamilyRelation,
    OwnerKind,
    Vehicle,
    VehicleGround,
    VehicleOwner,
    VehicleRestriction,
    VehicleType,
)

DEMO_CITIZEN_ID = "534640974"  # fixtures/demo/users.json: the citizen Dana Cohen
PRINTING_HOUSE_USER = "printing_house"


def _id(seed: int) -> str:
    body = f"{30000000 + seed:08d}"
    return body + luhn.calc_check_digit(body)


def _document(name: str) -> SimpleUploadedFile:
    content = b"%PDF-1.4\n% demo medical document\n%%EOF\n"
    return SimpleUploadedFile(name, content, "application/pdf")


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
        source = kwargs.pop("source", ApprovalSource.DEPARTMENT_DOCTOR)
        if source != ApprovalSource.DEPARTMENT_DOCTOR:
            # BADGE-6: another body's approval comes with its own date, reference and letter.
            kwargs.setdefault("source_decided_on", self.ago(received + 10))
            kwargs.setdefault("source_reference", f"{source[:3].upper()}-{national_id[-4:]}")
            kwargs.setdefault("source_letter", _document("approval-letter.pdf"))
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
                phone="+972502345678",
                has_guardian_of_person=kwargs.pop("guardian", False),
            ),
            source=source,
            ground=kwargs.pop("ground", EligibilityGround.LEGS),
            material_received_on=self.ago(received),
            documents=[_document("medical-report.pdf")],
            notes=kwargs.pop("notes", ""),
            **kwargs,
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
        # BADGE-6: a National Insurance approval, kept with its own date, reference and letter.
        person = self.approved(
            16,
            "תמר",
            "כרמי",
            days_ago=201,
            ground=EligibilityGround.WHEELCHAIR,
            source=ApprovalSource.NATIONAL_INSURANCE,
        )
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
        # BADGE-10: the "more information by" date passed: flagged; the clerk extends or closes.
        late_info = self.apply(27, "לאה", "שמעוני", received=70)
        self.to_doctor(late_info, 65)
        self.decide(
            late_info,
            DecisionOutcome.INFO_REQUESTED,
            60,
            reasons="נדרשת חוות דעת נוירולוגית",
            info_requested_until=self.ago(5),
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
