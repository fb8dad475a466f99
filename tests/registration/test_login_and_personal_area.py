"""Citizen login (REG-20) and the personal area (REG-24)."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from registration.models import IdentityAttempt
from taxportal import personal_area
from taxportal.personal_area import Section
from taxportal.roles import Role
from tests.factories import TEST_PASSWORD

from .factories import USER_CODE

pytestmark = pytest.mark.django_db
LOGIN = reverse("registration:login")
AREA = reverse("registration:personal_area")


def login_post(client, national_id="629923129", code=USER_CODE, password=TEST_PASSWORD, **extra):
    data = {"national_id": national_id, "user_code": code, "password": password, **extra}
    return client.post(LOGIN, data)


def test_reg_20_citizen_logs_in_with_identity_number_code_and_password(registered, client):
    registered()
    response = login_post(client, code=USER_CODE.lower())
    assert response.url == AREA
    assert IdentityAttempt.objects.get().outcome == "succeeded"


@pytest.mark.parametrize(
    "wrong", [{"code": "ZZZZ2345"}, {"password": "nope"}, {"national_id": "973669468"}]
)
def test_reg_20_any_wrong_part_gives_the_same_message(registered, client, wrong):
    registered()
    response = login_post(client, **wrong)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "מספר הזהות, קוד המשתמש או הסיסמה שגויים."
    ]


def test_reg_11_repeated_wrong_logins_are_locked_out(registered, client):
    registered()
    for _ in range(5):
        login_post(client, password="nope")
    response = login_post(client)  # even the right password
    assert response.url == reverse("registration:locked")


def test_reg_21_login_goes_on_to_next_only_on_this_site(registered, client):
    registered()
    assert login_post(client, next="/badges/").url == "/badges/"
    client.logout()
    assert login_post(client, next="https://evil.example.com/").url == AREA


def test_reg_24_visitors_are_sent_to_the_citizen_login(client, db):
    response = client.get(AREA)
    assert response.url.startswith(LOGIN)


def test_reg_24_other_roles_are_refused(client_as):
    assert client_as(Role.INSPECTOR).get(AREA).status_code == 403


def test_reg_24_personal_area_shows_level_and_contact_details(registered, client):
    profile = registered(level="low")
    client.force_login(profile.user)
    html = client.get(AREA).content.decode()
    assert "נמוכה" in html
    assert "+972502345678" in html and "citizen@example.com" in html
    assert reverse("registration:update_contact") in html


@pytest.fixture
def sections(monkeypatch):
    """Replace the registered providers with `count` test sections (one hidden at low level)."""
    providers = []
    monkeypatch.setattr(personal_area, "_providers", providers)

    def install(count):
        providers.clear()
        for number in range(count):

            def provider(user, level, number=number):
                if number == 0 and level == "low":
                    return Section(
                        title="Hidden service",
                        template="registration/personal_area/case_list.html",
                        hidden_reason="Only at the high level.",
                    )
                return Section(
                    title=f"Service {number}",
                    template="registration/personal_area/case_list.html",
                    context={"cases": [{"label": f"case-{number}", "status": "open", "url": ""}]},
                    service_url="/badges/",
                )

            providers.append(provider)

    return install


def test_reg_24_each_apps_section_is_rendered_or_hidden_with_its_reason(
    registered, client, sections
):
    sections(3)
    profile = registered(level="low")
    client.force_login(profile.user)
    html = client.get(AREA).content.decode()
    assert "Only at the high level." in html
    assert "case-0" not in html
    assert "case-1" in html and "case-2" in html


@pytest.mark.parametrize("count", [1, 8])
def test_reg_24_personal_area_queries_do_not_grow_with_sections(
    registered, client, sections, count, django_assert_max_num_queries
):
    sections(count)
    profile = registered()
    client.force_login(profile.user)
    with django_assert_max_num_queries(8):
        assert client.get(AREA).status_code == 200


def test_reg_23_logged_in_citizen_updates_consent_at_once(registered, client):
    profile = registered()
    client.force_login(profile.user)
    form = client.get(reverse("registration:update_contact")).context["form"]
    data = {**{k: form.initial[k] for k in form.initial}, "consent_sms": "yes"}
    response = client.post(reverse("registration:update_contact"), data)
    assert response.url == AREA
    profile.refresh_from_db()
    assert profile.consent_sms is True


def test_demo_citizen_reaches_the_personal_area_with_the_demo_user_code(settings, client):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    response = login_post(
        client, national_id="534640974", code="DANA2468", password="demo-pass-2026"
    )
    assert response.url == AREA
    assert "גבוהה" in client.get(AREA).content.decode()
