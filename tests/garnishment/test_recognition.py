"""The director's side of recognition in the portal's admin: revoking with a reason, and
approving a published third party's replaced security officer or form 1 (GAR-3)."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from garnishment.models import ThirdParty
from garnishment.rules import FeeReason
from garnishment.selectors import third_parties_to_review
from garnishment.services import third_party_request_recognition
from taxportal.models import AuditEvent
from taxportal.roles import Role

from .helpers import good_row, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def director(client, make_user):
    user = make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_gar_3_director_revokes_in_the_admin_with_a_reason(client, director, bank, city, submitter):
    url = reverse("admin:garnishment_thirdparty_changelist")
    chosen = {"action": "revoke", ACTION_CHECKBOX_NAME: [bank.pk]}
    asked = client.post(url, chosen)
    assert asked.status_code == 200 and 'name="reason"' in asked.content.decode()
    # Without a reason nothing is revoked: the form asks again.
    again = client.post(url, {**chosen, "apply": "1", "revoked_on": "2026-05-10", "reason": ""})
    assert again.status_code == 200
    bank.refresh_from_db()
    assert bank.status == ThirdParty.Status.PUBLISHED
    done = client.post(
        url, {**chosen, "apply": "1", "revoked_on": "2026-05-10", "reason": "audit failed"}
    )
    assert done.status_code == 302
    bank.refresh_from_db()
    assert bank.status == ThirdParty.Status.REVOKED
    assert bank.service_stopped_by == ThirdParty.ServiceStop.REVOKED
    assert AuditEvent.objects.filter(action="third party revoked", reason="audit failed").exists()
    report, _ = submit(
        bank,
        submitter,
        [
            good_row(order_number="A-9", received_on="2026-05-09", answered_on="2026-05-10"),
            good_row(order_number="A-10", received_on="2026-05-10", answered_on="2026-05-11"),
        ],
    )
    # 9 May: 19.00; 10 May, the revocation's day: nothing.
    assert [line.fee_reason for line in report.lines.order_by("line_number")] == [
        FeeReason.BILLED,
        FeeReason.NOT_RECOGNISED,
    ]


def test_gar_3_director_approves_a_replaced_officer(client, director, bank, submitter):
    third_party_request_recognition(
        third_party=bank,
        details={"security_officer_name": "Dana New", "security_officer_phone": "03-1111111"},
        actor=submitter,
    )
    bank.refresh_from_db()
    assert bank.changes_to_review == ["security_officer_name"]  # the phone alone is no review
    listed = client.get(reverse("admin:garnishment_thirdparty_changelist"), {"review": "waiting"})
    assert bank.name in listed.content.decode()
    client.post(
        reverse("admin:garnishment_thirdparty_changelist"),
        {"action": "approve_reviewed_change", ACTION_CHECKBOX_NAME: [bank.pk]},
    )
    bank.refresh_from_db()
    assert bank.changes_to_review == [] and bank not in third_parties_to_review()
    assert bank.status == ThirdParty.Status.PUBLISHED
    assert AuditEvent.objects.filter(action="recognition change approved", actor=director).exists()


def test_gar_3_a_request_not_yet_published_waits_for_review(base_fees, submitter):
    from .factories import ThirdPartyFactory

    requested = ThirdPartyFactory(status=ThirdParty.Status.REQUESTED, published_on=None)
    assert requested in third_parties_to_review()
