"""The citizen's personal area (BADGE-11, BADGE-35, BADGE-41): besides applications and
badges, their own refund requests and ownership transfers, with status and due date, in a
fixed number of queries; amounts only at the high identification level, saying why."""

from datetime import date

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from parking_badges.personal_area import badge_section
from taxportal.roles import Role
from tests.factories import VALID_NATIONAL_IDS

from .factories import Holder
from .test_fees_views import refund_for
from .test_transfers import BUYER, exempt_holder, transfer

pytestmark = pytest.mark.django_db


def render(section, language="en"):
    with translation.override(language):
        return render_to_string(section.template, section.context)


def test_badge_41_citizen_sees_own_refunds_with_their_due_date(make_user):
    holder = Holder(paid_reduced=False)
    refund = refund_for(holder)
    other = Holder(national_id=VALID_NATIONAL_IDS[3])
    refund_for(other)
    citizen = make_user(Role.CITIZEN, national_id=holder.person.national_id)
    section = badge_section(citizen, "high")
    assert section.context["money"].refunds == [refund]
    html = render(section)
    assert refund.due_on.strftime("%d/%m/%Y") in html
    assert other.vehicle.number not in html
    hebrew = render(section, "he")
    assert "בקשות ההחזר שלך" in hebrew


def test_badge_35_seller_and_buyer_see_the_transfer_and_the_difference_owed(make_user):
    holder = exempt_holder()
    done = transfer(holder)
    seller = badge_section(make_user(Role.CITIZEN, national_id=holder.person.national_id), "high")
    buyer = badge_section(make_user(Role.CITIZEN, national_id=BUYER), "high")
    assert seller.context["money"].transfers == [done]
    assert buyer.context["money"].transfers == [done]
    assert buyer.context["status"] is None, "the buyer has no badge file of their own"
    html = render(buyer)
    assert "valid only after the difference is paid" in html
    assert str(done.fee_difference.amount) in html


def test_badge_41_low_level_hides_the_amounts_and_says_why(make_user):
    holder = exempt_holder()
    done = transfer(holder)
    refund = refund_for(holder)
    section = badge_section(make_user(Role.CITIZEN, national_id=holder.person.national_id), "low")
    html = render(section)
    assert refund.due_on.strftime("%d/%m/%Y") in html, "status and due date stay visible"
    assert str(done.fee_difference.amount) not in html
    assert "Amounts of refunds and fee differences are shown at the high" in html


def test_badge_11_personal_area_queries_constant_in_the_number_of_cases(
    make_user, django_assert_max_num_queries, django_assert_num_queries
):
    holder = Holder(paid_reduced=False)
    citizen = make_user(Role.CITIZEN, national_id=holder.person.national_id)
    refund_for(holder)
    with django_assert_max_num_queries(10) as small:
        render(badge_section(citizen, "high"))
    for year in (2022, 2023):
        vehicle = holder.second_vehicle()
        refund_for_vehicle = refund_for(holder)
        refund_for_vehicle.vehicle = vehicle
        refund_for_vehicle.requested_on = date(year, 2, 1)
        refund_for_vehicle.save()
    with django_assert_num_queries(len(small.captured_queries)):
        section = badge_section(citizen, "high")
        render(section)
    assert len(section.context["money"].refunds) == 3


def test_personal_area_nothing_for_a_stranger(make_user):
    holder = Holder()
    section = badge_section(make_user(Role.CITIZEN, national_id=VALID_NATIONAL_IDS[7]), "high")
    # Issue 15: nothing of another's case, and the way to apply.
    assert section.context["status"] is None and not section.context["money"]
    html = render(section)
    assert holder.person.national_id not in html and holder.vehicle.number not in html
    assert 'data-testid="apply-link"' in html
