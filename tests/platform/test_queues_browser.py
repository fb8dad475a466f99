"""Every clerk's queue on a 320 px phone, in Hebrew and in English (issue 16): no sideways
scrolling of the page, no serious axe-core finding, the days left (or the deadline) in view
beside the case, and the search used from the keyboard."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command

from garnishment.models import Report
from taxportal.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "demo-pass-2026"
WIDTH = 320
# (user, page, the column that must be in view beside the first one)
QUEUES = [
    ("licensing_clerk", "/badges/queue/", "#open-cases-table th:nth-child(2)"),
    ("licensing_clerk", "/badges/fees/", "#refunds-table th:nth-child(2)"),
    ("doctor", "/badges/doctor-queue/", "main table th:nth-child(2)"),
    ("importer_clerk", "/badges/importer/", None),
    ("customs_officer", "/customs/queue/", "main table th:nth-child(2)"),
    ("appeal_member", "/customs/appeals/", None),
    ("bank_submitter", "/garnishment/reports/", None),
    ("bank_submitter", "/garnishment/statements/", None),
    ("authority_finance", "/garnishment/authority-home/", None),
]


def _in_view(page, selector: str) -> bool:
    """The element's box lies within the phone's width (not scrolled off inside its table)."""
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= WIDTH


def test_every_queue_fits_a_phone_passes_axe_and_keeps_the_deadline_in_view(
    page, browser_login, axe_violations
):
    call_command("load_demo", force=True, verbosity=0)
    report = Report.objects.filter(third_party__submitters__user__username="bank_submitter")
    queues = [*QUEUES, ("bank_submitter", f"/garnishment/reports/{report.first().pk}/", None)]
    page.set_viewport_size({"width": WIDTH, "height": 700})
    checked = 0
    for language in ("he", "en"):
        for username, path, deadline in queues:
            page.context.clear_cookies()
            browser_login(User.objects.get(username=username), DEMO_PASSWORD)
            host = urlsplit(page.url).hostname
            page.context.add_cookies(
                [
                    {
                        "name": settings.LANGUAGE_COOKIE_NAME,
                        "value": language,
                        "domain": host,
                        "path": "/",
                    }
                ]
            )
            response = page.goto(path)
            assert response.status == 200, path
            assert page.locator("html").get_attribute("lang") == language, path
            assert page.locator("form[role=search] input[type=search]").count() == 1, path
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= WIDTH, f"{path} ({language}) is {width} px wide"
            assert axe_violations() == [], f"{path} ({language})"
            if deadline:
                assert _in_view(page, deadline), f"{path} ({language}): {deadline} off screen"
            checked += 1
    print(f"queues checked at {WIDTH} px: {checked} page loads")


def test_a_clerk_searches_the_queue_from_the_keyboard(page, browser_login):
    call_command("load_demo", force=True, verbosity=0)
    browser_login(User.objects.get(username="licensing_clerk"), DEMO_PASSWORD)
    first = page.locator("#open-cases-table tbody tr").count()
    assert first >= 1
    page.focus("#queue-q")
    page.keyboard.type("no such holder")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=no+such+holder" in page.url
    assert page.locator("#open-cases-table").count() == 0
    assert page.locator("#queue-q").input_value() == "no such holder"
    with page.expect_navigation():
        page.click("form[role=search] a:has-text('ניקוי')")
    assert page.locator("#open-cases-table tbody tr").count() == first
