"""BADGE-7 and BADGE-55 through the page: a new application for an existing holder whose
details differ is shown to the clerk and recorded only once confirmed (both versions kept); the
same form sent twice, one after the other or at the same moment, records one application."""

import re
import threading
import uuid
from datetime import date

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from parking_badges import services
from parking_badges.models import BadgeApplication, DisabledPerson, MedicalDocument
from taxportal.models import AuditEvent
from taxportal.roles import Role
from tests.factories import VALID_NATIONAL_IDS

from .factories import DisabledPersonFactory, pdf

pytestmark = pytest.mark.django_db

URL = "/badges/applications/new/"
HOLDER = VALID_NATIONAL_IDS[4]


def _form(**changes) -> dict:
    return {
        "national_id": HOLDER,
        "first_name": "Dana",
        "last_name": "Levi",
        "born_on": "1971-05-05",
        "street": "Weizmann 5",
        "city": "Holon",
        "ground": "legs",
        "source": "department_doctor",
        "material_received_on": "2026-05-01",
        "submission_token": str(uuid.uuid4()),
        "documents": [pdf("report.pdf")],
        **changes,
    }


@pytest.fixture
def holder():
    return DisabledPersonFactory(
        national_id=HOLDER,
        first_name="Dana",
        last_name="Cohen",
        born_on=date(1970, 5, 5),
        street="Herzl 1",
        city="Holon",
        postal_code="",
    )


@pytest.fixture
def clerk_client(client_as, settings):
    client = client_as(Role.MOBILITY_CLERK)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_badge_7_the_page_shows_each_difference_and_records_only_once_confirmed(
    clerk_client, holder
):
    data = _form()
    response = clerk_client.post(URL, data)
    assert response.status_code == 200
    page = response.content.decode()
    # The three details that differ, each with the file's value and the application's.
    for old, new in [("Cohen", "Levi"), ("05/05/1970", "05/05/1971"), ("Herzl 1", "Weizmann 5")]:
        assert re.search(rf"<td>{old}</td><td><strong>{new}</strong></td>", page), (old, new)
    assert "Holon</td>" not in page  # the city is the same: not listed
    assert 'name="confirm_changes"' in page
    assert not BadgeApplication.objects.exists() and not MedicalDocument.objects.exists()
    holder.refresh_from_db()
    assert holder.last_name == "Cohen"

    response = clerk_client.post(URL, {**data, "confirm_changes": "on", "documents": [pdf()]})
    assert response.status_code == 302
    holder.refresh_from_db()
    assert (holder.last_name, holder.born_on, holder.street) == (
        "Levi",
        date(1971, 5, 5),
        "Weizmann 5",
    )
    versions = list(holder.history.order_by("history_date").values_list("last_name", flat=True))
    assert versions == ["Cohen", "Levi"]  # both versions kept
    update = AuditEvent.objects.get(action="badge holder details updated")
    assert update.changes == {
        "last_name": ["Cohen", "Levi"],
        "born_on": ["1970-05-05", "1971-05-05"],
        "street": ["Herzl 1", "Weizmann 5"],
    }
    assert BadgeApplication.objects.get().person == holder


def test_badge_7_same_details_need_no_confirmation_and_change_nothing(clerk_client, holder):
    data = _form(last_name="Cohen", born_on="1970-05-05", street="Herzl 1 ")  # a space: same
    assert clerk_client.post(URL, data).status_code == 302
    assert holder.history.count() == 1  # only the file's creation
    assert not AuditEvent.objects.filter(action="badge holder details updated").exists()


def test_badge_7_a_new_holder_needs_no_confirmation(clerk_client):
    assert clerk_client.post(URL, _form()).status_code == 302
    assert DisabledPerson.objects.get(national_id=HOLDER).last_name == "Levi"


def test_badge_55_the_same_form_sent_twice_records_one_application_and_says_so(clerk_client):
    data = _form()
    first = clerk_client.post(URL, data)
    second = clerk_client.post(URL, {**data, "documents": [pdf()]}, follow=True)
    application = BadgeApplication.objects.get()
    assert first.url == reverse("parking_badges:application", args=[application.pk])
    assert second.redirect_chain[0][0] == first.url
    assert f"application #{application.pk} was recorded from it" in second.content.decode()
    assert application.documents.count() == 1  # the second sending attached nothing
    # A new form page (a new token) is a new application.
    assert clerk_client.post(URL, _form()).status_code == 302
    assert BadgeApplication.objects.count() == 2


@pytest.mark.parametrize("token", ["", "not-a-uuid", "x" * 5000])
def test_badge_55_a_form_without_its_token_records_nothing(clerk_client, token):
    response = clerk_client.post(URL, _form(submission_token=token))
    assert response.status_code == 200
    assert "alert-danger" in response.content.decode()
    assert not BadgeApplication.objects.exists() and not DisabledPerson.objects.exists()


def test_badge_55_the_form_page_carries_a_new_token_each_time(clerk_client):
    def token():
        page = clerk_client.get(URL).content.decode()
        return re.search(r'name="submission_token" value="([^"]+)"', page).group(1)

    first, second = token(), token()
    assert first != second and uuid.UUID(first) and uuid.UUID(second)


@pytest.mark.parametrize(
    "role", [Role.CITIZEN, Role.CALL_CENTRE_AGENT, Role.INSPECTOR, Role.DEPARTMENT_DOCTOR]
)
def test_badge_55_only_clerks_receive_applications(client_as, role):
    response = client_as(role).post(URL, _form())
    assert response.status_code == 403
    assert not BadgeApplication.objects.exists() and not DisabledPerson.objects.exists()


def test_badge_7_the_service_names_blank_and_changed_contacts_too(clerk, holder):
    holder.phone, holder.email = "+972521234567", "dana@example.com"
    holder.save()
    details = services.PersonDetails(
        national_id=HOLDER,
        first_name="Dana",
        last_name="Cohen",
        born_on=date(1970, 5, 5),
        street="Herzl 1",
        city="Holon",
        email="dana@example.org",
    )
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refusal:
        services.application_receive(
            actor=clerk, details=details, source="department_doctor", ground="legs",
            material_received_on=date(2026, 5, 1), documents=[pdf()],
        )  # fmt: skip
    assert sorted(refusal.value.messages) == [
        "e-mail: “dana@example.com” in the holder's file, “dana@example.org” in this application.",
        "mobile phone: “+972521234567” in the holder's file, “(empty)” in this application.",
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
def test_badge_55_the_same_form_sent_twice_at_the_same_moment_records_one(make_user):
    clerk = make_user(Role.MOBILITY_CLERK)
    data = _form()
    start = threading.Barrier(2)
    statuses, errors = [], []

    def send():
        try:
            client = Client()
            client.force_login(clerk)
            start.wait()
            statuses.append(client.post(URL, {**data, "documents": [pdf()]}).status_code)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and statuses == [302, 302]
    assert BadgeApplication.objects.count() == 1
    assert DisabledPerson.objects.count() == 1
    assert MedicalDocument.objects.count() == 1
