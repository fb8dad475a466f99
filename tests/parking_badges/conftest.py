import pytest

from parking_badges import services

from .factories import TODAY, ApprovalFactory, BadgeVehicleFactory


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded documents and print files go to a fresh folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"


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
