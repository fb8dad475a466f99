"""The demo data: every state of a case, loaded twice without harm."""

import pytest
from django.core.management import call_command

from customs_valuation.models import CaseKind, CaseStatus, ValuationCase
from taxportal.models import User

pytestmark = pytest.mark.django_db


def test_demo_holds_cases_in_every_state_and_is_idempotent():
    call_command("load_demo", force=True, verbosity=0)
    count = ValuationCase.objects.count()
    call_command("load_demo", force=True, verbosity=0)
    assert ValuationCase.objects.count() == count
    assert set(ValuationCase.objects.values_list("status", flat=True)) == set(CaseStatus.values)
    assert set(ValuationCase.objects.values_list("kind", flat=True)) == set(CaseKind.values)
    walkthrough = ValuationCase.objects.get(chassis_number="DEMO1HGCM82633A004352")
    citizen = User.objects.get(username="citizen")
    assert walkthrough.importer_national_id == citizen.national_id
    assert walkthrough.status == CaseStatus.OPEN
