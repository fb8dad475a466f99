"""Issue 15 in a real browser (headless Chromium): a citizen applies for a badge online with two
medical documents, in Hebrew at a phone's 320 px and in English, and a citizen answers a customs
notice; every page passes axe-core (no serious or critical finding)."""

import pytest

from parking_badges.models import BadgeApplication
from taxportal.models import Receipt
from tests.pages import fill_date
from tests.registration.factories import USER_CODE

from .conftest import PDF_BYTES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def accessible(axe_violations):
    def check():
        assert axe_violations() == []

    return check


@pytest.fixture
def documents(tmp_path):
    import io

    from PIL import Image

    report = tmp_path / "report.pdf"
    report.write_bytes(PDF_BYTES)
    scan = tmp_path / "scan.png"
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format="PNG")
    scan.write_bytes(buffer.getvalue())
    card = tmp_path / "id-card.pdf"
    card.write_bytes(PDF_BYTES)
    return [str(report), str(scan)], str(card)


def _apply(page, accessible, documents, continue_label):
    (medical, card) = documents
    page.goto("/badges/my/apply/")
    accessible()
    fill_date(page, "born_on", "5", "5", "1971")
    page.fill("input[name=street]", "Weizmann 5")
    page.fill("input[name=city]", "Holon")
    page.check("input[name=ground][value=legs]")
    page.set_input_files("input[name=documents]", medical)
    page.fill("input[name=vehicle1-number]", "1234567")
    page.select_option("select[name=vehicle1-ground]", "family")
    page.select_option("select[name=vehicle1-relation]", "spouse")
    page.select_option("select[name=vehicle1-evidence_kind]", "id_card_relation")
    page.set_input_files("input[name=vehicle1-evidence]", card)
    with page.expect_navigation():
        page.click(f"main form button:has-text('{continue_label}')")
    assert page.url.endswith("/badges/my/apply/check/")
    accessible()
    assert "report.pdf" in page.content() and "scan.png" in page.content()
    with page.expect_navigation():
        page.click("[data-testid=send-application]")
    assert "/receipts/" in page.url
    accessible()
    return page.inner_text("[data-testid=receipt-reference]")


@pytest.mark.parametrize(
    ("language", "width", "continue_label"), [("he", 320, "המשך"), ("en", 1024, "Continue")]
)
def test_issue_15_a_citizen_applies_online_with_two_documents(
    page,
    live_server,
    browser_login,
    citizen,
    accessible,
    documents,
    language,
    width,
    continue_label,
):
    page.set_viewport_size({"width": width, "height": 900})
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    user = citizen()
    browser_login(user, user_code=USER_CODE)
    page.goto("/registration/personal-area/")
    accessible()
    reference = _apply(page, accessible, documents, continue_label)
    application = BadgeApplication.objects.get()
    assert application.channel == "online" and application.documents.count() == 3
    assert Receipt.objects.get().reference == reference
    no_sideways = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert no_sideways
    page.goto("/registration/personal-area/")
    assert reference in page.content()
    accessible()


def test_issue_15_a_citizen_answers_a_customs_notice(
    page, live_server, browser_login, citizen, accessible, make_user
):
    from customs_valuation import reference as customs_reference
    from customs_valuation import services as customs
    from taxportal.roles import Role
    from tests.customs_valuation.factories import vehicle_case

    customs_reference.load()
    page.set_viewport_size({"width": 320, "height": 900})
    importer = citizen()
    officer = make_user(Role.CUSTOMS_OFFICER)
    case = vehicle_case(officer=officer, importer=importer, invoice="10000")
    customs.case_notice_of_intent(actor=officer, case=case, reasons="Too cheap.")
    browser_login(importer, user_code=USER_CODE)
    page.goto(f"/customs/my/{case.pk}/")
    accessible()
    page.goto(f"/customs/my/{case.pk}/answer/")
    accessible()
    page.fill("textarea[name=text]", "Bought at an auction; the receipt is attached.")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/receipts/" in page.url
    accessible()
    receipt = Receipt.objects.get()
    assert receipt.event == "customs.answer_received"
    assert receipt.reference in page.content()


def test_issue_15_the_other_request_pages_are_accessible_at_320_px(
    page, live_server, browser_login, citizen, accessible
):
    """A holder's new-badge and refund pages, and the receipt after asking for a new badge."""
    from tests.parking_badges.factories import Holder

    from .conftest import CITIZEN_ID

    Holder(national_id=CITIZEN_ID)
    page.set_viewport_size({"width": 320, "height": 900})
    browser_login(citizen(), user_code=USER_CODE)
    page.goto("/registration/personal-area/")
    accessible()
    for path in ("/badges/my/", "/badges/my/refund/", "/badges/my/new-badge/"):
        page.goto(path)
        accessible()
    page.check("input[name=reason][value=lost]")
    with page.expect_navigation():
        page.click("[data-testid=send-new-badge]")
    assert "/receipts/" in page.url
    accessible()
