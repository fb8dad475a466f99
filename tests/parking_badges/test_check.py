"""BADGE-53, BADGE-54: checking a badge, for inspectors only, with nothing personal."""

import datetime

import pytest
from django.urls import reverse

from parking_badges.models import BadgeReason
from taxportal.roles import Role
from taxportal.tokens import api_token_issue
from tests.problems import problem_fields

from .factories import ApprovalFactory, BadgeVehicleFactory

pytestmark = pytest.mark.django_db
D = datetime.date
URL = "/api/badges/check/"


@pytest.fixture
def inspector(client_as):
    return client_as(Role.INSPECTOR)


@pytest.fixture
def printed(print_badge):
    """A holder whose badge was printed in 2019 (expiring 2027) and replaced today."""
    entry = BadgeVehicleFactory()
    ApprovalFactory(person=entry.person, approved_on=D(2019, 1, 1), valid_from=D(2019, 1, 1))
    old = print_badge(entry.person, today=D(2019, 3, 1))
    today = datetime.date.today()
    new = print_badge(entry.person, reason=BadgeReason.LOST, reason_note="x", today=today)
    return entry.vehicle.number, old, new


def test_badge_53_valid_badge(inspector, printed):
    number, _old, new = printed
    response = inspector.get(URL, {"vehicle": number, "printed_on": new.issued_on.isoformat()})
    assert response.status_code == 200
    assert response.json()["valid"] is True
    assert set(response.json()) == {"valid", "reason"}


def test_badge_53_superseded_badge(inspector, printed):
    number, old, _new = printed
    body = inspector.get(URL, {"vehicle": number, "printed_on": old.issued_on.isoformat()}).json()
    assert body["valid"] is False


def test_badge_53_expired_badge(inspector, print_badge):
    entry = BadgeVehicleFactory()
    ApprovalFactory(
        person=entry.person,
        approved_on=D(2010, 1, 1),
        valid_from=D(2010, 1, 1),
        valid_until=D(2012, 1, 1),
    )
    print_badge(entry.person, today=D(2010, 6, 1))
    body = inspector.get(URL, {"vehicle": entry.vehicle.number}).json()
    assert body["valid"] is False and "2012" in body["reason"]


def test_badge_53_unknown_vehicle(inspector):
    body = inspector.get(URL, {"vehicle": "12345678"}).json()
    assert body == {"valid": False, "reason": body["reason"]} and body["reason"]


def test_badge_53_nothing_personal_in_the_answer(inspector, printed):
    number, _old, new = printed
    text = inspector.get(URL, {"vehicle": number}).content.decode()
    assert new.holder_national_id not in text and new.holder_name not in text


def test_badge_53_bad_input_is_explained(inspector):
    response = inspector.get(URL, {"vehicle": "abc", "printed_on": "yesterday"})
    assert {"vehicle", "printed_on"} <= problem_fields(response)


def test_badge_55_check_api_is_for_inspectors_only(client, make_user, printed):
    number, *_ = printed
    assert client.get(URL, {"vehicle": number}).status_code in (401, 403)
    for role in (Role.CITIZEN, Role.LICENSING_CLERK, Role.CALL_CENTRE_AGENT):
        client.force_login(make_user(role))
        assert client.get(URL, {"vehicle": number}).status_code == 403


def test_badge_53_token_authentication(client, make_user, printed):
    number, *_ = printed
    _token, key = api_token_issue(user=make_user(Role.INSPECTOR), name="test", actor=None)
    response = client.get(URL, {"vehicle": number}, HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200 and response.json()["valid"] is True


def test_badge_54_check_page_shows_the_result_and_the_legal_context(inspector, printed):
    number, old, _new = printed
    response = inspector.get(
        reverse("parking_badges:check"),
        {"vehicle": number, "printed_on": old.issued_on.isoformat()},
    )
    body = response.content.decode()
    assert response.context["result"].valid is False
    assert "12" in body and "legal-context" in body
