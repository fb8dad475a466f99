"""REG-20, REG-21: one way in for citizens. The staff login refuses them; every "log in" link,
every citizen page and every link in a message leads to the citizen login, keeping `next`."""

from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from customs_valuation import reference
from taxportal.roles import Role
from tests.customs_valuation.factories import vehicle_case
from tests.factories import TEST_PASSWORD

from .factories import USER_CODE, CitizenProfileFactory

pytestmark = pytest.mark.django_db
STAFF_LOGIN = reverse("login")
LOGIN = reverse("registration:login")
AREA = reverse("registration:personal_area")


def staff_login(client, username, password=TEST_PASSWORD, **extra):
    return client.post(STAFF_LOGIN, {"username": username, "password": password, **extra})


def test_reg_20_staff_login_refuses_a_citizen_and_links_to_the_citizen_login(registered, client):
    profile = registered()
    response = staff_login(client, profile.user.username, next="/customs/my/")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    html = response.content.decode()
    assert 'href="/registration/login/?next=%2Fcustoms%2Fmy%2F"' in html
    assert response.context["citizen_refused"] is True


def test_reg_20_staff_login_refuses_a_citizen_whatever_the_password(registered, client):
    """The refusal comes before the password is checked: it says nothing about the password."""
    profile = registered()
    right = staff_login(client, profile.user.username)
    wrong = staff_login(client, profile.user.username, password="not-it")
    assert right.context["citizen_refused"] and wrong.context["citizen_refused"]


def test_reg_20_an_identity_number_at_the_staff_login_is_sent_to_the_citizen_login(client, db):
    response = staff_login(client, "629923129")
    assert response.context["citizen_refused"] is True


def test_reg_20_staff_still_log_in_at_the_staff_login(client, make_user):
    clerk = make_user(Role.LICENSING_CLERK)
    response = staff_login(client, clerk.username)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(clerk.pk)


def test_reg_20_the_printing_house_reaches_no_page(client, db):
    from django.contrib.auth.models import Group

    from taxportal.models import User

    press = User.objects.create_user("press", password=TEST_PASSWORD)
    press.groups.add(Group.objects.get_or_create(name="printing_house")[0])
    response = staff_login(client, "press")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "path",
    ["/registration/personal-area/", "/customs/my/", "/customs/my/1/", "/customs/my/1/answer/"],
)
def test_reg_20_citizen_pages_send_visitors_to_the_citizen_login(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    target = urlsplit(response.url)
    assert (target.path, parse_qs(target.query)) == (LOGIN, {"next": [path]})


def test_reg_20_staff_pages_still_send_visitors_to_the_staff_login(client, db):
    response = client.get("/customs/queue/")
    assert response.url.startswith(STAFF_LOGIN)


def test_reg_20_header_log_in_is_the_citizen_login_back_to_this_page(client, db):
    html = client.get("/terms/").content.decode()
    assert 'href="/registration/login/?next=%2Fterms%2F"' in html
    assert f'href="{STAFF_LOGIN}"' not in html.split("</header>")[0]


def test_reg_20_the_citizen_login_links_to_the_staff_login_keeping_next(client, db):
    html = client.get(LOGIN, {"next": "/customs/my/"}).content.decode()
    assert 'href="/accounts/login/?next=%2Fcustoms%2Fmy%2F"' in html


def test_reg_21_citizen_login_goes_on_to_next_only_on_this_site(registered, client):
    registered()
    data = {"national_id": "629923129", "user_code": USER_CODE, "password": TEST_PASSWORD}
    assert client.post(LOGIN, {**data, "next": "//evil.example.com/x"}).url == AREA


def test_reg_20_a_logged_in_citizen_following_a_message_link_goes_straight_on(registered, client):
    profile = registered()
    client.force_login(profile.user)
    assert client.get(LOGIN, {"next": "/customs/my/"}).url == "/customs/my/"


def test_reg_20_message_links_are_absolute_and_go_through_the_citizen_login(
    settings, make_user, client, django_capture_on_commit_callbacks
):
    settings.PORTAL_BASE_URL = "https://portal.example.gov.il"
    reference.load()
    importer = make_user(Role.CITIZEN, national_id="629923129", email="importer@example.com")
    # A registered citizen who consented to e-mail (REG-14): only such a citizen is told.
    CitizenProfileFactory(
        user=importer, email="importer@example.com", channel="email", consent_email=True
    )
    case = vehicle_case(officer=make_user(Role.CUSTOMS_OFFICER), importer=importer, invoice="9000")
    from customs_valuation import services as customs

    with django_capture_on_commit_callbacks(execute=True):  # messages go once work is committed
        customs.case_notice_of_intent(actor=make_user(Role.CUSTOMS_OFFICER), case=case, reasons="x")
    body = mail.outbox[-1].body
    case_path = f"/customs/my/{case.pk}/"
    link = f"https://portal.example.gov.il{LOGIN}?next={quote(case_path, safe='')}"
    assert link in body
    assert f" {case_path}" not in body  # no bare relative link
    # Followed while logged out, it is the citizen login, which then goes on to the case.
    response = client.get(link.removeprefix("https://portal.example.gov.il"))
    assert response.status_code == 200 and response.context["next"] == case_path
