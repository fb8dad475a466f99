"""The money side's test data on top of the badge factories: licence periods paid, owners,
badges as printed, and a ready holder, with the fee schedule loaded from its fixture."""

from datetime import date
from decimal import Decimal

from parking_badges import fee_reference
from parking_badges.models import (
    Badge,
    BadgeReason,
    BadgeVehicle,
    FeeScheduleEntry,
    LicencePeriod,
    VehicleGround,
    VehicleOwner,
)
from tests.factories import VALID_NATIONAL_IDS

from .factories import ApprovalFactory, DisabledPersonFactory, VehicleFactory

# Amounts used in tests: a vehicle group's regular annual fee and a full fee paid.
REGULAR_FEE = Decimal("1095.00")
FULL_FEE_PAID = Decimal("1095.00")


def reduced_fee(context="reduced_annual"):
    return FeeScheduleEntry.objects.get(context=context).amount


def load_fee_schedule():
    fee_reference.load(stdout=open("/dev/null", "w"))  # noqa: SIM115


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
