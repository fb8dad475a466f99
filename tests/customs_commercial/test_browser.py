"""In a real browser at 320 px, with the demo data: the valuer adds a worksheet line through the
form and sets the transaction value; every page of part 2.2 is axe-clean and fits the phone."""

import pytest
from django.core.management import call_command

from customs_valuation.commercial.models import CommercialCase, CommercialNotice
from taxportal.models import User
from tests.pages import confirm

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DEMO_PASSWORD = "demo-pass-2026"


def _fits(page, width=320) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width


def _clean(page, axe_violations, where):
    assert axe_violations() == [], where
    assert _fits(page), where


def test_the_worksheet_at_320_px_a_line_added_and_the_value_set(
    page, browser_login, axe_violations
):
    call_command("load_demo", force=True, verbosity=0)
    case = CommercialCase.objects.get(entry__number="DEMO-C-2001")
    page.set_viewport_size({"width": 320, "height": 800})
    browser_login(User.objects.get(username="customs_valuer"), DEMO_PASSWORD)
    page.goto(f"/customs/commercial/cases/{case.pk}/worksheet/")
    _clean(page, axe_violations, "worksheet")
    page.select_option("#id_line-kind", "freight")
    page.fill("#id_line-amount", "1150.00")
    page.select_option("#id_line-freight", "carriage")
    with page.expect_navigation():
        page.click("#line-form button[type=submit]")
    assert page.locator("tr[data-kind=freight][data-included='1']").count() == 1
    # 24,000 + 1,150 = 25,150.00 USD; 87,600 + 4,197.50 = 91,797.50 NIS.
    assert "91,797.50" in page.locator("#total-shekels").inner_text()
    _clean(page, axe_violations, "worksheet with a line")
    # The trigger (j) is resolved on the first page; then the value is set with its notice.
    page.goto(f"/customs/commercial/cases/{case.pk}/")
    _clean(page, axe_violations, "overview")
    page.click("#trigger-j summary")
    page.check("#id_trigger-j-marked")
    page.fill("#id_trigger-j-resolution", "Buying agent: agreement on file.")
    with page.expect_navigation():
        page.click("#trigger-j form button[type=submit]")
    page.goto(f"/customs/commercial/cases/{case.pk}/decision/")
    _clean(page, axe_violations, "decision")
    page.fill("#id_set_value-reasons", "FOB Hong Kong: the freight to Haifa is added.")
    with page.expect_navigation():
        page.click("#set-value-form button[type=submit]")
    assert not CommercialNotice.objects.filter(case=case).exists()  # not before it is confirmed
    confirm(page)
    notice = CommercialNotice.objects.get(case=case)
    assert str(notice.value) == "91797.50"


def test_every_commercial_page_is_accessible_and_fits_a_phone(page, browser_login, axe_violations):
    call_command("load_demo", force=True, verbosity=0)
    cases = {c.entry.number: c.pk for c in CommercialCase.objects.select_related("entry")}
    page.set_viewport_size({"width": 320, "height": 800})
    browser_login(User.objects.get(username="customs_valuer"), DEMO_PASSWORD)
    second = cases["DEMO-C-2002"]
    for path in (
        "queue/",
        f"cases/{second}/",
        f"cases/{second}/documents/",
        f"cases/{second}/worksheet/",
        f"cases/{second}/decision/",
        f"cases/{cases['DEMO-C-2001']}/documents/",
    ):
        page.goto(f"/customs/commercial/{path}")
        _clean(page, axe_violations, path)
    page.goto("/customs/commercial/queue/")
    with page.expect_navigation():
        page.click("a[href$='/open/']")
    _clean(page, axe_violations, "open a case")
    page.context.clear_cookies()
    browser_login(User.objects.get(username="customs_chief"), DEMO_PASSWORD)
    assert page.url.endswith("/customs/commercial/queue/")
    _clean(page, axe_violations, "chief's queue")
    page.goto(f"/customs/commercial/cases/{cases['DEMO-C-2003']}/decision/")
    _clean(page, axe_violations, "chief's decision page")
    page.context.clear_cookies()
    browser_login(User.objects.get(username="customs_agent"), DEMO_PASSWORD)
    third = cases["DEMO-C-2003"]
    notice = CommercialNotice.objects.filter(case_id=third).first()
    for path in (
        "agent/",
        f"agent/cases/{third}/",
        f"agent/cases/{cases['DEMO-C-2001']}/",
        "agent/assists/",
        "agent/credit-notes/",
        f"notices/{notice.pk}/",
    ):
        page.goto(f"/customs/commercial/{path}")
        _clean(page, axe_violations, path)
    page.context.clear_cookies()
    browser_login(User.objects.get(username="customs_director"), DEMO_PASSWORD)
    assert page.url.endswith("/customs/commercial/freight-notices/")
    _clean(page, axe_violations, "freight notices")
