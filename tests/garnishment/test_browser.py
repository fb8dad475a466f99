"""A submitter uploads a report with bad lines in the browser and sees each one (GAR-11); the
submitter's and the authority's pages pass axe-core without serious findings (GAR-18)."""

from datetime import date

import pytest

from garnishment.services import statements_produce

from .helpers import csv_bytes, good_row, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_gar_11_submitter_uploads_a_file_and_sees_its_bad_lines(
    page, browser_login, submitter, city, tmp_path, axe_violations
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
    assert axe_violations() == []  # the report page with bad lines
    page.goto("/garnishment/reports/")
    assert page.locator("main table").count() == 1
    assert axe_violations() == []  # the submitter's reports page


def test_gar_18_authority_statement_page_is_accessible(
    page, browser_login, bank, city, submitter, clerk, axe_violations
):
    submit(bank, submitter, [good_row(), good_row(order_number="A-2", debtor_name="")])
    statements_produce(period=date(2026, 5, 1))
    browser_login(clerk)
    page.goto("/garnishment/statements/")
    with page.expect_navigation():
        page.click("main table a")
    assert "/garnishment/statements/" in page.url
    assert page.locator("main h1").count() == 1
    assert axe_violations() == []
    page.goto("/garnishment/authority-home/")
    assert axe_violations() == []
