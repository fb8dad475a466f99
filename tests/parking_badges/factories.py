"""Factories for badge cases: holders, approvals, register vehicles, vehicles on files, badges."""

import datetime

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from stdnum import luhn

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
    OwnerKind,
    Vehicle,
    VehicleGround,
    VehicleOwner,
    VehicleRestriction,
    VehicleType,
)

TODAY = datetime.date(2026, 6, 1)


def valid_id(n: int) -> str:
    """A valid identity number for any n (the check digit is Luhn's)."""
    body = f"{(n * 7919 + 10000000) % 100000000:08d}"
    return body + luhn.calc_check_digit(body)


def pdf(name: str = "report.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 medical report", content_type="application/pdf")


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
    status = BadgeStatus.SENT_TO_PRINT
    reason = BadgeReason.NEW
    issued_on = TODAY
    valid_until = datetime.date(2034, 6, 1)
    holder_name = factory.LazyAttribute(lambda b: b.person.full_name)
    holder_national_id = factory.LazyAttribute(lambda b: b.person.national_id)
    vehicle_number_1 = factory.Sequence(lambda n: f"{2000000 + n}")
