"""Two reports about the same order at the same moment still bill it once (GAR-7)."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from garnishment.models import Order, ReportLine

from .helpers import ASSETS, good_row, submit

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (SQLite locks all)"
    ),
]


def test_gar_7_concurrent_reports_bill_an_order_once(bank, city, submitter):
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def send(case_number: str) -> None:
        try:
            start.wait()
            submit(bank, submitter, [good_row(case_number=case_number)], date(2026, 5, 1))
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(n,)) for n in ("1", "2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert Order.objects.get().billed_amount == ASSETS
    assert sorted(ReportLine.objects.values_list("fee_billed", flat=True)) == [0, ASSETS]
