"""Two roles in a real browser: each lands on its own page, is refused the other's, in RTL."""

import pytest

from taxportal.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_roles_are_kept_apart_in_the_browser(page, make_user, browser_login):
    clerk = make_user(Role.LICENSING_CLERK)
    inspector = make_user(Role.INSPECTOR)

    browser_login(clerk)
    assert page.url.endswith("/badges/queue/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "he"
    assert page.goto("/badges/check/").status == 403

    page.context.clear_cookies()
    browser_login(inspector)
    assert page.url.endswith("/badges/check/")
    assert page.goto("/badges/queue/").status == 403


def test_skip_link_and_language_switch(page):
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#content"
    with page.expect_navigation():
        page.click("button[name=language][value=en]")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("h1").inner_text() == "Tax Authority online services"


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/terms/"])
def test_platform_pages_have_no_serious_accessibility_findings(page, axe_violations, path):
    page.goto(path)
    assert axe_violations() == []


def test_error_summary_links_to_the_field(page):
    page.goto("/accounts/login/")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.click("#error-summary a[href='#id_username']")
    assert page.evaluate("document.activeElement.id") == "id_username"


@pytest.mark.parametrize("language", ["he", "en"])
def test_issue_16_error_summary_has_the_focus_after_a_failed_submit(page, live_server, language):
    """GOV.UK: the summary of what went wrong is what a screen reader reads first, and each of
    its items says what to do for its field (portal.js moves the focus; no inline script)."""
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.goto("/accounts/login/")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.wait_for_load_state("load")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.locator("#error-summary li").count() == 2
    assert page.locator("script:not([src])").count() == 0
