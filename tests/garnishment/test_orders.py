"""Delivery orders and the order's first received date (GAR-6, GAR-7 Decisions)."""

from datetime import date

import pytest

from garnishment.models import Order
from garnishment.rules import FeeReason

from .helpers import good_row, outcome, submit

pytestmark = pytest.mark.django_db


def delivery(**fields) -> dict:
    return good_row(order_kind="delivery", **fields)


def test_gar_7_delivery_order_naming_an_order_billed_at_2_bills_nothing_more(bank, city, submitter):
    submit(bank, submitter, [good_row(order_number="G-1", assets_found="no")])  # 2.00
    june, _ = submit(
        bank,
        submitter,
        [delivery(order_number="D-1", garnishment_order_number="G-1", assets_found="yes")],
        date(2026, 6, 1),
    )
    # Handing over money is part of handling G-1 (GAR-6): no upgrade to 19, nothing more.
    assert outcome(june) == [(2, "accepted", "0.00")]
    line = june.lines.get()
    assert line.fee_reason == FeeReason.DELIVERY_OF_BILLED_ORDER
    assert line.order.order_number == "G-1" and Order.objects.count() == 1


def test_gar_7_delivery_order_naming_no_known_order_is_an_order_of_its_own(bank, city, submitter):
    report, _ = submit(
        bank,
        submitter,
        [
            delivery(order_number="D-2", garnishment_order_number="UNKNOWN-7"),
            delivery(order_number="D-3", garnishment_order_number=""),
            good_row(order_number="D-4", order_kind="מסירה", assets_found="no"),
        ],
    )
    # "צו עיקול, לרבות צו מסירה": each is an electronic order: 19, 19 and 2.
    assert outcome(report) == [
        (2, "accepted", "19.00"),
        (3, "accepted", "19.00"),
        (4, "accepted", "2.00"),
    ]


def test_gar_7_a_wrong_kind_of_order_rejects_the_line(bank, city, submitter):
    report, _ = submit(bank, submitter, [good_row(order_kind="seizure")])
    line = report.lines.get()
    assert line.status == "rejected"
    assert [p["field"] for p in line.problems] == ["order_kind"]
