"""Status transitions as explicit tables (issue 17), read by the services and by the pages,
and the overdue refund rule (BADGE-41) that the pages used to work out themselves."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from parking_badges import rules, services
from parking_badges.choices import (
    ApplicationStatus,
    ApprovalSource,
    BadgeStatus,
    DifferenceStatus,
    ExemptionStatus,
    ImporterFileStatus,
    RefundStatus,
)
from parking_badges.models import FeeScheduleEntry
from parking_badges.rules import OwnerRelation
from taxportal.roles import Role

from .factories import ApplicationFactory, Holder

OVERDUE = '<strong class="text-danger">'  # the overdue mark next to the due date


@pytest.mark.parametrize(
    "table, statuses",
    [
        (rules.APPLICATION_TRANSITIONS, ApplicationStatus),
        (rules.BADGE_TRANSITIONS, BadgeStatus),
        (rules.EXEMPTION_TRANSITIONS, ExemptionStatus),
        (rules.DIFFERENCE_TRANSITIONS, DifferenceStatus),
        (rules.REFUND_TRANSITIONS, RefundStatus),
        (rules.IMPORTER_FILE_TRANSITIONS, ImporterFileStatus),
    ],
)
def test_issue_17_every_status_has_a_row_and_leads_only_to_statuses(table, statuses):
    assert set(table) == set(statuses.values)
    assert {to for actions in table.values() for to in actions.values()} <= set(statuses.values)


DOCTOR_DECIDES = {"approved", "rejected", "info_requested"}


@pytest.mark.parametrize(
    "status, source, actions",
    [
        ("received", ApprovalSource.MINISTRY_OF_HEALTH, {"record_health_approval"}),
        ("received", ApprovalSource.DEPARTMENT_DOCTOR, {"send_to_doctor"}),
        # BADGE-10: a case waiting for information also has its date extended, or is closed.
        (
            "info_requested",
            ApprovalSource.NATIONAL_INSURANCE,
            {"send_to_doctor", "extend_info", "close_unanswered"},
        ),
        (
            "with_doctor",
            ApprovalSource.DEPARTMENT_DOCTOR,
            {"approved", "rejected", "info_requested"},
        ),
        ("rejected", ApprovalSource.DEPARTMENT_DOCTOR, {"appeal"}),
        ("approved", ApprovalSource.DEPARTMENT_DOCTOR, set()),
    ],
)
def test_badge_6_10_what_may_be_done_with_an_application(status, source, actions):
    # BADGE-6: a Ministry of Health approval is recorded without the doctor; BADGE-9: only a
    # rejection is appealed; BADGE-10: the doctor decides only a case sent to them.
    assert rules.application_actions(status=status, source=source) == actions


@pytest.mark.django_db
def test_badge_10_an_approved_case_cannot_go_back_to_the_doctor(clerk):
    application = ApplicationFactory(status=ApplicationStatus.APPROVED)
    with pytest.raises(ValidationError):
        services.application_send_to_doctor(actor=clerk, application=application, on=date.today())


@pytest.mark.parametrize(
    "status, due_on, overdue",
    [
        ("open", date(2026, 5, 1), True),  # due yesterday, not decided
        ("approved", date(2026, 5, 1), True),  # due yesterday, approved but not paid
        ("open", date(2026, 5, 2), False),  # due today: not late yet
        ("paid", date(2026, 5, 1), False),
        ("rejected", date(2026, 5, 1), False),  # nothing is owed
    ],
)
def test_badge_41_refund_overdue_while_still_owed_after_its_due_date(status, due_on, overdue):
    assert rules.refund_overdue(status=status, due_on=due_on, today=date(2026, 5, 2)) is overdue


@pytest.mark.django_db
def test_badge_41_refund_page_flags_overdue_and_offers_only_allowed_actions(client_as):
    holder = Holder()
    refund = services.refund_request_record(
        person=holder.person, vehicle=holder.vehicle, kind="owner",
        owner_relation=OwnerRelation.SELF, requested_on=date(2026, 2, 1),
        approving_body="department_doctor", approval_date=date(2025, 7, 2),
        ownership_date=date(2022, 1, 1), actor=None,
    )  # fmt: skip
    # Requested on 1 February 2026: due on 1 May 2026 (three months).
    client = client_as(Role.MOBILITY_CLERK)
    url = reverse("parking_badges:refund", args=[refund.pk])
    with time_machine.travel(date(2026, 5, 2), tick=False):
        html = client.get(url).content.decode()
        assert OVERDUE in html
        assert reverse("parking_badges:refund_approve", args=[refund.pk]) in html
        assert reverse("parking_badges:refund_paid", args=[refund.pk]) not in html
        services.refund_reject(refund=refund, actor=None, note="not eligible")
        html = client.get(url).content.decode()
    assert OVERDUE not in html
    assert reverse("parking_badges:refund_approve", args=[refund.pk]) not in html
    with time_machine.travel(date(2026, 4, 30), tick=False):
        refund.status = RefundStatus.OPEN
        refund.save(update_fields=["status"])
        assert OVERDUE not in client.get(url).content.decode()


@pytest.mark.django_db
def test_badge_34_vehicle_page_offers_the_payment_only_while_the_difference_is_open(client_as):
    holder = Holder()  # 2025 paid at 1095.00; a regular fee of 2000.00 leaves a difference
    # BADGE-32: the regular fee comes from the schedule in force, no longer typed per case.
    FeeScheduleEntry.objects.create(
        context="regular_annual", amount=Decimal("2000.00"), effective_from=date(2025, 1, 1)
    )
    difference = services.fee_difference_raise(
        vehicle=holder.vehicle, cause="transfer", from_date=date(2025, 7, 2), actor=None
    )
    assert difference.status == DifferenceStatus.OPEN
    client = client_as(Role.LICENSING_CLERK)
    url = reverse("parking_badges:fee_vehicle", args=[holder.vehicle.number])
    pay = reverse("parking_badges:fee_difference_pay", args=[difference.pk])
    assert pay in client.get(url).content.decode()
    services.fee_difference_pay(
        difference=difference, paid_on=date(2025, 7, 3), payment_reference="R-1", actor=None
    )
    assert pay not in client.get(url).content.decode()
