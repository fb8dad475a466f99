"""Registering the demo citizens in a real browser (headless Chromium), in Hebrew."""

import pytest
from django.core import mail

from registration import demo
from taxportal import sms

from .helpers import code_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Gila-Hamsa-77"


@pytest.fixture
def demo_records():
    demo.load(stdout=open("/dev/null", "w"))  # noqa: SIM115


def press(page, label):
    with page.expect_navigation():
        page.click(f"main form button:has-text('{label}')")


def enter(page, national_id):
    page.goto("/registration/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.fill("input[name=national_id]", national_id)
    press(page, "המשך")


def contact_details(page, channel):
    page.fill("input[name=mobile]", "050-234-5678")
    page.fill("input[name=email]", "demo@example.com")
    page.check(f"input[name=channel][value={channel}]")
    page.check("input[name=consent_sms][value=no]")
    page.check("input[name=consent_email][value=yes]")
    page.check("input[name=terms]")
    press(page, "המשך")


def finish(page, code, national_id, level_he):
    assert level_he in page.locator("main").inner_text()  # REG-17: the level reached
    page.fill("input[name=user_code]", code)
    press(page, "המשך")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    press(page, "המשך")
    assert page.locator("h1").inner_text() == "תהליך רישום הסתיים בהצלחה"
    with page.expect_navigation():
        page.click("text=מעבר לשירות המבוקש")
    page.fill("input[name=national_id]", national_id)
    page.fill("input[name=user_code]", code)
    page.fill("input[name=password]", PASSWORD)
    press(page, "כניסה")
    assert page.url.endswith("/registration/personal-area/")
    assert page.locator("h1").inner_text() == "אזור אישי"
    assert page.locator("[data-testid=level]").inner_text() == level_he


def test_reg_browser_registers_the_low_level_demo_citizen(page, demo_records):
    enter(page, "045678919")
    assert page.locator("[aria-current=step]").count() == 1
    page.check("input[name=no_answers]")
    press(page, "המשך")
    page.fill("input[name=id_issue_date]", "01022015")
    page.fill("input[name=driving_licence_number]", "5512347")
    press(page, "המשך")
    page.fill("input[name=vehicle_number]", "12-345-67")
    page.fill("input[name=parent_national_id]", "067891234")
    press(page, "המשך")
    contact_details(page, "email")
    code = code_in(mail.outbox[-1].body)
    finish(page, code, "045678919", "נמוכה")


def test_reg_browser_registers_the_high_level_demo_citizen(page, demo_records):
    enter(page, "034567891")
    page.fill("input[name=phone_password]", "48213")
    press(page, "המשך")
    contact_details(page, "sms")
    code = code_in(sms.outbox[-1].body)
    finish(page, code, "034567891", "גבוהה")
