"""Ownership transfers from a disabled owner (BADGE-34 to BADGE-36, BADGE-17)."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from parking_badges import services
from parking_badges.models import DifferenceStatus, ExemptionStatus, OwnershipTransfer
from parking_badges.rules import REGULAR_TARIFF, OwnerRelation
from taxportal import sms
from taxportal.notifications.choices import NotificationStatus
from taxportal.notifications.models import Notification
from tests.factories import VALID_NATIONAL_IDS
from tests.notifications.test_notifications import FailingSms

from .factories import Holder

pytestmark = pytest.mark.django_db
ON = date(2025, 7, 2)
BUYER = VALID_NATIONAL_IDS[5]


@pytest.fixture(autouse=True)
def empty_outboxes():
    sms.outbox.clear()


def exempt_holder(**fields):
    holder = Holder(paid_reduced=True, **fields)
    services.exemption_grant(
        person=holder.person, vehicle=holder.vehicle, owner_relation=OwnerRelation.SELF,
        starts_on=date(2024, 1, 1), actor=None,
    )  # fmt: skip
    return holder


def transfer(holder, **changes):
    fields = {
        "vehicle": holder.vehicle,
        "seller": holder.person,
        "buyer_national_id": BUYER,
        "buyer_name": "Buyer Name",
        "buyer_phone": "0529876543",
        "buyer_email": "buyer@example.com",
        "transferred_on": ON,
        "cause": "sale",
        "transfer_fee_payer": "buyer",
        "actor": None,
        **changes,
    }
    return services.transfer_record(**fields)


def test_badge_34_tariff_back_to_regular_transfer_and_difference_with_restriction_16():
    holder = exempt_holder()
    done = transfer(holder)
    vehicle = holder.vehicle
    vehicle.refresh_from_db()
    assert vehicle.tariff_code == REGULAR_TARIFF
    assert vehicle.exemptions.get().status == ExemptionStatus.ENDED
    assert list(
        vehicle.owners.filter(owned_until__isnull=True).values_list("national_id", flat=True)
    ) == [BUYER]
    difference = done.fee_difference
    assert difference.status == DifferenceStatus.OPEN
    # 183 of the 365 days of 2025 at the regular fee less what was paid for them.
    period = holder.periods[1]
    expected = ((period.regular_annual_fee - period.amount_paid) * 183 / 365).quantize(
        difference.amount
    )
    assert difference.amount == expected
    assert vehicle.restrictions.filter(code="16", removed_on__isnull=True).exists()


def test_badge_34_paying_the_difference_clears_restriction_16_automatically():
    holder = exempt_holder()
    done = transfer(holder)
    services.fee_difference_pay(
        difference=done.fee_difference, paid_on=date(2025, 7, 20), payment_reference="B-7",
        actor=None,
    )  # fmt: skip
    assert not holder.vehicle.restrictions.filter(code="16", removed_on__isnull=True).exists()
    assert holder.vehicle.restrictions.get(code="16").removed_on == date(2025, 7, 20)


def test_badge_35_both_parties_told_once(django_capture_on_commit_callbacks):
    holder = exempt_holder()
    with django_capture_on_commit_callbacks(execute=True):
        done = transfer(holder)
    assert {m.to for m in sms.outbox} == {holder.person.phone, "0529876543"}
    assert {tuple(m.to) for m in mail.outbox} == {(holder.person.email,), ("buyer@example.com",)}
    # The rule's words, in Hebrew (neither party registered a language): the vehicle, and the
    # licence valid only once the difference is paid.
    amount = str(done.fee_difference.amount)
    for body in [m.body for m in sms.outbox] + [m.body for m in mail.outbox]:
        assert holder.vehicle.number in body and amount in body
        assert "ייכנס לתוקף רק לאחר תשלום הפרשי האגרה" in body
    # One notification per party and address, each delivered, listed under its identity number.
    rows = Notification.objects.filter(event="badges.transfer_fee_difference")
    assert sorted(rows.values_list("key", "identity_number", "status")) == [
        ("buyer-email", BUYER, NotificationStatus.SENT),
        ("buyer-sms", BUYER, NotificationStatus.SENT),
        ("seller-email", holder.person.national_id, NotificationStatus.SENT),
        ("seller-sms", holder.person.national_id, NotificationStatus.SENT),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        assert services.transfer_notify_parties(transfer=done) == 0
    assert (len(sms.outbox), len(mail.outbox), rows.count()) == (2, 2, 4)


def test_badge_35_a_buyer_without_consent_or_registration_is_still_told(
    django_capture_on_commit_callbacks,
):
    """The rule requires the notice (REG-14's consent is for the online service's messages):
    the buyer, not registered, gets it on the phone the clerk recorded; no e-mail was given."""
    holder = exempt_holder()
    with django_capture_on_commit_callbacks(execute=True):
        transfer(holder, buyer_email="")
    row = Notification.objects.get(key="buyer-sms")
    assert (row.status, row.withheld_reason, row.address) == (
        NotificationStatus.SENT,
        "",
        "0529876543",
    )
    assert not Notification.objects.filter(key="buyer-email").exists()


def test_badge_35_a_busy_gateway_is_tried_again_not_lost(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.SMS_BACKEND = "tests.notifications.test_notifications.FailingSms"
    # The gateway refuses the first message once (restored after the test).
    monkeypatch.setattr(FailingSms, "calls", 0)
    monkeypatch.setattr(FailingSms, "failures", 1)
    holder = exempt_holder()
    with django_capture_on_commit_callbacks(execute=True):
        transfer(holder)
    # The first SMS was refused once and delivered on its retry: both phones got it.
    assert {m.to for m in sms.outbox} == {holder.person.phone, "0529876543"}
    assert sorted(
        Notification.objects.filter(channel="sms").values_list("attempts", flat=True)
    ) == [1, 2]


def test_badge_36_transfer_fee_payer_recorded_as_agreed():
    holder = exempt_holder()
    assert transfer(holder, transfer_fee_payer="seller").transfer_fee_payer == "seller"
    with pytest.raises(ValidationError):
        OwnershipTransfer(
            vehicle=holder.vehicle, seller=holder.person, buyer_national_id=BUYER, buyer_name="x",
            transferred_on=ON, transfer_fee_payer="nobody",
        ).full_clean()  # fmt: skip


def test_badge_17_after_death_only_with_the_badge_returned():
    holder = exempt_holder()
    holder.person.died_on = date(2025, 6, 1)
    holder.person.save()
    with pytest.raises(ValidationError) as error:
        transfer(holder, cause="death")
    assert error.value.error_list[0].code == "badge_not_returned"
    holder.badge.returned_on = date(2025, 6, 20)
    holder.badge.save()
    assert transfer(holder, cause="death").cause == "death"


def test_badge_45_restriction_11_prevents_the_transfer():
    holder = exempt_holder()
    holder.vehicle.restrictions.create(code="11", recorded_on=date(2024, 1, 1))
    with pytest.raises(ValidationError):
        transfer(holder)
    assert not OwnershipTransfer.objects.exists()


def test_badge_34_seller_must_own_the_vehicle_or_be_exempt_on_it():
    holder = exempt_holder()
    transfer(holder)
    with pytest.raises(ValidationError) as error:
        transfer(holder, buyer_national_id=VALID_NATIONAL_IDS[7])
    assert error.value.error_list[0].code == "not_owner"
