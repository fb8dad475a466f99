"""Monthly statements and payments (GAR-9, GAR-18): orders counted once, statements produced
again when a withheld line is completed, payments reconciled against what is due."""

from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from garnishment.models import MonthlyStatement
from garnishment.services import statements_produce

from .helpers import good_row, submit

pytestmark = pytest.mark.django_db

MAY, JUNE = date(2026, 5, 1), date(2026, 6, 1)
CLOCK = ZoneInfo("Asia/Jerusalem")


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


def test_gar_9_a_completed_line_produces_the_statement_again_for_both_sides(
    client, bank, city, submitter, clerk
):
    # May: A-1 withheld (debtor's name missing, 19 withheld), A-2 billed 19.
    submit(bank, submitter, [good_row(debtor_name=""), good_row(order_number="A-2")], period=MAY)
    statements_produce(period=MAY)
    may = MonthlyStatement.objects.get()
    assert (may.withheld_count, may.payable_amount) == (1, Decimal("19"))
    # June: the corrected A-1 completes the withheld May line; no month-end job runs.
    submit(bank, submitter, [good_row()], period=JUNE)
    may.refresh_from_db()
    # Payable 19 + 19 = 38, nothing withheld any more.
    assert (may.withheld_count, may.withheld_amount, may.payable_amount) == (0, 0, Decimal("38"))
    produced = f"{may.generated_at.astimezone(CLOCK):%d/%m/%Y %H:%M}"
    for user in (submitter, clerk):
        client.force_login(user)
        page = client.get(reverse("garnishment:statement_detail", args=[may.pk])).content.decode()
        assert "38.00" in page and produced in page
        csv_text = b"".join(
            client.get(reverse("garnishment:statement_csv", args=[may.pk])).streaming_content
        ).decode()
        assert "38.00" in csv_text and produced in csv_text
