"""Reduced-fee exemptions on the register (BADGE-31, BADGE-33), restriction 16 (BADGE-34)."""

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from parking_badges import services
from parking_badges.models import (
    DifferenceStatus,
    ExemptionStatus,
    FeeScheduleEntry,
    OwnerKind,
    ReducedFeeExemption,
    VehicleType,
)
from parking_badges.rules import (
    DISABLED_TARIFF,
    REGULAR_TARIFF,
    IneligibleReason,
    OwnerRelation,
)
from taxportal.models import AuditEvent

from .factories import Holder, load_fee_schedule, owned_by

pytestmark = pytest.mark.django_db
ON = date(2025, 7, 2)


def current_codes(vehicle):
    return set(vehicle.restrictions.filter(removed_on__isnull=True).values_list("code", flat=True))


def grant(holder, vehicle=None, **kwargs):
    return services.exemption_grant(
        person=holder.person,
        vehicle=vehicle or holder.vehicle,
        owner_relation=kwargs.pop("owner_relation", OwnerRelation.SELF),
        starts_on=ON,
        actor=None,
        **kwargs,
    )


def test_badge_32_fee_schedule_loaded_from_fixture_once():
    load_fee_schedule()
    load_fee_schedule()
    contexts = set(FeeScheduleEntry.objects.values_list("context", flat=True))
    assert contexts == {"reduced_annual", "financial_lease", "importer_reduced", "importer_full"}
    assert FeeScheduleEntry.objects.count() == 4


def test_badge_32_loader_keeps_administrators_amounts():
    load_fee_schedule()
    entry = FeeScheduleEntry.objects.get(context="reduced_annual")
    entry.amount += 1
    entry.save()
    load_fee_schedule()
    entry.refresh_from_db()
    assert FeeScheduleEntry.objects.get(pk=entry.pk).amount == entry.amount


def test_badge_31_grant_sets_tariff_06_and_audits():
    holder = Holder()
    exemption = grant(holder)
    holder.vehicle.refresh_from_db()
    assert holder.vehicle.tariff_code == DISABLED_TARIFF
    assert exemption.status == ExemptionStatus.ACTIVE
    assert AuditEvent.objects.filter(action="reduced fee granted").exists()


def test_badge_31_refused_with_reasons():
    holder = Holder()
    heavy = holder.second_vehicle(vehicle_type=VehicleType.COMMERCIAL, total_weight_kg=7000)
    with pytest.raises(ValidationError) as error:
        grant(holder, heavy, owner_relation=OwnerRelation.OTHER)
    assert len(error.value.messages) == 2
    assert not ReducedFeeExemption.objects.exists()


def test_badge_28_rental_company_car_refused():
    holder = Holder()
    rented = holder.second_vehicle()
    rented.owners.update(kind=OwnerKind.RENTAL_COMPANY)
    with pytest.raises(ValidationError):
        grant(holder, rented)


def test_badge_16_expired_badge_refused():
    holder = Holder()
    holder.badge.valid_until = date(2025, 1, 1)
    holder.badge.save()
    with pytest.raises(ValidationError):
        grant(holder)


def test_badge_33_second_vehicle_refused_while_first_exempt():
    holder = Holder()
    grant(holder)
    with pytest.raises(ValidationError) as error:
        grant(holder, holder.second_vehicle())
    assert error.value.messages == [str(IneligibleReason.OTHER_VEHICLE_EXEMPT.label)]


def test_badge_33_moving_raises_difference_on_old_vehicle_first():
    holder = Holder(paid_reduced=True)
    grant(holder)
    new = holder.second_vehicle()
    difference = services.exemption_move(
        person=holder.person, new_vehicle=new, owner_relation=OwnerRelation.SELF, moved_on=ON,
        regular_annual_fee=holder.periods[1].regular_annual_fee, actor=None,
    )  # fmt: skip
    holder.vehicle.refresh_from_db()
    new.refresh_from_db()
    assert difference.vehicle == holder.vehicle
    assert difference.amount > 0
    assert "16" in current_codes(holder.vehicle)
    assert holder.vehicle.tariff_code == REGULAR_TARIFF
    assert new.tariff_code != DISABLED_TARIFF
    pending = ReducedFeeExemption.objects.get(vehicle=new)
    assert pending.status == ExemptionStatus.PENDING

    services.fee_difference_pay(
        difference=difference, paid_on=date(2025, 7, 10), payment_reference="R-1", actor=None
    )
    new.refresh_from_db()
    pending.refresh_from_db()
    assert pending.status == ExemptionStatus.ACTIVE
    assert new.tariff_code == DISABLED_TARIFF
    assert "16" not in current_codes(holder.vehicle)


def test_badge_34_restriction_16_stays_while_another_difference_is_open():
    holder = Holder(paid_reduced=True)
    first = services.fee_difference_raise(
        vehicle=holder.vehicle, cause="transfer", from_date=ON,
        regular_annual_fee=holder.periods[1].regular_annual_fee, actor=None,
    )  # fmt: skip
    services.fee_difference_raise(
        vehicle=holder.vehicle, cause="transfer", from_date=date(2026, 3, 1),
        regular_annual_fee=holder.periods[2].regular_annual_fee, actor=None,
    )  # fmt: skip
    services.fee_difference_pay(difference=first, paid_on=ON, payment_reference="A", actor=None)
    assert "16" in current_codes(holder.vehicle)
    first.refresh_from_db()
    assert first.status == DifferenceStatus.PAID
    with pytest.raises(ValidationError):
        services.fee_difference_pay(difference=first, paid_on=ON, payment_reference="A", actor=None)


def test_badge_33_one_exempt_vehicle_per_person_database_constraint():
    holder = Holder()
    other = holder.second_vehicle()
    ReducedFeeExemption.objects.create(
        person=holder.person, vehicle=holder.vehicle, owner_relation="self", status="active"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ReducedFeeExemption.objects.create(
            person=holder.person, vehicle=other, owner_relation="self", status="active"
        )


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_badge_33_one_exempt_vehicle_under_concurrency():
    """Two clerks grant the reduced fee to two vehicles of one person at the same moment."""
    holder = Holder()
    vehicles = [holder.vehicle, holder.second_vehicle()]
    barrier = threading.Barrier(2)
    outcomes = []

    def clerk(vehicle):
        from django.db import connections

        try:
            barrier.wait()
            grant(holder, vehicle)
            outcomes.append("granted")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=clerk, args=(v,)) for v in vehicles]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["granted", "refused"]
    assert ReducedFeeExemption.objects.filter(status="active").count() == 1


def test_badge_31_spouse_owned_vehicle_qualifies():
    holder = Holder()
    spouse_car = holder.second_vehicle()
    spouse_car.owners.all().delete()
    owned_by(spouse_car, "226339208", "Spouse")
    assert grant(holder, spouse_car, owner_relation=OwnerRelation.SPOUSE).status == "active"


def test_badge_34_nothing_owed_means_no_restriction_16():
    holder = Holder()  # paid the full fee
    difference = services.fee_difference_raise(
        vehicle=holder.vehicle, cause="transfer", from_date=ON,
        regular_annual_fee=holder.periods[1].regular_annual_fee, actor=None,
    )  # fmt: skip
    assert difference.status == DifferenceStatus.PAID
    assert "16" not in current_codes(holder.vehicle)
