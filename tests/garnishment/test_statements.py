"""Monthly statements and payments (GAR-9, GAR-18): orders counted once, statements produced
again when a withheld line is completed, payments reconciled against what is due."""

from datetime import date
from decimal import Decimal

import pytest

from garnishment.models import MonthlyStatement
from garnishment.services import statements_produce

from .helpers import good_row, submit

pytestmark = pytest.mark.django_db

MAY, JUNE = date(2026, 5, 1), date(2026, 6, 1)


def figures(statement: MonthlyStatement) -> tuple:
    return (
        statement.assets_found_count,
        statement.assets_found_amount,
        statement.no_assets_count,
        statement.no_assets_amount,
    )


def test_gar_18_an_order_upgraded_in_the_month_counts_once_at_19(bank, city, submitter):
    # A-1 answered "no assets" (2) and then "assets found" (+17) in May; A-2 "no assets" (2).
    submit(
        bank,
        submitter,
        [
            good_row(assets_found="no"),
            good_row(assets_found="yes", answered_on="2026-05-10"),
            good_row(order_number="A-2", assets_found="no"),
        ],
    )
    statements_produce(period=MAY)
    # One order at 19 (2 + 17 = 19) and one at 2: never A-1 counted at 2 as well.
    assert figures(MonthlyStatement.objects.get()) == (1, Decimal("19"), 1, Decimal("2"))


def test_gar_18_an_upgrade_in_a_later_month_counts_at_19_with_its_17(bank, city, submitter):
    submit(bank, submitter, [good_row(assets_found="no")], period=MAY)
    submit(bank, submitter, [good_row(assets_found="yes", case_number="7")], period=JUNE)
    statements_produce(period=MAY)
    statements_produce(period=JUNE)
    may = MonthlyStatement.objects.get(period=MAY)
    june = MonthlyStatement.objects.get(period=JUNE)
    assert figures(may) == (0, Decimal("0"), 1, Decimal("2"))  # its 2 where first billed
    assert figures(june) == (1, Decimal("17"), 0, Decimal("0"))  # 19 - 2 = 17 on upgrade
