"""A clerk takes an application through the doctor's approval to a printed badge, in Hebrew."""

import pytest

from parking_badges.models import Badge, BadgeStatus, PrintFile
from taxportal.roles import Role
from tests.pages import confirm, fill_date

from .factories import VehicleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

APPLICANT = "197222334"


def test_clerk_takes_an_application_through_the_doctor_to_a_printed_badge(
    page, make_user, browser_login, tmp_path
):
    clerk = make_user(Role.MOBILITY_CLERK)
    doctor = make_user(Role.DEPARTMENT_DOCTOR)
    vehicle = VehicleFactory(owner=APPLICANT)
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.4 medical report\n%%EOF\n")

    browser_login(clerk)
    assert page.url.endswith("/badges/queue/")
    page.click("text=בקשה חדשה")
    page.fill("#id_national_id", APPLICANT)
    page.fill("#id_first_name", "רבקה")
    page.fill("#id_last_name", "אזולאי")
    fill_date(page, "born_on", "4", "3", "1960")
    page.fill("#id_street", "הרצל 5")
    page.fill("#id_city", "חולון")
    page.select_option("#id_ground", "wheelchair")
    page.set_input_files("#id_documents", str(report))
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator("h1").inner_text().startswith("בקשה")
    with page.expect_navigation():
        page.click("text=העברה לרופא האגף")
    assert page.locator("text=אצל רופא האגף").first.is_visible()

    page.context.clear_cookies()
    browser_login(doctor)
    assert page.url.endswith("/badges/doctor-queue/")
    with page.expect_navigation():
        page.click("table a")
    page.check("input[name=outcome][value=approved]")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator("input[name=confirmed][value=yes]").count() == 1  # nothing decided yet
    confirm(page)
    assert page.url.endswith("/badges/doctor-queue/")

    page.context.clear_cookies()
    browser_login(clerk)
    with page.expect_navigation():
        page.click("text=רבקה אזולאי")
    page.fill("#id_vehicle_number", vehicle.number)
    page.select_option("#id_ground", "owner")
    with page.expect_navigation():
        page.click("text=הוספת הרכב")
    assert page.locator(f"th:has-text('{vehicle.number}')").first.is_visible()
    page.select_option("#id_reason", "new")
    with page.expect_navigation():
        page.click("button:has-text('הדפסת התג')")
    assert Badge.objects.count() == 0  # nothing is printed before the clerk confirms
    confirm(page)
    badge = Badge.objects.get()
    assert badge.status == BadgeStatus.ORDERED
    assert page.locator("#badges").inner_text().count(badge.number) == 1

    page.goto("/badges/print-files/")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    badge = Badge.objects.get()
    assert badge.shown_status == BadgeStatus.SENT_TO_PRINT
    assert PrintFile.objects.get().badge_count == 1
