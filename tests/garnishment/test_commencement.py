"""Commencement dates in the admin: derived from the regulations' publication and the kind,
overridden only with a reason (GAR-17)."""

from datetime import date

import pytest
from django.urls import reverse

from garnishment.models import ServingAuthority
from garnishment.services import regulations_publication_record
from taxportal.models import AuditEvent
from taxportal.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(client, make_user):
    user = make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_gar_17_a_new_authority_gets_the_derived_date(client, admin_user):
    regulations_publication_record(
        published_on=date(2026, 1, 31), source="Reshumot 9999", actor=admin_user
    )
    url = reverse("admin:garnishment_servingauthority_add")
    response = client.post(url, {"code": "BSV", "name": "Beersheba", "kind": "local"})
    assert response.status_code == 302
    # 31 January + 3 months = 30 April (the month's last day, as relativedelta counts).
    assert ServingAuthority.objects.get(code="BSV").commencement_on == date(2026, 4, 30)


def test_gar_17_the_admin_overrides_only_with_a_reason(client, admin_user):
    regulations_publication_record(
        published_on=date(2026, 1, 1), source="Reshumot 9999", actor=admin_user
    )
    url = reverse("admin:garnishment_servingauthority_add")
    fields = {"code": "WTR", "name": "Water", "kind": "not_local", "override_on": "2026-12-01"}
    assert client.post(url, fields).status_code == 200  # no reason: the form again
    assert not ServingAuthority.objects.exists()
    assert client.post(url, {**fields, "override_reason": "agreed"}).status_code == 302
    water = ServingAuthority.objects.get()
    assert (water.commencement_on, water.commencement_override_reason) == (
        date(2026, 12, 1),
        "agreed",
    )
    assert AuditEvent.objects.filter(action="commencement date overridden").exists()
    # Derived again on request: 1 January + 6 months = 1 July.
    client.post(
        reverse("admin:garnishment_servingauthority_changelist"),
        {"action": "derive_commencement", "_selected_action": [water.pk]},
    )
    water.refresh_from_db()
    assert water.commencement_on == date(2026, 7, 1) and not water.commencement_overridden


def test_gar_17_no_publication_date_entered_means_nothing_is_billable_yet(client, admin_user):
    client.post(
        reverse("admin:garnishment_servingauthority_add"),
        {"code": "NEW", "name": "New", "kind": "local"},
    )
    assert ServingAuthority.objects.get().commencement_on is None
