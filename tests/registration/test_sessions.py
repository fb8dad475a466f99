"""Sessions end when the browser closes and after 30 minutes idle; the expired-session page
explains it and offers the citizen login, back to where the citizen was (REG-20)."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from taxportal.roles import Role
from tests.factories import TEST_PASSWORD

from .factories import USER_CODE

pytestmark = pytest.mark.django_db
AREA = reverse("registration:personal_area")
EXPIRED = reverse("session_expired")


@pytest.fixture(autouse=True)
def thirty_minutes(settings):
    settings.SESSION_IDLE_TIMEOUT = timedelta(minutes=30)


def test_the_session_cookie_ends_with_the_browser(registered, client):
    registered()
    response = client.post(
        reverse("registration:login"),
        {"national_id": "629923129", "user_code": USER_CODE, "password": TEST_PASSWORD},
    )
    cookie = response.cookies["sessionid"]
    assert cookie.value
    assert not cookie["expires"] and not cookie["max-age"]  # a browser-session cookie


def test_an_idle_citizen_is_logged_out_and_offered_to_return(registered, client):
    profile = registered()
    client.force_login(profile.user)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert client.get(AREA).status_code == 200
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        assert client.get(AREA).status_code == 200  # 29 minutes idle: still in
    with time_machine.travel(start + timedelta(minutes=29 + 31), tick=False):
        response = client.get("/customs/my/?page=2")
    target = urlsplit(response.url)
    assert target.path == EXPIRED
    assert parse_qs(target.query) == {"next": ["/customs/my/?page=2"]}
    assert "_auth_user_id" not in client.session
    page = client.get(response.url)
    assert page.status_code == 200
    # The page explains, and its button is the citizen login returning to the page.
    assert "30" in page.content.decode()
    login = urlsplit(page.context["login_url"])
    assert login.path == reverse("registration:login")
    assert parse_qs(login.query) == {"next": ["/customs/my/?page=2"]}


def test_an_idle_clerk_is_offered_the_staff_login(client, make_user):
    client.force_login(make_user(Role.LICENSING_CLERK))
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.get("/badges/queue/")
    with time_machine.travel(start + timedelta(minutes=31), tick=False):
        response = client.get("/badges/queue/")
    page = client.get(response.url)
    assert urlsplit(page.context["login_url"]).path == reverse("login")


def test_the_expired_page_never_sends_anyone_off_the_site(client, db):
    page = client.get(EXPIRED, {"next": "https://evil.example.com/"})
    assert page.context["login_url"] == reverse("registration:login")
