"""The importer is told of every notice and decision (CUS-4, CUS-10, CUS-23) and of a held
guarantee about to lapse (CUS-17), once each, with an absolute link to the case (issue 15)."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from customs_valuation import services, tasks
from customs_valuation.models import DecisionKind, ReleaseForm, ValuationCase
from customs_valuation.services.base import record_decision
from registration.models import CitizenProfile
from taxportal.notifications.choices import WithheldReason
from taxportal.notifications.models import Notification
from tests.factories import VALID_NATIONAL_IDS

from .factories import goods_case, vehicle_case

pytestmark = pytest.mark.django_db
ISRAEL = ZoneInfo("Asia/Jerusalem")
BASE = "https://portal.example"
UNREGISTERED_ID = VALID_NATIONAL_IDS[6]


@pytest.fixture(autouse=True)
def english_importer(people, settings):
    settings.PORTAL_BASE_URL = BASE
    CitizenProfile.objects.filter(user=people.importer).update(language="en")
    mail.outbox.clear()


def _at(year, month, day):
    return time_machine.travel(datetime(year, month, day, 10, 0, tzinfo=ISRAEL), tick=False)


def test_cus_10_a_notice_of_intent_is_told_with_the_date_to_answer(
    people, django_capture_on_commit_callbacks
):
    with _at(2026, 3, 2), django_capture_on_commit_callbacks(execute=True):
        case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
        services.case_notice_of_intent(actor=people.officer, case=case, reasons="Too cheap.")
    (message,) = mail.outbox
    assert message.subject == f"A notice on customs valuation {case.reference}"
    # Notice of 02/03/2026, 30 days to answer (CUS-10): 29 to 31/03, then 01/04/2026.
    assert "You may answer it by 01/04/2026." in message.body
    assert f"{BASE}/" in message.body and f"%2Fmy%2F{case.pk}%2F" in message.body
    assert "Too cheap." not in message.body  # the reasons are read in the portal


def test_cus_17_a_guarantee_about_to_lapse_is_told_once(people, django_capture_on_commit_callbacks):
    with _at(2026, 3, 2):
        case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
        services.case_notice_of_intent(actor=people.officer, case=case, reasons="Cheap.")
        services.release_record(
            actor=people.officer, case=case, form=ReleaseForm.BANK_GUARANTEE, reference="G",
            lodged_on=date(2025, 12, 10),
        )  # fmt: skip
    mail.outbox.clear()
    # Lodged 10/12/2025 for 3 months: lapses 10/03/2026, within the 14 days' warning on 02/03
    # and still on 03/03; told on the first day only.
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.warn_lapsing_guarantees("2026-03-02") == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.warn_lapsing_guarantees("2026-03-03") == 0
    (message,) = mail.outbox
    assert "is about to lapse" in message.subject and case.reference in message.subject
    assert "lapses on 10/03/2026." in message.body
    assert Notification.objects.filter(event="customs.guarantee_lapsing").count() == 1


def test_cus_17_a_guarantee_not_yet_near_its_date_is_not_told(
    people, django_capture_on_commit_callbacks
):
    with _at(2026, 3, 2):
        case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
        services.case_notice_of_intent(actor=people.officer, case=case, reasons="Cheap.")
        services.release_record(
            actor=people.officer, case=case, form=ReleaseForm.BANK_GUARANTEE, reference="G",
            lodged_on=date(2026, 3, 1),
        )  # fmt: skip
    # Lapses 01/06/2026: on 02/03/2026 that is 91 days away, beyond the 14 days' warning.
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.warn_lapsing_guarantees("2026-03-02") == 0


def test_issue_15_the_officer_sees_on_the_case_what_the_importer_was_told(
    people, client, django_capture_on_commit_callbacks
):
    with _at(2026, 3, 2), django_capture_on_commit_callbacks(execute=True):
        case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
        services.case_notice_of_intent(actor=people.officer, case=case, reasons="Too cheap.")
    client.force_login(people.officer)
    from django.urls import reverse
    from django.utils import translation

    with translation.override("en"):
        page = client.get(
            reverse("customs_valuation:case", args=[case.pk]), HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
    assert "Messages to the citizen" in page or "הודעות לאזרח" in page
    assert "citizen@example.com" in page


BAG = {
    "goods_description": "Designer bag",
    "invoice_value": Decimal("900"),
    "freight": Decimal("60"),
    "price_abroad": Decimal("7000"),
    "israeli_price": Decimal("9500"),
    "israeli_price_net": Decimal("6400"),
}


def test_cus_23_a_value_set_is_told_with_the_date_to_appeal_by(
    people, django_capture_on_commit_callbacks
):
    with _at(2026, 3, 2), django_capture_on_commit_callbacks(execute=True):
        case = goods_case(officer=people.officer, importer=people.importer, **BAG)
        services.case_decide_value(actor=people.officer, case=case, reasons="Cheap.")
    (message,) = mail.outbox
    assert message.subject == f"A decision on customs valuation {case.reference}"
    # Notified in the personal area on 02/03/2026, 30 days to appeal (CUS-23): 01/04/2026.
    assert "You may appeal by 01/04/2026." in message.body


def test_cus_12_the_appeal_decision_is_told_as_such(people, django_capture_on_commit_callbacks):
    case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
    with django_capture_on_commit_callbacks(execute=True):
        record_decision(
            case, actor=people.officer, kind=DecisionKind.APPEAL_DECIDED, reasons="Dismissed."
        )
    (message,) = mail.outbox
    assert message.subject == f"The decision on your appeal, customs valuation {case.reference}"
    assert "appeals committee decided your appeal" in message.body


def test_issue_15_an_unregistered_importer_is_not_messaged_and_gets_the_notice_by_post(
    people, django_capture_on_commit_callbacks
):
    with _at(2026, 3, 2), django_capture_on_commit_callbacks(execute=True):
        case = goods_case(officer=people.officer, importer=people.importer, **BAG)
        ValuationCase.objects.filter(pk=case.pk).update(importer_national_id=UNREGISTERED_ID)
        case.refresh_from_db()
        services.case_decide_value(actor=people.officer, case=case, reasons="Cheap.")
    assert mail.outbox == []
    row = Notification.objects.get(event="customs.decision")
    assert row.withheld_reason == WithheldReason.NOT_REGISTERED
