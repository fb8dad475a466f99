"""Two paths where mypy showed a None could reach the arithmetic: each is now refused or
skipped as the rules say, instead of failing with a TypeError or storing no value."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from customs_valuation import services
from customs_valuation.models import AppealOutcome, CaseStatus, ValuationCase

from .factories import goods_case, vehicle_case

pytestmark = pytest.mark.django_db


def test_cus_23_a_posted_notice_not_yet_delivered_is_never_finalised(people):
    # CUS-23: for goods the 30 days run from the delivery of a posted notice; until it is
    # recorded the case has no appeal date, so CUS-17's forfeiture cannot start (it raised).
    case = goods_case(
        officer=people.officer, importer=people.importer, invoice_value=Decimal("500"),
        israeli_price_net=Decimal("3000"),
    )  # fmt: skip
    services.case_decide_value(actor=people.officer, case=case, reasons="Cheap.")
    ValuationCase.objects.filter(pk=case.pk).update(appeal_due=None)  # the notice went by post
    later = timezone.localdate() + timedelta(days=90)
    assert services.case_finalise(case_id=case.pk, today=later) is False
    case.refresh_from_db()
    assert case.status == CaseStatus.VALUE_SET


def test_cus_12_no_declared_value_to_accept_without_an_invoice(people):
    # CUS-14: a vehicle without an invoice is valued by the price list; an appeal cannot end
    # with "the declared value accepted" when nothing was declared (it stored no value).
    case = vehicle_case(
        officer=people.officer, importer=people.importer, has_invoice=False, invoice_value=None
    )
    services.case_decide_value(actor=people.officer, case=case, reasons="No invoice.")
    appeal = services.appeal_file(actor=people.importer, case=case, grounds="Too high.")
    services.appeal_forward(actor=people.supervisor, appeal=appeal, opinion="No invoice.")
    chair, _second, lawyer = people.committee
    with pytest.raises(ValidationError) as refused:
        services.appeal_decide(
            actor=chair, appeal=appeal, outcome=AppealOutcome.DECLARED_ACCEPTED,
            reasons="Accepted.", members=people.committee, legal_adviser=lawyer,
        )  # fmt: skip
    assert list(refused.value.message_dict) == ["outcome"]
    case.refresh_from_db()
    assert case.status == CaseStatus.APPEALED
    assert case.determined_value is not None
