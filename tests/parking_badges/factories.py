"""Factories for badge cases: holders, approvals, register vehicles, vehicles on files, badges;
and the money side's test data: licence periods paid, owners, badges as printed, and a ready
holder, with the fee schedule loaded from its fixture."""

import datetime
from datetime import date
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from stdnum import luhn

from parking_badges import reference
from parking_badges.models import (
    ApprovalSource,
    Badge,
    BadgeApplication,
    BadgeReason,
    BadgeStatus,
    BadgeVehicle,
    DisabledPerson,
    EligibilityApproval,
    EligibilityGround,
    FeeScheduleEntry,
    LicencePeriod,
    OwnerKind,
    Vehicle,
    VehicleGround,
    VehicleOwner,
    VehicleRestriction,
    VehicleType,
)
from tests.factories import VALID_NATIONAL_IDS

TODAY = datetime.date(2026, 6, 1)


def valid_id(n: int) -> str:
    """A valid identity number for any n (the check digit is Luhn's)."""
    body = f"{(n * 7919 + 10000000) % 100000000:08d}"
    return body + luhn.calc_check_digit(body)


# A PDF as the content check sees one: its header, a body, its end-of-file marker.
PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def pdf(name: str = "report.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


class DisabledPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisabledPerson

    national_id = factory.Sequence(lambda n: valid_id(n + 1))
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    born_on = datetime.date(1970, 5, 5)
    street = "הרצל 1"
    city = "חולון"
    postal_code = "5800000"


class ApprovalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EligibilityApproval

    person = factory.SubFactory(DisabledPersonFactory)
    source = ApprovalSource.DEPARTMENT_DOCTOR
    ground = EligibilityGround.LEGS
    approved_on = datetime.date(2026, 1, 1)
    valid_from = datetime.date(2026, 1, 1)
    valid_until = None


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BadgeApplication

    person = factory.SubFactory(DisabledPersonFactory)
    ground = EligibilityGround.WHEELCHAIR
    material_received_on = TODAY


class VehicleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vehicle
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: f"{1000000 + n}")
    vehicle_type = VehicleType.PRIVATE_CAR
    total_weight_kg = 1500
    manufactured_on = datetime.date(2024, 1, 1)
    tariff_code = "01"
    registered_on = datetime.date(2024, 2, 1)

    @factory.post_generation
    def owner(self, create, extracted, **kwargs):
        """`owner=(national_id, kind)` or `owner="123..."` adds a current owner."""
        if not create or not extracted:
            return
        national_id, kind = extracted if isinstance(extracted, tuple) else (extracted, None)
        VehicleOwner.objects.create(
            vehicle=self,
            national_id=national_id,
            name="בעלים",
            kind=kind or OwnerKind.INDIVIDUAL,
            owned_from=datetime.date(2024, 2, 1),
        )

    @factory.post_generation
    def restrictions(self, create, extracted, **kwargs):
        for code in extracted or ():
            VehicleRestriction.objects.create(
                vehicle=self, code=code, recorded_on=datetime.date(2024, 2, 1)
            )


class BadgeVehicleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BadgeVehicle

    person = factory.SubFactory(DisabledPersonFactory)
    vehicle = factory.LazyAttribute(lambda entry: VehicleFactory(owner=entry.person.national_id))
    ground = VehicleGround.OWNER
    added_on = TODAY


class BadgeFactory(factory.django.DjangoModelFactory):
    """A badge as printed; use services.badge_print for the rules, this for fixtures."""

    class Meta:
        model = Badge

    person = factory.SubFactory(DisabledPersonFactory)
    approval = factory.SubFactory(ApprovalFactory, person=factory.SelfAttribute("..person"))
    status = BadgeStatus.ORDERED  # in no print file: "sent to the printing house" is a claim
    reason = BadgeReason.NEW
    issued_on = TODAY
    valid_until = datetime.date(2034, 6, 1)
    holder_name = factory.LazyAttribute(lambda b: b.person.full_name)
    holder_national_id = factory.LazyAttribute(lambda b: b.person.national_id)
    vehicle_number_1 = factory.Sequence(lambda n: f"{2000000 + n}")


# Amounts used in tests: a vehicle group's regular annual fee and a full fee paid.
REGULAR_FEE = Decimal("1095.00")
FULL_FEE_PAID = Decimal("1095.00")


def reduced_fee(context="reduced_annual"):
    return FeeScheduleEntry.objects.get(context=context).amount


def load_fee_schedule():
    reference.load_fee_schedule(stdout=open("/dev/null", "w"))  # noqa: SIM115


def owned_by(vehicle, national_id, name="Owner", owned_from=date(2022, 1, 1), **fields):
    return VehicleOwner.objects.create(
        vehicle=vehicle, national_id=national_id, name=name, owned_from=owned_from, **fields
    )


def licence_year(vehicle, year, paid=FULL_FEE_PAID, regular=REGULAR_FEE, tariff=""):
    return LicencePeriod.objects.create(
        vehicle=vehicle,
        valid_from=date(year, 1, 1),
        valid_until=date(year, 12, 31),
        amount_paid=paid,
        regular_annual_fee=regular,
        tariff_code=tariff,
        paid_on=date(year, 1, 1),
    )


def badge_for(person, approval, *vehicles, issued_on=date(2024, 2, 1), **fields):
    for vehicle in vehicles:
        BadgeVehicle.objects.create(
            person=person, vehicle=vehicle, ground=VehicleGround.OWNER, added_on=issued_on
        )
    numbers = [v.number for v in vehicles] + ["", ""]
    return Badge.objects.create(
        person=person,
        approval=approval,
        reason=BadgeReason.NEW,
        issued_on=issued_on,
        valid_until=fields.pop("valid_until", date(2032, 1, 31)),
        holder_name=person.full_name,
        holder_national_id=person.national_id,
        vehicle_number_1=numbers[0],
        vehicle_number_2=numbers[1],
        **fields,
    )


class Holder:
    """A disabled holder with a permanent approval, a current badge and one owned car whose
    licence years 2024-2026 were paid at the full fee."""

    def __init__(self, national_id=VALID_NATIONAL_IDS[0], *, paid_reduced=False, **person_fields):
        load_fee_schedule()
        self.person = DisabledPersonFactory(
            national_id=national_id,
            phone="0501234567",
            email=f"holder{national_id}@example.com",
            **person_fields,
        )
        self.approval = ApprovalFactory(
            person=self.person, approved_on=date(2024, 1, 1), valid_from=date(2024, 1, 1)
        )
        self.vehicle = VehicleFactory(registered_on=date(2022, 1, 1))
        owned_by(self.vehicle, self.person.national_id, self.person.full_name)
        paid = reduced_fee() if paid_reduced else FULL_FEE_PAID
        self.periods = [licence_year(self.vehicle, y, paid=paid) for y in (2024, 2025, 2026)]
        self.badge = badge_for(self.person, self.approval, self.vehicle)

    def second_vehicle(self, **fields):
        vehicle = VehicleFactory(registered_on=date(2022, 1, 1), **fields)
        owned_by(vehicle, self.person.national_id, self.person.full_name)
        for year in (2025, 2026):
            licence_year(vehicle, year)
        return vehicle


def family_owned(person, vehicle, national_id, relation, name="Relative"):
    """BADGE-20/31/37: the vehicle registered to a relative, the relation recorded on the
    holder's file (the badge entry's ground, relation and owner)."""
    vehicle.owners.all().delete()
    owned_by(vehicle, national_id, name)
    BadgeVehicle.objects.update_or_create(
        person=person,
        vehicle=vehicle,
        defaults={
            "ground": VehicleGround.FAMILY,
            "relation": relation,
            "owner_national_id": national_id,
            "added_on": date(2024, 1, 1),
        },
    )
    return vehicle
