"""BADGE-14 under load: two clerks print the same holder's badge at the same moment; the row
lock on the holder leaves exactly one valid badge. PostgreSQL only (SQLite locks the file)."""

import threading

import pytest
from django.db import connection, connections

from parking_badges import services
from parking_badges.models import Badge, BadgeReason, BadgeStatus
from taxportal.roles import Role

from .factories import TODAY, ApprovalFactory, BadgeVehicleFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_badge_14_two_clerks_printing_at_once_leave_one_valid_badge(make_user):
    entry = BadgeVehicleFactory()
    ApprovalFactory(person=entry.person)
    clerks = [make_user(Role.LICENSING_CLERK), make_user(Role.MOBILITY_CLERK)]
    start = threading.Barrier(len(clerks))
    errors = []

    def print_as(clerk):
        try:
            start.wait()
            services.badge_print(
                actor=clerk, person=entry.person, reason=BadgeReason.NEW, today=TODAY
            )
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=print_as, args=(c,)) for c in clerks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    badges = list(Badge.objects.filter(person=entry.person).order_by("id"))
    assert len(badges) == 2
    assert [b.status for b in badges] == [BadgeStatus.SUPERSEDED, BadgeStatus.ORDERED]
    assert badges[0].superseded_by == badges[1]
