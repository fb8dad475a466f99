"""Issue 15 under load: the same event sent by two processes at the same moment is recorded and
told once (the unique (case, event, key) lets one insert win). PostgreSQL only."""

import threading

import pytest
from django.core import mail
from django.db import connection, connections

from taxportal.events import citizen_event
from taxportal.notifications.models import Notification
from tests.factories import VALID_NATIONAL_IDS

from .helpers import citizen, clear_outboxes

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]

NID = VALID_NATIONAL_IDS[4]


def test_issue_15_two_sends_of_one_event_at_once_tell_it_once():
    profile = citizen(NID)
    clear_outboxes()
    senders = 4
    start = threading.Barrier(senders)
    errors = []

    def send():
        try:
            start.wait()
            citizen_event.send(
                sender=type(profile.user),
                event="badges.approved",
                identity_number=NID,
                case=profile.user,
                key="decision-1",
                url="/badges/my/",
                params={"date": "2026-06-01"},
            )
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Notification.objects.filter(event="badges.approved").count() == 1
    assert len(mail.outbox) == 1
