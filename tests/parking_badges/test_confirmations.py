"""Issue 16: a "check your answers" page before printing a badge, approving or paying a refund,
recording a payment, recording an ownership transfer and the department doctor's decision. The
first POST shows what will happen and to whom and changes nothing; only the confirmed POST acts;
other roles are refused and other ids are not found."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from parking_badges import services
from parking_badges.choices import DifferenceStatus
from parking_badges.models import (
    Badge,
    BadgeApplication,
    FeeDifference,
    FeeScheduleEntry,
    MedicalDecision,
    OwnershipTransfer,
)
from taxportal.roles import Role
from tests.factories import VALID_NATIONAL_IDS

from .factories import Holder
from .test_applications import with_doctor
from .test_fees_views import refund_for

pytestmark = pytest.mark.django_db


def _confirmation(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="confirmed" value="yes"' in html
    return html


def test_issue_16_printing_a_badge_is_confirmed_first(client_as, holder_with_vehicle):
    client = client_as(Role.LICENSING_CLERK)
    url = reverse("parking_badges:holder_print", args=[holder_with_vehicle.pk])
    html = _confirmation(client.post(url, {"reason": "new"}))
    assert Badge.objects.count() == 0  # nothing printed yet
    assert holder_with_vehicle.national_id in html and holder_with_vehicle.full_name in html
    assert 'name="reason" value="new"' in html  # the answers go again with the confirmation
    response = client.post(url, {"reason": "new", "confirmed": "yes"})
    assert response.status_code == 302
    assert Badge.objects.filter(person=holder_with_vehicle).count() == 1


def test_issue_16_a_print_form_with_errors_is_not_confirmed(client_as, holder_with_vehicle):
    client = client_as(Role.LICENSING_CLERK)
    url = reverse("parking_badges:holder_print", args=[holder_with_vehicle.pk])
    response = client.post(url, {"reason": "no-such-reason"})
    assert response.status_code == 302  # back to the file, with the error in its messages
    assert Badge.objects.count() == 0


def test_issue_16_printing_refused_to_others(client_as, holder_with_vehicle):
    url = reverse("parking_badges:holder_print", args=[holder_with_vehicle.pk])
    for role in (Role.CITIZEN, Role.CUSTOMS_OFFICER, Role.INSPECTOR):
        response = client_as(role).post(url, {"reason": "new", "confirmed": "yes"})
        assert response.status_code == 403, role
    missing = reverse("parking_badges:holder_print", args=[holder_with_vehicle.pk + 999])
    client = client_as(Role.LICENSING_CLERK)
    assert client.post(missing, {"reason": "new"}).status_code == 404
    assert client.post(missing, {"reason": "new", "confirmed": "yes"}).status_code == 404
    assert Badge.objects.count() == 0


def test_issue_16_approving_and_paying_a_refund_are_confirmed_first(client_as):
    holder = Holder()
    refund = refund_for(holder)
    client = client_as(Role.MOBILITY_CLERK)
    approve = reverse("parking_badges:refund_approve", args=[refund.pk])
    html = _confirmation(client.post(approve, {"note": "checked"}))
    refund.refresh_from_db()
    assert refund.status == "open"
    assert holder.person.national_id in html and holder.vehicle.number in html
    assert 'name="note" value="checked"' in html
    client.post(approve, {"note": "checked", "confirmed": "yes"})
    refund.refresh_from_db()
    assert refund.status == "approved" and refund.decision_note == "checked"

    paid = reverse("parking_badges:refund_paid", args=[refund.pk])
    _confirmation(client.post(paid, {"paid_on_0": "1", "paid_on_1": "3", "paid_on_2": "2026"}))
    refund.refresh_from_db()
    assert refund.status == "approved"
    client.post(paid, {"paid_on_0": "1", "paid_on_1": "3", "paid_on_2": "2026", "confirmed": "yes"})
    refund.refresh_from_db()
    assert refund.status == "paid" and refund.paid_on == date(2026, 3, 1)


def test_issue_16_refund_actions_refused_to_others(client_as):
    refund = refund_for(Holder())
    for name in ("refund_approve", "refund_paid"):
        url = reverse(f"parking_badges:{name}", args=[refund.pk])
        for role in (Role.CITIZEN, Role.DEPARTMENT_DOCTOR, Role.CALL_CENTRE_AGENT):
            assert client_as(role).post(url, {"confirmed": "yes"}).status_code == 403
        missing = reverse(f"parking_badges:{name}", args=[refund.pk + 999])
        assert client_as(Role.MOBILITY_CLERK).post(missing, {}).status_code == 404
    refund.refresh_from_db()
    assert refund.status == "open"


def _open_difference():
    holder = Holder()  # 2025 paid at 1095.00; a regular fee of 2000.00 leaves a difference
    FeeScheduleEntry.objects.create(
        context="regular_annual", amount=Decimal("2000.00"), effective_from=date(2025, 1, 1)
    )
    return services.fee_difference_raise(
        vehicle=holder.vehicle, cause="transfer", from_date=date(2025, 7, 2), actor=None
    )


def test_issue_16_recording_a_payment_is_confirmed_first(client_as):
    difference = _open_difference()
    client = client_as(Role.LICENSING_CLERK)
    url = reverse("parking_badges:fee_difference_pay", args=[difference.pk])
    answers = {"paid_on": "2025-07-03", "payment_reference": "R-1"}
    html = _confirmation(client.post(url, answers))
    difference.refresh_from_db()
    assert difference.status == DifferenceStatus.OPEN
    assert difference.vehicle.number in html and "R-1" in html
    client.post(url, {**answers, "confirmed": "yes"})
    difference.refresh_from_db()
    assert difference.status == DifferenceStatus.PAID
    assert difference.payment_reference == "R-1"


def test_issue_16_a_confirmation_other_than_yes_changes_nothing(client_as):
    difference = _open_difference()
    client = client_as(Role.LICENSING_CLERK)
    url = reverse("parking_badges:fee_difference_pay", args=[difference.pk])
    for value in ("", "no", "YES", "yes " * 1000):
        answers = {"paid_on": "2025-07-03", "payment_reference": "R-1", "confirmed": value}
        _confirmation(client.post(url, answers))
    difference.refresh_from_db()
    assert difference.status == DifferenceStatus.OPEN


def test_issue_16_payment_refused_to_others(client_as):
    difference = _open_difference()
    url = reverse("parking_badges:fee_difference_pay", args=[difference.pk])
    answers = {"paid_on": "2025-07-03", "payment_reference": "R-1", "confirmed": "yes"}
    for role in (Role.CITIZEN, Role.IMPORTER_CLERK, Role.INSPECTOR):
        assert client_as(role).post(url, answers).status_code == 403
    missing = reverse("parking_badges:fee_difference_pay", args=[difference.pk + 999])
    assert client_as(Role.LICENSING_CLERK).post(missing, answers).status_code == 404
    difference.refresh_from_db()
    assert difference.status == DifferenceStatus.OPEN


def test_issue_16_the_confirmation_page_in_hebrew(client_as):
    difference = _open_difference()
    client = client_as(Role.LICENSING_CLERK)
    url = reverse("parking_badges:fee_difference_pay", args=[difference.pk])
    response = client.post(url, {"paid_on": "2025-07-03", "payment_reference": "R-1"})
    html = response.content.decode()  # Hebrew, the portal's first language
    assert "מה יקרה" in html and "אישור התשלום" in html


# --- The department doctor's decision (BADGE-10), an appeal's too (BADGE-9: decided alike) ---

DOCTOR_ANSWERS = {"outcome": "approved", "decided_on": "2026-06-05", "reasons": "seen"}


def test_issue_16_the_doctors_decision_is_confirmed_first(client_as, clerk):
    application = with_doctor(clerk)
    client = client_as(Role.DEPARTMENT_DOCTOR)
    url = reverse("parking_badges:doctor_decide", args=[application.pk])
    html = _confirmation(client.post(url, DOCTOR_ANSWERS))
    application.refresh_from_db()
    assert application.status == "with_doctor"  # nothing decided yet
    assert MedicalDecision.objects.count() == 0
    person = application.person
    assert person.national_id in html and person.full_name in html
    assert 'name="outcome" value="approved"' in html and 'name="reasons" value="seen"' in html
    response = client.post(url, {**DOCTOR_ANSWERS, "confirmed": "yes"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "approved"
    assert MedicalDecision.objects.get().reasons == "seen"


def test_issue_16_a_doctors_decision_with_errors_is_not_confirmed(client_as, clerk):
    application = with_doctor(clerk)
    client = client_as(Role.DEPARTMENT_DOCTOR)
    url = reverse("parking_badges:doctor_decide", args=[application.pk])
    wrong = [
        {},
        {**DOCTOR_ANSWERS, "outcome": "maybe"},
        {**DOCTOR_ANSWERS, "decided_on": "x"},
        {**DOCTOR_ANSWERS, "outcome": "rejected", "reasons": "  "},  # a rejection needs reasons
        {**DOCTOR_ANSWERS, "outcome": "info_requested"},  # and more information its date
    ]
    for answers in wrong:
        response = client.post(url, answers)
        assert response.status_code == 200
        assert 'name="confirmed"' not in response.content.decode()  # the errors, at once
    # Confirmed or not, wrong answers decide nothing.
    response = client.post(url, {**wrong[3], "confirmed": "yes"})
    assert response.status_code == 200 and 'name="reasons"' in response.content.decode()
    application.refresh_from_db()
    assert application.status == "with_doctor" and MedicalDecision.objects.count() == 0


def test_issue_16_the_doctors_decision_refused_to_others(client_as, clerk):
    application = with_doctor(clerk)
    url = reverse("parking_badges:doctor_decide", args=[application.pk])
    confirmed = {**DOCTOR_ANSWERS, "confirmed": "yes"}
    for role in (Role.CITIZEN, Role.MOBILITY_CLERK, Role.LICENSING_CLERK, Role.INSPECTOR):
        assert client_as(role).post(url, confirmed).status_code == 403, role
    missing = reverse("parking_badges:doctor_decide", args=[application.pk + 999])
    doctor = client_as(Role.DEPARTMENT_DOCTOR)
    assert doctor.post(missing, DOCTOR_ANSWERS).status_code == 404
    assert doctor.post(missing, confirmed).status_code == 404
    application.refresh_from_db()
    assert application.status == "with_doctor" and MedicalDecision.objects.count() == 0
    assert BadgeApplication.objects.count() == 1


# --- An ownership transfer (BADGE-34 to BADGE-36): exemption ended, restriction 16, both told ---


def _transfer_answers(holder):
    return {
        "seller": holder.person.national_id,
        "cause": "sale",
        "buyer_national_id": VALID_NATIONAL_IDS[6],
        "buyer_name": "Buyer",
        "transferred_on": "2025-07-02",
        "transfer_fee_payer": "seller",
    }


def test_issue_16_an_ownership_transfer_is_confirmed_first(client_as):
    holder = Holder(paid_reduced=True)
    client = client_as(Role.LICENSING_CLERK)
    url = reverse("parking_badges:fee_transfer", args=[holder.vehicle.number])
    answers = _transfer_answers(holder)
    html = _confirmation(client.post(url, answers))
    assert holder.vehicle.number in html and "Buyer" in html
    assert not OwnershipTransfer.objects.exists() and not FeeDifference.objects.exists()
    response = client.post(url, {**answers, "confirmed": "yes"})
    assert response.status_code == 302
    assert OwnershipTransfer.objects.get().buyer_name == "Buyer"


def test_issue_16_a_transfer_with_errors_is_not_confirmed(client_as):
    holder = Holder(paid_reduced=True)
    client = client_as(Role.LICENSING_CLERK)
    url = reverse("parking_badges:fee_transfer", args=[holder.vehicle.number])
    for wrong in ({}, {**_transfer_answers(holder), "buyer_national_id": "123"}):
        response = client.post(url, wrong)
        assert response.status_code == 200
        assert 'name="confirmed"' not in response.content.decode()
    for role in (Role.CITIZEN, Role.INSPECTOR, Role.IMPORTER_CLERK):
        confirmed = {**_transfer_answers(holder), "confirmed": "yes"}
        assert client_as(role).post(url, confirmed).status_code == 403
    missing = reverse("parking_badges:fee_transfer", args=["9999999"])
    client = client_as(Role.LICENSING_CLERK)
    assert client.post(missing, _transfer_answers(holder)).status_code == 404
    assert not OwnershipTransfer.objects.exists()
