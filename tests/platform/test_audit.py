"""Every change is recorded with who, when, what and why; administrators read it in the admin."""

import pytest
from django.urls import reverse

from taxportal.audit import audit_record, audit_trail
from taxportal.models import AuditEvent
from taxportal.roles import Role
from taxportal.services import user_grant_role

pytestmark = pytest.mark.django_db


def test_granting_a_role_is_audited(make_user):
    admin = make_user(Role.ADMINISTRATOR)
    clerk = make_user()
    user_grant_role(user=clerk, role=Role.INSPECTOR, actor=admin, reason="new inspector")
    event = AuditEvent.objects.get(action="role granted")
    assert (event.actor, event.reason, event.changes) == (
        admin,
        "new inspector",
        {"role": "inspector"},
    )
    assert event.target == clerk
    assert audit_trail(clerk) == [event]


def test_row_history_keeps_who_changed_a_user(make_user):
    user = make_user()
    user.first_name = "Changed"
    user.save()
    assert user.history.first().first_name == "Changed"


def test_administrator_reads_the_audit_in_the_admin(client, make_user):
    admin = make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    audit_record(actor=admin, action="report billed", reason="monthly run")
    client.force_login(admin)
    response = client.get(reverse("admin:taxportal_auditevent_changelist"))
    assert response.status_code == 200
    assert "report billed" in response.content.decode()


def test_clerk_cannot_read_the_admin(client_as):
    response = client_as(Role.LICENSING_CLERK).get(reverse("admin:taxportal_auditevent_changelist"))
    assert response.status_code == 302
