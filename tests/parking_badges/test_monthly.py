"""Monthly jobs (BADGE-49, BADGE-50, BADGE-51): each idempotent, each with its command."""

import csv
import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from parking_badges import services, tasks
from parking_badges.models import (
    Badge,
    BadgeReason,
    BadgeStatus,
    BadgeVehicle,
    EnforcementAuthority,
    EnforcementDownload,
    EnforcementFile,
    LicenceDispatch,
)
from parking_badges.rules import DISABLED_TARIFF, REGULAR_TARIFF, OwnerRelation
from taxportal.models import AuditEvent
from taxportal.roles import Role
from tests.factories import VALID_NATIONAL_IDS

from .factories import ApprovalFactory, Holder, badge_for, owned_by

pytestmark = pytest.mark.django_db
MONTH = date(2026, 3, 1)


def test_badge_49_inactive_and_sold_vehicles_leave_the_badge_once():
    holder = Holder()
    sold = holder.second_vehicle()
    BadgeVehicle.objects.create(
        person=holder.person, vehicle=sold, ground="owner", added_on=date(2024, 2, 1)
    )
    inactive = holder.second_vehicle()
    BadgeVehicle.objects.create(
        person=holder.person, vehicle=inactive, ground="owner", added_on=date(2024, 2, 1)
    )
    inactive.is_active = False
    inactive.save()
    sold.owners.update(owned_until=date(2026, 2, 1))
    owned_by(sold, VALID_NATIONAL_IDS[6], "New owner", owned_from=date(2026, 2, 1))
    family = holder.second_vehicle()
    family.owners.all().delete()
    owned_by(family, VALID_NATIONAL_IDS[4], "Spouse", owned_from=date(2020, 1, 1))
    BadgeVehicle.objects.create(
        person=holder.person, vehicle=family, ground="family", relation="spouse",
        owner_national_id=VALID_NATIONAL_IDS[4], added_on=date(2024, 2, 1),
    )  # fmt: skip

    assert tasks.monthly_badge_vehicle_check.delay(MONTH.isoformat()).get() == 2
    remaining = set(
        BadgeVehicle.objects.filter(removed_on__isnull=True).values_list("vehicle", flat=True)
    )
    assert remaining == {holder.vehicle.pk, family.pk}
    assert services.badge_vehicles_monthly_check(on=MONTH) == 0
    out = io.StringIO()
    call_command("badge_monthly_vehicle_check", "--date", MONTH.isoformat(), stdout=out)
    assert "0" in out.getvalue()


def test_badge_50_expired_disability_back_to_regular_tariff_once():
    holder = Holder()
    services.exemption_grant(
        person=holder.person, vehicle=holder.vehicle, owner_relation=OwnerRelation.SELF,
        starts_on=date(2025, 1, 1), actor=None,
    )  # fmt: skip
    still = Holder(national_id=VALID_NATIONAL_IDS[1])
    services.exemption_grant(
        person=still.person, vehicle=still.vehicle, owner_relation=OwnerRelation.SELF,
        starts_on=date(2025, 1, 1), actor=None,
    )  # fmt: skip
    holder.approval.valid_until = date(2026, 2, 15)
    holder.approval.save()

    assert services.disabled_tariff_monthly_reset(on=MONTH) == 1
    holder.vehicle.refresh_from_db()
    still.vehicle.refresh_from_db()
    assert holder.vehicle.tariff_code == REGULAR_TARIFF
    assert still.vehicle.tariff_code == DISABLED_TARIFF
    dispatch = LicenceDispatch.objects.get()
    assert (dispatch.vehicle, dispatch.month, dispatch.tariff_code) == (
        holder.vehicle,
        MONTH,
        REGULAR_TARIFF,
    )
    assert dispatch.regular_annual_fee == holder.periods[-1].regular_annual_fee
    assert services.disabled_tariff_monthly_reset(on=date(2026, 3, 20)) == 0
    assert LicenceDispatch.objects.count() == 1
    out = io.StringIO()
    call_command("badge_monthly_tariff_reset", "--date", MONTH.isoformat(), stdout=out)
    assert "0" in out.getvalue()


def test_badge_49_removed_vehicle_orders_a_replacement_badge_once():
    holder = Holder()
    sold = holder.second_vehicle()
    holder.badge.delete()
    holder.person.badge_vehicles.all().delete()
    old = badge_for(holder.person, holder.approval, holder.vehicle, sold)
    sold.owners.update(owned_until=date(2026, 2, 1))
    owned_by(sold, VALID_NATIONAL_IDS[6], "New owner", owned_from=date(2026, 2, 1))

    assert services.badge_vehicles_monthly_check(on=MONTH) == 1
    old.refresh_from_db()
    new = Badge.objects.get(status=BadgeStatus.ORDERED)
    assert old.status == BadgeStatus.SUPERSEDED and old.superseded_by == new
    assert new.vehicle_numbers == [holder.vehicle.number]
    assert new.reason == BadgeReason.OWNERSHIP_CHANGED and sold.number in new.reason_note
    assert services.badge_vehicles_monthly_check(on=MONTH) == 0
    assert Badge.objects.count() == 2


def test_badge_49_no_vehicle_left_records_why_no_badge_was_ordered():
    holder = Holder()
    holder.vehicle.is_active = False
    holder.vehicle.save()

    assert services.badge_vehicles_monthly_check(on=MONTH) == 1
    holder.badge.refresh_from_db()
    assert Badge.objects.count() == 1
    assert AuditEvent.objects.filter(
        action="replacement badge not ordered", target_id=str(holder.badge.pk)
    ).exists()
    assert services.badge_vehicles_monthly_check(on=MONTH) == 0


def test_badge_51_enforcement_file_once_a_month_approved_authorities_only(make_user):
    holder = Holder()
    other = Holder(national_id=VALID_NATIONAL_IDS[2])
    other.badge.status = "superseded"
    other.badge.save()
    renewed = badge_for(
        other.person, ApprovalFactory(person=other.person), issued_on=date(2026, 1, 5)
    )
    renewed.vehicle_number_1 = other.vehicle.number
    renewed.save()
    expired = Holder(national_id=VALID_NATIONAL_IDS[3])
    expired.badge.valid_until = date(2026, 2, 27)
    expired.badge.save()

    built = services.enforcement_file_build(month=date(2026, 3, 17))
    rows = list(csv.reader(io.StringIO(built.content)))
    assert rows[0] == ["vehicle_number", "last_badge_issued_on"]
    assert sorted(rows[1:]) == sorted(
        [[holder.vehicle.number, "2024-02-01"], [other.vehicle.number, "2026-01-05"]]
    )
    again = services.enforcement_file_build(month=MONTH)
    assert (again.pk, again.sha256) == (built.pk, built.sha256)
    call_command("badge_enforcement_file", "--date", "2026-03-02", stdout=io.StringIO())
    assert EnforcementFile.objects.count() == 1

    user = make_user(Role.INSPECTOR)
    unapproved = EnforcementAuthority.objects.create(name="Town A")
    unapproved.users.add(user)
    with pytest.raises(PermissionDenied):
        services.enforcement_file_download(enforcement_file=built, authority=unapproved, user=user)
    approved = EnforcementAuthority.objects.create(name="Town B", privacy_approved=True)
    with pytest.raises(PermissionDenied):
        services.enforcement_file_download(enforcement_file=built, authority=approved, user=user)
    approved.users.add(user)
    services.enforcement_file_download(enforcement_file=built, authority=approved, user=user)
    assert EnforcementDownload.objects.count() == 1
    assert AuditEvent.objects.filter(action="enforcement file downloaded", actor=user).count() == 1


def test_monthly_jobs_in_the_beat_schedule():
    from django.conf import settings

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "parking_badges.tasks.monthly_badge_vehicle_check",
        "parking_badges.tasks.monthly_disabled_tariff_reset",
        "parking_badges.tasks.monthly_enforcement_file",
    } <= tasks
