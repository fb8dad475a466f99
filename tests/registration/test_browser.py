"""Registering the demo citizens in a real browser (headless Chromium), in Hebrew and in English,
with an accessibility check (axe-core) of every wizard step."""

import pytest
from django.core import mail

from registration import demo
from taxportal import sms
from tests.pages import fill_date

from .helpers import code_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Gila-Hamsa-77"
# The demo citizens' answers, as in fixtures/registration/taxpayer_records.json and the README.
HIGH_CITIZEN = "034567891"
HIGH_ANSWERS = {
    "work_grant_claim_number": "7731-2045",
    "phone_password": "48213",
    "income_tax_refund_amount": "2875.40",
    "assessment_number": "51234987",
}
LOW_CITIZEN = "045678919"
HEBREW = {"continue": "המשך", "log_in": "כניסה", "done": "תהליך רישום הסתיים בהצלחה"}
HEBREW |= {"go_on": "מעבר לשירות המבוקש", "area": "אזור אישי", "low": "נמוכה", "high": "גבוהה"}
ENGLISH = {
    "continue": "Continue",
    "log_in": "Log in",
    "done": "Registration completed successfully",
}
ENGLISH |= {"go_on": "Go to the service you asked for", "area": "Personal area"}
ENGLISH |= {"low": "Low", "high": "High"}


@pytest.fixture
def demo_records():
    demo.load(stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def accessible(axe_violations):
    """`accessible()`: assert the current page has no serious or critical axe-core finding."""

    def check():
        assert axe_violations() == []

    return check


def press(page, label):
    with page.expect_navigation():
        page.click(f"main form button:has-text('{label}')")


def enter(page, national_id, words, accessible):
    page.goto("/registration/")
    accessible()
    page.fill("input[name=national_id]", national_id)
    press(page, words["continue"])


def low_level_questions(page, words, accessible):
    assert page.locator("[aria-current=step]").count() == 1
    accessible()
    page.check("input[name=no_answers]")
    press(page, words["continue"])
    accessible()
    fill_date(page, "id_issue_date", "1", "2", "2015")
    page.fill("input[name=driving_licence_number]", "5512347")
    press(page, words["continue"])
    accessible()
    page.fill("input[name=vehicle_number]", "12-345-67")
    page.fill("input[name=parent_national_id]", "067891234")
    press(page, words["continue"])


def contact_details(page, channel, words, accessible):
    accessible()
    page.fill("input[name=mobile]", "050-234-5678")
    page.fill("input[name=email]", "demo@example.com")
    page.check(f"input[name=channel][value={channel}]")
    page.check("input[name=consent_sms][value=no]")
    page.check("input[name=consent_email][value=yes]")
    page.check("input[name=terms]")
    press(page, words["continue"])


def finish(page, code, national_id, level, words, accessible):
    assert words[level] in page.locator("main").inner_text()  # REG-17: the level reached
    accessible()
    page.fill("input[name=user_code]", code)
    press(page, words["continue"])
    accessible()
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    press(page, words["continue"])
    assert page.locator("h1").inner_text() == words["done"]
    accessible()
    with page.expect_navigation():
        page.click(f"text={words['go_on']}")
    accessible()
    page.fill("input[name=national_id]", national_id)
    page.fill("input[name=user_code]", code)
    page.fill("input[name=password]", PASSWORD)
    press(page, words["log_in"])
    assert page.url.endswith("/registration/personal-area/")
    assert page.locator("h1").inner_text() == words["area"]
    assert page.locator("[data-testid=level]").inner_text() == words[level]
    accessible()


def test_reg_browser_registers_the_low_level_demo_citizen(page, demo_records, accessible):
    enter(page, LOW_CITIZEN, HEBREW, accessible)
    assert page.locator("html").get_attribute("dir") == "rtl"
    low_level_questions(page, HEBREW, accessible)
    contact_details(page, "email", HEBREW, accessible)
    finish(page, code_in(mail.outbox[-1].body), LOW_CITIZEN, "low", HEBREW, accessible)


def test_reg_browser_registers_the_high_level_demo_citizen(page, demo_records, accessible):
    enter(page, HIGH_CITIZEN, HEBREW, accessible)
    accessible()
    question = page.locator("main form input[type=text]").first.get_attribute("name")
    page.fill(f"input[name={question}]", HIGH_ANSWERS[question])
    press(page, HEBREW["continue"])
    contact_details(page, "sms", HEBREW, accessible)
    finish(page, code_in(sms.outbox[-1].body), HIGH_CITIZEN, "high", HEBREW, accessible)


def test_reg_browser_registers_a_demo_citizen_in_english(page, demo_records, accessible):
    page.goto("/registration/")
    with page.expect_navigation():
        page.click("header button[name=language][value=en]")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("h1").inner_text() == "Tax Authority customer entry"
    enter(page, LOW_CITIZEN, ENGLISH, accessible)
    low_level_questions(page, ENGLISH, accessible)
    contact_details(page, "email", ENGLISH, accessible)
    message = mail.outbox[-1]
    assert "user code" in message.body  # REG-18: the message in the citizen's language
    finish(page, code_in(message.body), LOW_CITIZEN, "low", ENGLISH, accessible)


def test_reg_7_browser_offers_a_new_set_of_high_level_questions(page, demo_records, accessible):
    enter(page, HIGH_CITIZEN, HEBREW, accessible)
    first = page.locator("main form input[type=text]").first.get_attribute("name")
    press(page, HEBREW["continue"])
    assert "אסופה חדשה" in page.locator("main").inner_text()
    second = page.locator("main form input[type=text]").first.get_attribute("name")
    assert second != first
    accessible()
    page.fill(f"input[name={second}]", HIGH_ANSWERS[second])
    press(page, HEBREW["continue"])
    assert page.url.endswith("/registration/questions/contact/")


def fits_a_phone(page):
    """No sideways scrolling, and Continue spans the screen within reach of a thumb."""
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = page.locator("main form button[value=next]").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert box["width"] > 300 and box["height"] >= 44


def test_reg_3_the_wizard_fits_a_phone_in_hebrew(page, demo_records):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/registration/")
    fits_a_phone(page)
    page.fill("input[name=national_id]", LOW_CITIZEN)
    press(page, HEBREW["continue"])
    fits_a_phone(page)
    page.check("input[name=no_answers]")
    press(page, HEBREW["continue"])
    fits_a_phone(page)
    fill_date(page, "id_issue_date", "1", "2", "2015")
    page.fill("input[name=driving_licence_number]", "5512347")
    press(page, HEBREW["continue"])
    fits_a_phone(page)
    page.fill("input[name=vehicle_number]", "12-345-67")
    page.fill("input[name=parent_national_id]", "067891234")
    press(page, HEBREW["continue"])
    fits_a_phone(page)
