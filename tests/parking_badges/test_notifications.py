"""The holder is told at every step of the badge case (issue 15): received (BADGE-7, BADGE-8),
sent to the doctor and the doctor's decision (BADGE-10), printed with its expected arrival
(BADGE-14, BADGE-18), refund approved and paid (BADGE-41); once each, and nothing of work that
was rolled back. The channel and consent rules are tested in tests/notifications."""

import datetime
import uuid

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from parking_badges import services
from parking_badges.models import ApprovalSource, DecisionOutcome, EligibilityGround
from taxportal.notifications.choices import NotificationStatus, WithheldReason
from taxportal.notifications.models import Notification
from taxportal.roles import Role
from tests.notifications.helpers import citizen, clear_outboxes

from .factories import TODAY, Holder, pdf, valid_id

pytestmark = pytest.mark.django_db
D = datetime.date
NID = valid_id(500)
BASE = "https://portal.example"


@pytest.fixture(autouse=True)
def portal_address(settings):
    settings.PORTAL_BASE_URL = BASE
    clear_outboxes()


@pytest.fixture
def doctor(make_user):
    return make_user(Role.DEPARTMENT_DOCTOR)


def receive(clerk, national_id=NID, token=None):
    return services.application_receive(
        actor=clerk,
        details=services.PersonDetails(
            national_id=national_id,
            first_name="רות",
            last_name="כהן",
            born_on=D(1960, 1, 1),
            street="הרצל 1",
            city="חולון",
        ),
        source=ApprovalSource.DEPARTMENT_DOCTOR,
        ground=EligibilityGround.WHEELCHAIR,
        material_received_on=TODAY,
        documents=[pdf("a.pdf")],
        submission_token=token,
    )


def bodies() -> list[str]:
    return [m.body for m in mail.outbox]


def test_badge_8_received_is_told_once_with_the_date_the_answer_is_due(
    clerk, django_capture_on_commit_callbacks
):
    citizen(NID, language="en")
    token = uuid.uuid4()
    with django_capture_on_commit_callbacks(execute=True):
        application = receive(clerk, token=token)
    with django_capture_on_commit_callbacks(execute=True):
        assert receive(clerk, token=token) == application  # the form sent twice (BADGE-55)
    # Received 01/06/2026; 90 days on: 29 to 30/06, 31 to 31/07, 30 to 30/08/2026.
    (body,) = bodies()
    assert "received on 01/06/2026" in body and "An answer is due by 30/08/2026." in body
    assert f"{BASE}/" in body and "next=%2Fbadges%2Fmy%2F" in body  # the holder's page


def test_badge_10_sent_to_the_doctor_and_each_decision_told(
    clerk, doctor, django_capture_on_commit_callbacks
):
    citizen(NID, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        application = receive(clerk)
        services.application_send_to_doctor(actor=clerk, application=application, on=TODAY)
        services.application_decide(
            actor=doctor,
            application=application,
            outcome=DecisionOutcome.INFO_REQUESTED,
            decided_on=TODAY,
            reasons="",
            info_requested_until=D(2026, 7, 1),
        )
        services.application_send_to_doctor(actor=clerk, application=application, on=D(2026, 6, 20))
        services.application_decide(
            actor=doctor,
            application=application,
            outcome=DecisionOutcome.APPROVED,
            decided_on=D(2026, 6, 22),
            reasons="",
        )
    subjects = [m.subject for m in mail.outbox]
    assert subjects == [
        "Your badge application was received",
        "Your badge application is with the doctor",
        "More information is needed for your badge application",
        "Your badge application is with the doctor",
        "Your badge application was approved",
    ]
    body = "\n".join(bodies())
    assert "department doctor on 01/06/2026" in body and "on 20/06/2026" in body
    assert "Send the documents by 01/07/2026" in body
    # BADGE-18: approved 22/06/2026, the badge about two weeks later: 06/07/2026.
    assert "within about two weeks, by 06/07/2026." in body


def test_badge_9_a_rejection_names_the_appeal_route(
    clerk, doctor, django_capture_on_commit_callbacks
):
    citizen(NID, language="en")
    application = receive(clerk)
    services.application_send_to_doctor(actor=clerk, application=application, on=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(
            actor=doctor,
            application=application,
            outcome=DecisionOutcome.REJECTED,
            decided_on=TODAY,
            reasons="Not limited in walking.",
        )
    (message,) = mail.outbox
    assert message.subject == "Your badge application was rejected"
    assert "rejected on 01/06/2026" in message.body and "You may appeal" in message.body
    assert "Not limited in walking." not in message.body  # medical reasons stay in the portal


def test_issue_15_a_decision_rolled_back_tells_nothing(
    clerk, doctor, django_capture_on_commit_callbacks
):
    citizen(NID)
    application = receive(clerk)
    services.application_send_to_doctor(actor=clerk, application=application, on=TODAY)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError),
        transaction.atomic(),
    ):
        services.application_decide(
            actor=doctor,
            application=application,
            outcome=DecisionOutcome.APPROVED,
            decided_on=TODAY,
            reasons="",
        )
        raise ValidationError("a later step of the same request failed")
    assert mail.outbox == []
    assert not Notification.objects.filter(event="badges.approved").exists()


def test_issue_15_an_applicant_not_registered_is_not_messaged_and_the_clerk_sees_it(
    clerk, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = receive(clerk)
    assert mail.outbox == []
    row = Notification.objects.get(event="badges.application_received")
    assert (row.status, row.withheld_reason) == (
        NotificationStatus.WITHHELD,
        WithheldReason.NOT_REGISTERED,
    )
    client.force_login(clerk)
    page = client.get(reverse("parking_badges:application", args=[application.pk]))
    assert "אינו רשום לשירותים המקוונים" in page.content.decode()  # not registered


def test_badge_18_the_print_file_tells_each_holder_once(
    print_badge, holder_with_vehicle, django_capture_on_commit_callbacks
):
    holder = holder_with_vehicle
    citizen(holder.national_id, language="en")
    print_badge(holder, reason="new")
    with django_capture_on_commit_callbacks(execute=True):
        services.print_file_build(for_date=D(2026, 6, 1))
    with django_capture_on_commit_callbacks(execute=True):
        services.print_file_build(for_date=D(2026, 6, 1))  # the same day again
    (message,) = mail.outbox
    # A new badge (BADGE-18): two weeks after the approval of 01/01/2026 is long past, so two
    # weeks after the order of 01/06/2026: 15/06/2026.
    assert "sent to print on 01/06/2026" in message.body
    assert "by post by 15/06/2026." in message.body
    assert Notification.objects.filter(event="badges.printed").count() == 1


def test_badge_41_refund_approved_and_paid_told(django_capture_on_commit_callbacks):
    holder = Holder(national_id=NID)
    citizen(NID, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        refund = services.refund_request_record(
            person=holder.person,
            vehicle=holder.vehicle,
            kind="owner",
            owner_relation="self",
            requested_on=D(2026, 2, 1),
            approving_body="department_doctor",
            approval_date=D(2025, 7, 2),
            ownership_date=D(2022, 1, 1),
            actor=None,
        )
        refund = services.refund_approve(refund=refund, actor=None)
        services.refund_mark_paid(refund=refund, paid_on=D(2026, 4, 20), actor=None)
    approved, paid = mail.outbox
    # Requested 01/02/2026, paid within three months: by 01/05/2026.
    assert "It will be paid by 01/05/2026." in approved.body
    assert "was paid on 20/04/2026." in paid.body
