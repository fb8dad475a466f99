"""Issue 15, CUS-10, CUS-12, CUS-23: the importer who answers a notice of intent or appeals
online is given a receipt (reference, what was received, what happens next), told once; only
they open it; an answer an officer records from paper gives no online receipt."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from customs_valuation import services
from taxportal.events import citizen_event
from taxportal.models import Receipt

from .factories import vehicle_case

pytestmark = pytest.mark.django_db
ISRAEL = ZoneInfo("Asia/Jerusalem")
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _at(year, month, day):
    return time_machine.travel(datetime(year, month, day, 10, 0, tzinfo=ISRAEL), tick=False)


def test_cus_10_the_answer_sent_online_gets_a_receipt_told_once(
    client, people, django_capture_on_commit_callbacks
):
    told = []

    def receiver(**kwargs):
        told.append(kwargs)

    with _at(2026, 3, 2):
        case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
        services.case_notice_of_intent(actor=people.officer, case=case, reasons="Too cheap.")
    with _at(2026, 3, 10):
        client.force_login(people.importer)
        citizen_event.connect(receiver)
        try:
            with django_capture_on_commit_callbacks(execute=True):
                response = client.post(
                    reverse("customs_valuation:my_case_answer", args=[case.pk]),
                    {
                        "text": "Bought at an auction.",
                        "file": SimpleUploadedFile("auction.pdf", PDF),
                    },
                )
        finally:
            citizen_event.disconnect(receiver)
        receipt = Receipt.objects.get()
        assert response["Location"] == f"/receipts/{receipt.pk}/"
        page = client.get(response["Location"]).content.decode()
    assert receipt.event == "customs.answer_received" and receipt.case == case
    assert receipt.owner == people.importer
    assert receipt.reference in page and "auction.pdf" in page
    assert [t["event"] for t in told] == ["customs.answer_received"]
    assert told[0]["params"]["reference"] == receipt.reference
    client.force_login(people.other_importer)
    assert client.get(f"/receipts/{receipt.pk}/").status_code == 404
    assert client.get(f"/receipts/{receipt.pk}/pdf/").status_code == 404


def test_cus_12_the_appeal_sent_online_gets_a_receipt(client, people):
    with _at(2026, 3, 2):
        case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
        services.case_notice_of_intent(actor=people.officer, case=case, reasons="Too cheap.")
        services.case_answer_notice(actor=people.importer, case=case, text="Auction.")
        services.case_supervisor_decide(
            actor=people.supervisor,
            case=case,
            convinced=False,
            reasons="The auction is not proven.",
            value=Decimal("30000"),
        )
    with _at(2026, 3, 5):
        client.force_login(people.importer)
        response = client.post(
            reverse("customs_valuation:my_case_appeal", args=[case.pk]),
            {"grounds": "The auction receipt proves the price."},
        )
    appeal = Receipt.objects.get(event="customs.appeal_received")
    assert response["Location"] == f"/receipts/{appeal.pk}/"
    assert "appeal committee" in appeal.next_step.in_language("en")
    # The earlier answer got its own receipt: one for each thing sent.
    assert (
        Receipt.objects.filter(event="customs.answer_received", case_id=str(case.pk)).count() == 1
    )


def test_cus_4_an_answer_recorded_from_paper_gives_no_online_receipt(people):
    with _at(2026, 3, 2):
        case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
        services.case_notice_of_intent(actor=people.officer, case=case, reasons="Too cheap.")
        services.case_answer_notice(actor=people.officer, case=case, text="By post.")
    assert not Receipt.objects.exists()
