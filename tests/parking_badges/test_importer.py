"""Importers' new vehicles for exempt buyers (BADGE-43 to BADGE-46, BADGE-32)."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from parking_badges import selectors, services
from parking_badges.models import ImporterFileStatus, TariffOutcome
from parking_badges.rules import DISABLED_TARIFF, IneligibleReason, OwnerRelation
from tests.factories import VALID_NATIONAL_IDS

from .factories import Holder, load_fee_schedule, reduced_fee

pytestmark = pytest.mark.django_db


def open_file(buyer=VALID_NATIONAL_IDS[0], number="8800001", **changes):
    load_fee_schedule()
    fields = {
        "vehicle_number": number,
        "vehicle_type": "private_car",
        "total_weight_kg": 1800,
        # Six months old on the day of the test, well inside BADGE-29's 18 months (a fixed
        # date here stopped being new on 1 December 2026).
        "manufactured_on": timezone.localdate() - relativedelta(months=6),
        "buyer_national_id": buyer,
        "buyer_name": "Buyer",
        "importer_name": "Importer Ltd",
        "entitlement_source": "national_insurance",
        "entitlement_originals": True,
        "previous_rights_unsettled": False,
        "previous_rights_receipt": False,
        "adaptation_codes": ["60"],
        "actor": None,
        **changes,
    }
    return services.importer_file_open(**fields)


def release(importer_file):
    return services.importer_file_release(
        importer_file=importer_file, released_on=timezone.localdate(), customs_reference="C-1",
        actor=None,
    )  # fmt: skip


def test_badge_43_entitlement_originals_and_previous_rights_receipt_required():
    with pytest.raises(ValidationError) as error:
        open_file(entitlement_originals=False, previous_rights_unsettled=True)
    assert len(error.value.messages) == 2
    assert open_file(previous_rights_unsettled=True, previous_rights_receipt=True).pk


def test_badge_44_buyer_in_fifth_owner_row_and_adaptations_as_restrictions():
    importer_file = open_file()
    vehicle = importer_file.vehicle
    assert vehicle.reported_disabled_national_id == VALID_NATIONAL_IDS[0]
    assert set(vehicle.restrictions.values_list("code", flat=True)) == {"60"}
    assert importer_file.close_by - importer_file.opened_at == timedelta(hours=48)


def test_badge_45_release_sets_restriction_11_and_approves_tariff_06():
    Holder()
    importer_file = release(open_file())
    vehicle = importer_file.vehicle
    vehicle.refresh_from_db()
    assert vehicle.restrictions.filter(code="11", removed_on__isnull=True).exists()
    assert importer_file.tariff_outcome == TariffOutcome.APPROVED
    assert vehicle.tariff_code == DISABLED_TARIFF


def test_badge_45_second_exempt_vehicle_gets_the_badge_33_difference():
    holder = Holder()
    services.exemption_grant(
        person=holder.person, vehicle=holder.vehicle, owner_relation=OwnerRelation.SELF,
        starts_on=date(2024, 1, 1), actor=None,
    )  # fmt: skip
    importer_file = release(open_file())
    assert importer_file.tariff_outcome == TariffOutcome.DIFFERENCE_REQUIRED
    assert importer_file.tariff_refusal_reasons == str(IneligibleReason.OTHER_VEHICLE_EXEMPT.label)


def test_issue_16_tariff_refusal_is_stored_as_codes_and_read_in_each_language():
    """The refusal is kept as the reasons' codes: the English-speaking clerk reads English and
    the Hebrew-speaking one Hebrew, whoever's request released the vehicle."""
    holder = Holder()
    services.exemption_grant(
        person=holder.person, vehicle=holder.vehicle, owner_relation=OwnerRelation.SELF,
        starts_on=date(2024, 1, 1), actor=None,
    )  # fmt: skip
    with translation.override("he"):
        importer_file = release(open_file())
    importer_file.refresh_from_db()
    reason = IneligibleReason.OTHER_VEHICLE_EXEMPT.label
    with translation.override("en"):
        english = str(reason)
    with translation.override("he"):
        hebrew = str(reason)
    assert english != hebrew
    assert importer_file.tariff_refusal_reasons.in_language("en") == english
    assert importer_file.tariff_refusal_reasons.in_language("he") == hebrew


def test_badge_45_unknown_buyer_not_entitled():
    importer_file = release(open_file(buyer=VALID_NATIONAL_IDS[7]))
    assert importer_file.tariff_outcome == TariffOutcome.NOT_ELIGIBLE


def test_badge_32_full_amount_printed_at_importer_is_redone():
    Holder()
    importer_file = release(open_file())
    full = reduced_fee("importer_full")
    assert services.importer_licence_printed(
        importer_file=importer_file, printed_amount=full, actor=None
    )
    with pytest.raises(ValidationError):
        services.importer_file_close(
            importer_file=importer_file, two_vehicles_notice_given=False, actor=None
        )
    assert not services.importer_licence_printed(
        importer_file=importer_file, printed_amount=reduced_fee("importer_reduced"), actor=None
    )
    closed = services.importer_file_close(
        importer_file=importer_file, two_vehicles_notice_given=False, actor=None
    )
    assert closed.status == ImporterFileStatus.CLOSED


def test_badge_46_two_vehicles_notice_required_and_48_hour_flag():
    holder = Holder()
    holder.second_vehicle()
    from parking_badges.models import BadgeVehicle

    BadgeVehicle.objects.create(
        person=holder.person, vehicle=holder.second_vehicle(), ground="owner",
        added_on=date(2024, 2, 1),
    )  # fmt: skip
    opened = timezone.now() - timedelta(hours=49)
    importer_file = open_file(now=opened)
    assert [f.overdue for f in selectors.importer_files()] == [True]
    services.importer_file_release(
        importer_file=importer_file, released_on=timezone.localdate(), customs_reference="C",
        actor=None,
    )  # fmt: skip
    importer_file.refresh_from_db()
    with pytest.raises(ValidationError) as error, translation.override("en"):
        services.importer_file_close(
            importer_file=importer_file, two_vehicles_notice_given=False, actor=None
        )
    assert any("two vehicles" in m for m in error.value.messages)
