"""Two officers deciding the same case at once: the row lock lets exactly one decide."""

import threading

import pytest
from django.db import connection, connections

from customs_valuation import services
from customs_valuation.models import CaseStatus

from .factories import vehicle_case

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_two_officers_decide_the_same_case_once(people):
    case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
    outcomes, barrier = [], threading.Barrier(2)

    def decide(service, **kwargs):
        barrier.wait()
        try:
            service(actor=people.officer, case=case, reasons="Decided.", **kwargs)
            outcomes.append("decided")
        except services.InvalidTransition:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide, args=(services.case_accept_declared_value,)),
        threading.Thread(target=decide, args=(services.case_notice_of_intent,)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["decided", "refused"]
    case.refresh_from_db()
    assert case.status in {CaseStatus.ACCEPTED, CaseStatus.NOTICE_OF_INTENT}
    assert case.decisions.count() == 1
