"""Rules whose outcome had no test of its own: GAR-2, GAR-6, GAR-16, and the GAR-7 order key."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from garnishment.models import MonthlyStatement, Order, ThirdParty
from garnishment.rules import FeeReason
from garnishment.services import statements_produce, third_party_publish
from taxportal.roles import Role

from .factories import (
    ServiceArrangementFactory,
    ServingAuthorityFactory,
    ThirdPartyFactory,
    link_clerk,
    link_submitter,
)
from .helpers import ASSETS, NO_ASSETS_FEE, good_row, outcome, submit

pytestmark = pytest.mark.django_db


def test_gar_2_publication_requires_a_security_officer_and_a_signed_form_1(base_fees, make_user):
    director = make_user(Role.ADMINISTRATOR)
    third_party = ThirdPartyFactory(
        status=ThirdParty.Status.REQUESTED,
        published_on=None,
        security_officer_name="",
        form1_file="",
    )
    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        third_party_publish(
            third_party=third_party, published_on=date(2026, 6, 1), actor=director, reason="test"
        )
    assert "security officer" in str(refusal.value) and "form 1" in str(refusal.value)
    third_party.refresh_from_db()
    assert third_party.status == ThirdParty.Status.REQUESTED and third_party.published_on is None


def test_gar_2_the_order_count_is_information_not_a_condition(base_fees, make_user):
    few = ThirdPartyFactory(
        status=ThirdParty.Status.REQUESTED, published_on=None, orders_last_12_months=12
    )
    published = third_party_publish(
        third_party=few,
        published_on=date(2026, 6, 1),
        actor=make_user(Role.ADMINISTRATOR),
        reason="t",
    )
    assert published.status == ThirdParty.Status.PUBLISHED
    assert str(published.recognised_from) == "2026-07-01"


def test_gar_6_handing_over_money_and_updating_the_amount_bill_nothing_more(bank, city, submitter):
    """The fee covers all the order needs: later answers about the same order (money handed
    over, the amount updated) are kept, and bill nothing."""
    first, _ = submit(bank, submitter, [good_row(order_amount="1250.50")])
    later, _ = submit(
        bank,
        submitter,
        [
            good_row(order_amount="900.00", answered_on="2026-05-20"),  # amount updated
            good_row(order_amount="900.00", answered_on="2026-05-28", case_number="T-1"),
        ],
        period=date(2026, 6, 1),
    )
    assert outcome(first) == [(2, "accepted", str(ASSETS))]
    assert outcome(later) == [(2, "accepted", "0.00"), (3, "accepted", "0.00")]
    assert {line.fee_reason for line in later.lines.all()} == {FeeReason.ALREADY_BILLED}
    assert Order.objects.get().billed_amount == ASSETS


def test_gar_7_each_third_party_is_paid_once_for_the_order_served_on_it(
    bank, city, submitter, make_user
):
    """Decision (docs/garnishment.md): the payment is the third party's, for the order served
    on it: one order number of one authority served on two banks pays each bank once, and
    never the same bank twice."""
    other = ThirdPartyFactory(name="Other Bank")
    ServiceArrangementFactory(authority=city, third_party=other)
    other_submitter = link_submitter(make_user(Role.THIRD_PARTY_SUBMITTER), other)
    ours, _ = submit(bank, submitter, [good_row(order_number="SHARED-1")])
    theirs, _ = submit(other, other_submitter, [good_row(order_number="SHARED-1")])
    again, _ = submit(
        other,
        other_submitter,
        [good_row(order_number="SHARED-1", case_number="2")],
        date(2026, 6, 1),
    )
    assert [r.billed_total for r in (ours, theirs, again)] == [ASSETS, ASSETS, 0]
    assert Order.objects.filter(authority=city, order_number="SHARED-1").count() == 2


def test_gar_16_the_fines_center_pays_like_any_serving_authority(bank, submitter, make_user):
    fines = ServingAuthorityFactory(
        code="FINES", kind="fines_center", name="Fines Center", commencement_on=date(2026, 3, 1)
    )
    ServiceArrangementFactory(authority=fines, third_party=bank, notice_on=date(2026, 3, 1))
    report, _ = submit(
        bank,
        submitter,
        [
            good_row(authority="FINES"),
            good_row(authority="FINES", order_number="A-2", assets_found="no"),
            good_row(authority="FINES", order_number="A-3", received_on="2026-02-27"),
        ],
    )
    assert outcome(report) == [
        (2, "accepted", str(ASSETS)),
        (3, "accepted", str(NO_ASSETS_FEE)),
        (4, "accepted", "0.00"),
    ]
    assert report.lines.get(line_number=4).fee_reason == FeeReason.BEFORE_COMMENCEMENT
    statements_produce(period=date(2026, 5, 1))
    statement = MonthlyStatement.objects.get(authority=fines)
    assert statement.payable_amount == ASSETS + NO_ASSETS_FEE
    clerk = link_clerk(make_user(Role.AUTHORITY_FINANCE_CLERK), fines)
    from django.test import Client

    client = Client()
    client.force_login(clerk)
    assert (
        client.get(reverse("garnishment:statement_detail", args=[statement.pk])).status_code == 200
    )
