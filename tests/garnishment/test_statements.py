"""Monthly statements and payments (GAR-9, GAR-18): orders counted once, statements produced
again when a withheld line is completed, payments reconciled against what is due."""

from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from garnishment.models import MonthlyStatement, Payment
from garnishment.services import statements_produce
from taxportal.roles import Role

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


def pay(client, bank, **fields):
    data = {"action": "payment", "third_party": bank.pk, "period": "2026-05",
            "paid_on": "2026-06-20", "reference": "TRX", **fields}  # fmt: skip
    return client.post(reverse("garnishment:authority_home"), data)


def test_gar_9_the_clerk_confirms_an_advance_and_sees_the_balance(
    client, bank, city, submitter, clerk
):
    # May: 19 + 2 = 21.00 payable.
    submit(bank, submitter, [good_row(), good_row(order_number="A-2", assets_found="no")])
    statements_produce(period=MAY)
    client.force_login(clerk)
    refused = pay(client, bank, amount="5000000.00")
    assert refused.status_code == 200 and "21.00" in refused.content.decode()  # what is due
    assert not Payment.objects.exists()
    assert pay(client, bank, amount="15.00").status_code == 302
    home = client.get(reverse("garnishment:authority_home")).content.decode()
    assert "6.00" in home  # 21 - 15 = 6.00 to pay
    assert pay(client, bank, amount="10.00", advance="on").status_code == 302
    statement = MonthlyStatement.objects.get()
    page = client.get(reverse("garnishment:statement_detail", args=[statement.pk]))
    balance = page.content.decode().split('id="statement-balance">')[1].split("</td>")[0]
    assert "4.00" in balance  # 15 + 10 - 21 = 4.00 paid in advance
    assert Payment.objects.get(reference="TRX", amount=Decimal("10")).is_advance


@pytest.mark.parametrize("amount", ["99999999999999999999", "1000000000000.00", "1e15", "0", "-5"])
def test_gar_9_an_amount_that_fits_no_column_is_refused_clearly(client, bank, city, clerk, amount):
    client.force_login(clerk)
    response = pay(client, bank, amount=amount, advance="on")
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    assert not Payment.objects.exists()


def test_gar_9_a_payment_for_a_month_without_a_statement_is_an_advance(
    client, bank, city, clerk, make_user
):
    from garnishment.services import payment_record

    payment_record(
        authority=city,
        third_party=bank,
        period=JUNE,
        amount=Decimal("3.00"),
        paid_on=date(2026, 6, 20),
        reference="ADV",
        actor=clerk,
        advance=True,
    )
    # May has a statement: its payment is reconciled there, not listed as an advance.
    MonthlyStatement.objects.create(
        authority=city, third_party=bank, period=MAY, assets_found_count=1,
        assets_found_amount=Decimal("19.00"), no_assets_count=0, no_assets_amount=Decimal(0),
        withheld_count=0, withheld_amount=Decimal(0), due_on=date(2026, 6, 28),
    )  # fmt: skip
    payment_record(
        authority=city,
        third_party=bank,
        period=MAY,
        amount=Decimal("19.00"),
        paid_on=date(2026, 6, 21),
        reference="MAY-PAID",
        actor=clerk,
    )
    bank.name = "<b>\"Bank\" & 'Co'</b>"
    bank.save(update_fields=["name"])
    client.force_login(clerk)
    home = client.get(reverse("garnishment:authority_home")).content.decode()
    # The row as the template writes it, the third party's name escaped: June 2026, paid on
    # 20 June, 3 shekels.
    assert (
        '<tr><th scope="row">06/2026</th>'
        "<td><bdi>&lt;b&gt;&quot;Bank&quot; &amp; &#x27;Co&#x27;&lt;/b&gt;</bdi></td>"
        "<td><bdi>20/06/2026</bdi></td><td><bdi>ADV</bdi></td>"
        '<td class="num">3.00</td></tr>'
    ) in home
    assert "MAY-PAID" not in home
    admin = make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get(reverse("admin:garnishment_payment_changelist")).status_code == 200
