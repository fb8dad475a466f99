"""A licensing clerk records a transfer from a disabled owner and a refund, in the browser."""

import pytest

from parking_badges.models import OwnershipTransfer, RefundRequest
from taxportal.roles import Role
from tests.factories import VALID_NATIONAL_IDS
from tests.pages import confirm, fill_date

from .factories import Holder


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_clerk_records_a_transfer_and_a_refund(page, browser_login, make_user):
    seller = Holder(paid_reduced=True)
    refund_holder = Holder(national_id=VALID_NATIONAL_IDS[1])
    clerk = make_user(Role.LICENSING_CLERK)
    browser_login(clerk)

    page.goto("/badges/fees/")
    page.fill("input[name=number]", seller.vehicle.number)
    with page.expect_navigation():
        page.click("main form[role=search] button[type=submit]")
    with page.expect_navigation():
        page.click(f"a[href='/badges/fees/vehicles/{seller.vehicle.number}/transfer/']")
    page.fill("input[name=seller]", seller.person.national_id)
    page.fill("input[name=buyer_national_id]", VALID_NATIONAL_IDS[6])
    page.fill("input[name=buyer_name]", "קונה")
    page.fill("input[name=buyer_phone]", "052-987-6543")
    fill_date(page, "transferred_on", "2", "7", "2025")
    page.check("input[name=transfer_fee_payer][value=buyer]")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert not OwnershipTransfer.objects.exists()  # not before the clerk confirms
    confirm(page)
    assert page.locator(".alert-success").count() == 1
    assert page.locator(".badge.text-bg-danger", has_text="16").count() == 1
    transfer = OwnershipTransfer.objects.get()
    assert transfer.transfer_fee_payer == "buyer"
    assert transfer.fee_difference.status == "open"

    page.goto(f"/badges/fees/vehicles/{refund_holder.vehicle.number}/refund/")
    page.fill("input[name=person]", refund_holder.person.national_id)
    page.select_option("select[name=owner_relation]", "self")
    fill_date(page, "approval_date", "2", "7", "2025")
    fill_date(page, "ownership_date", "1", "1", "2022")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    refund = RefundRequest.objects.get()
    assert page.url.endswith(f"/badges/fees/refunds/{refund.pk}/")
    assert page.locator("tfoot").count() == 1  # the preview's total
    with page.expect_navigation():
        page.click("main form button.btn-success")
    refund.refresh_from_db()
    assert refund.status != "approved"  # not before the clerk confirms
    confirm(page)
    refund.refresh_from_db()
    assert refund.status == "approved"
    assert refund.lines.count() == 2
