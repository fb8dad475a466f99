import pytest
from django.utils import translation

from parking_badges import services

from .factories import TODAY, ApprovalFactory, BadgeVehicleFactory


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded documents and print files go to a fresh folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def english_messages():
    """Rule messages are asserted in English (the msgid); pages are checked in Hebrew."""
    with translation.override("en"):
        yield


@pytest.fixture
def clerk(make_user):
    from taxportal.roles import Role

    return make_user(Role.MOBILITY_CLERK)


@pytest.fixture
def holder_with_vehicle(db):
    """An approved holder (permanent approval) with one owned vehicle on the file."""
    entry = BadgeVehicleFactory()
    ApprovalFactory(person=entry.person)
    return entry.person


@pytest.fixture
def print_badge(clerk):
    def do(person, reason="new", today=TODAY, **kwargs):
        return services.badge_print(
            actor=clerk, person=person, reason=reason, today=today, **kwargs
        )

    return do


@pytest.fixture(autouse=True)
def regular_fee_in_schedule(request):
    """BADGE-32: the regular annual fee comes from the fee schedule; every badge test that
    uses the database has the factories' 1,095.00 in force from 2000 (a test may add a later
    amount)."""
    from datetime import date

    if not (request.node.get_closest_marker("django_db") or "db" in request.fixturenames):
        return
    request.getfixturevalue("db")
    from parking_badges.models import FeeScheduleEntry

    from .factories import REGULAR_FEE

    FeeScheduleEntry.objects.create(
        context="regular_annual", amount=REGULAR_FEE, effective_from=date(2000, 1, 1)
    )
