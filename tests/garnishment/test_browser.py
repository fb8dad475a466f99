"""A submitter uploads a report with bad lines in the browser and sees each one (GAR-11)."""

import pytest

from .helpers import csv_bytes, good_row

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_gar_11_submitter_uploads_a_file_and_sees_its_bad_lines(
    page, browser_login, submitter, city, tmp_path
):
    report_file = tmp_path / "may.csv"
    report_file.write_bytes(
        csv_bytes(
            [
                good_row(),
                good_row(order_number="A-2", debtor_id="302466338"),
                good_row(order_number="A-3", debtor_name=""),
                good_row(order_number="A-4", authority="NOWHERE"),
            ]
        )
    )
    browser_login(submitter)
    assert page.url.endswith("/garnishment/reports/")
    page.fill("input[name=period]", "2026-05")
    page.set_input_files("input[name=file]", str(report_file))
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/garnishment/reports/" in page.url
    table = page.locator("#report-lines")
    assert table.locator("tr.line-accepted").count() == 1
    assert table.locator("tr.line-withheld").count() == 1
    assert table.locator("tr.line-rejected").count() == 2
    rejected = table.locator("tr.line-rejected").first.inner_text()
    assert "3" in rejected and "ספרת הביקורת" in rejected
    assert page.locator("#billed-total").inner_text() == "19.00"
