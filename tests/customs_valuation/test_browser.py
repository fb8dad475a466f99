"""In a real browser, with the demo data: an officer values the walkthrough vehicle with a notice
of intent and prints it; the importer reads it and answers."""

import pytest
from django.core.management import call_command

from customs_valuation.models import CaseStatus, ValuationCase
from taxportal.models import User
from tests.pages import confirm

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]
DEMO_PASSWORD = "demo-pass-2026"


def test_officer_sends_a_notice_of_intent_and_the_importer_answers(page, browser_login):
    call_command("load_demo", force=True, verbosity=0)
    case = ValuationCase.objects.get(chassis_number="DEMO1HGCM82633A004352")

    browser_login(User.objects.get(username="customs_officer"), DEMO_PASSWORD)
    assert page.url.endswith("/customs/queue/")
    with page.expect_navigation():
        page.click(f"a[href='/customs/cases/{case.pk}/']")
    assert page.locator("tr[data-line=depreciation]").is_visible()
    assert page.locator(".badge.text-bg-danger").count() >= 1  # not reasonable
    with page.expect_navigation():
        page.click(f"a[href='/customs/cases/{case.pk}/do/decide/']")
    decisions = case.decisions.count()
    page.check("input[name=decision][value=notice]")
    page.fill("textarea[name=reasons]", "החשבונית נמוכה בהרבה מערך המחירון בניכוי עלויות היבוא.")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert case.decisions.count() == decisions  # nothing is sent before the officer confirms
    confirm(page)
    assert "/notices/" in page.url
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "החשבונית נמוכה" in page.content()
    pdf = page.request.get(page.url + "pdf/")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    page.context.clear_cookies()
    browser_login(User.objects.get(username="citizen"), DEMO_PASSWORD)
    page.goto("/customs/my/")
    with page.expect_navigation():
        page.click(f"a[href='/customs/my/{case.pk}/']")
    with page.expect_navigation():
        page.click(f"a[href='/customs/my/{case.pk}/answer/']")
    page.fill("textarea[name=text]", "הרכב נקנה במכירה פומבית; הקבלה מצורפת.")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    # Issue 15: the page after sending is the receipt, which links back to the case.
    assert "/receipts/" in page.url
    assert page.locator(f"a[href='/customs/my/{case.pk}/']").count() == 1
    case.refresh_from_db()
    assert case.status == CaseStatus.ANSWERED
    assert case.answers.get().text.startswith("הרכב נקנה")


def _demo_case(chassis: str) -> ValuationCase:
    return ValuationCase.objects.get(chassis_number=chassis)


def test_cus_8_officer_and_importer_pages_have_no_serious_accessibility_findings(
    page, browser_login, axe_violations
):
    call_command("load_demo", force=True, verbosity=0)
    intent = _demo_case("DEMO4TSLA3SR2021001")
    posted = _demo_case("DEMO12TOYOTACOROLLA2")  # CUS-4: its notice goes by post
    browser_login(User.objects.get(username="customs_officer"), DEMO_PASSWORD)
    for path in (
        "/customs/queue/",
        f"/customs/cases/{intent.pk}/",
        f"/customs/cases/{posted.pk}/",
        f"/customs/cases/{posted.pk}/do/delivery/",
    ):
        page.goto(path)
        assert axe_violations() == [], path
    page.context.clear_cookies()
    browser_login(User.objects.get(username="citizen"), DEMO_PASSWORD)
    for path in (f"/customs/my/{intent.pk}/", f"/customs/my/{intent.pk}/answer/"):
        page.goto(path)
        assert axe_violations() == [], path


def test_cus_8_importer_worksheet_scrolls_inside_its_container_on_a_phone(page, browser_login):
    call_command("load_demo", force=True, verbosity=0)
    intent = _demo_case("DEMO4TSLA3SR2021001")
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(User.objects.get(username="citizen"), DEMO_PASSWORD)
    for path in (
        f"/customs/my/{intent.pk}/",
        f"/customs/my/{intent.pk}/answer/",
        f"/customs/my/{intent.pk}/upload/",
    ):
        page.goto(path)
        page_width = page.evaluate("document.documentElement.scrollWidth")
        assert page_width <= 390, path
        worksheet = page.locator(".table-scroll:has(table.worksheet)")
        assert worksheet.evaluate("el => el.scrollWidth > el.clientWidth"), path
        assert page.locator("h1").count() == 1
