"""A submitter uploads a report with bad lines in the browser and sees each one (GAR-11); the
submitter's and the authority's pages pass axe-core without serious findings (GAR-18)."""

from datetime import date
from decimal import Decimal

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


def test_the_new_garnishment_pages_fit_a_phone_and_pass_axe(
    page, browser_login, bank, city, submitter, clerk, axe_violations, tmp_path, settings
):
    """A refused upload, a report that failed, a statement with payments and its balance, and
    a recognition waiting for review: axe-core clean, no sideways scrolling at 320 px."""
    from garnishment.models import Report
    from garnishment.services import payment_record, report_fail, third_party_request_recognition

    from .helpers import submit_file

    settings.GARNISHMENT_SYNC_LINES = 0
    failed, _ = submit_file(bank, submitter, csv_bytes([good_row(order_number="F-1")]), "csv")
    report_fail(report_id=failed.pk, error="demo", problem={
        "field": "file", "code": "encoding_at_line", "line": 2,
        "message": "Line 2 cannot be read.", "message_he": "לא ניתן לקרוא את שורה 2.",
    })  # fmt: skip
    settings.GARNISHMENT_SYNC_LINES = 20000
    submit(bank, submitter, [good_row(), good_row(order_number="A-2", debtor_name="")])
    statements_produce(period=date(2026, 5, 1))
    payment_record(
        authority=city,
        third_party=bank,
        period=date(2026, 5, 1),
        amount=Decimal("10.00"),
        paid_on=date(2026, 6, 1),
        reference="P-1",
        actor=clerk,
    )
    third_party_request_recognition(
        third_party=bank, details={"security_officer_name": "Dana New"}, actor=submitter
    )
    page.set_viewport_size({"width": 320, "height": 640})

    def fits(path: str) -> None:
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
        assert axe_violations() == [], path

    browser_login(submitter)
    wrong = tmp_path / "wrong.csv"
    wrong.write_bytes(b"name,amount\nx,1\n")
    page.fill("input[name=period]", "2026-05")
    page.set_input_files("input[name=file]", str(wrong))
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator(".error-summary, #error-summary, [role=alert]").count() >= 1
    fits("refused upload")
    for path in (
        f"/garnishment/reports/{failed.pk}/",
        "/garnishment/recognition/",
    ):
        page.goto(path)
        fits(path)
    assert Report.objects.filter(pk=failed.pk).exists()
    page.context.clear_cookies()
    browser_login(clerk)
    for path in ("/garnishment/authority-home/", "/garnishment/statements/"):
        page.goto(path)
        fits(path)
    with page.expect_navigation():
        page.click("main table a")
    assert page.locator("#statement-balance").count() == 1
    fits("statement")
