"""In a real browser, with the demo data: a valuer takes a declaration from 1 through 6 (the
agent enters the new one) to 2; the pages are axe-clean and fit 320 px."""

import pytest
from django.core.management import call_command

from customs_valuation.declarations.choices import DeclarationStatus as D
from customs_valuation.declarations.models import ImporterDeclaration
from taxportal.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DEMO_PASSWORD = "demo-pass-2026"


def _fits(page, width=320) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width


def _submit(page, form_selector):
    with page.expect_navigation():
        page.click(f"{form_selector} button[type=submit]")


def test_cus_27_a_valuer_takes_a_declaration_from_1_through_6_to_2(
    page, browser_login, axe_violations
):
    call_command("load_demo", force=True, verbosity=0)
    declaration = ImporterDeclaration.objects.get(status=D.NOT_HANDLED)
    page.set_viewport_size({"width": 320, "height": 800})
    browser_login(User.objects.get(username="customs_valuer"), DEMO_PASSWORD)
    assert page.url.endswith("/customs/declarations/queue/")
    assert axe_violations() == []
    assert _fits(page)
    with page.expect_navigation():
        page.click(f"a[href='/customs/declarations/declarations/{declaration.pk}/']")
    assert axe_violations() == []
    assert _fits(page)
    # The supplier first (CUS-41), then the declaration: a mismatch with the invoice (6).
    page.check("input[name=status][value='2']")
    _submit(page, f"form[action$='/{declaration.pk}/supplier-status/']")
    page.check("#id_found_6")
    page.fill("#id_reason_6", "הכתובת בתצהיר אינה זו שבחשבונית הספק.")
    _submit(page, "#check-form")
    assert page.locator("#declaration-status").get_attribute("data-status") == "6"

    # The agent enters the new declaration, which starts at 3.
    page.context.clear_cookies()
    browser_login(User.objects.get(username="customs_agent"), DEMO_PASSWORD)
    page.goto(f"/customs/declarations/agent/declarations/{declaration.pk}/")
    assert page.locator("[data-status]").get_attribute("data-status") == "6"
    assert axe_violations() == []
    assert _fits(page)
    with page.expect_navigation():
        page.click(f"a[href$='/{declaration.pk}/replace/']")
    _submit(page, "main form")
    new = ImporterDeclaration.objects.get(replaces=declaration)
    assert new.status == D.CORRECTION_AWAITING

    # The valuer approves it: 2.
    page.context.clear_cookies()
    browser_login(User.objects.get(username="customs_valuer"), DEMO_PASSWORD)
    page.goto(f"/customs/declarations/declarations/{new.pk}/")
    _submit(page, "#check-form")
    assert page.locator("#declaration-status").get_attribute("data-status") == "2"
    new.refresh_from_db()
    assert new.status == D.APPROVED


def test_the_agents_and_units_pages_are_accessible_and_fit_a_phone(
    page, browser_login, axe_violations
):
    call_command("load_demo", force=True, verbosity=0)
    page.set_viewport_size({"width": 320, "height": 800})
    browser_login(User.objects.get(username="customs_agent"), DEMO_PASSWORD)
    for path in ("agent/", "agent/suppliers/", "agent/declarations/", "agent/entries/new/",
                 "agent/blocks/", "agent/inbox/"):  # fmt: skip
        page.goto(f"/customs/declarations/{path}")
        assert axe_violations() == [], path
        assert _fits(page), path
    page.context.clear_cookies()
    browser_login(User.objects.get(username="valuation_unit"), DEMO_PASSWORD)
    assert page.url.endswith("/customs/declarations/database/")
    assert axe_violations() == []
    assert _fits(page)
