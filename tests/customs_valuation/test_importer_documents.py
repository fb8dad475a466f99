"""Issue 15, CUS-10, CUS-12, CUS-23: the importer answers a notice of intent or appeals online
"with all arguments and documents": several documents in one submission, each checked by its
content; every document lands on the case (listed on the officer's case page) and in the
receipt's "what was received"; one refused file refuses the whole submission, naming it, and
stores nothing; at most ten documents; another importer's case is not found. The officer who
records a paper answer still attaches one scan of the letter."""

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from customs_valuation import services
from customs_valuation.models import CaseStatus, DocumentKind
from taxportal.models import Receipt

from .factories import goods_case, vehicle_case

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _pdf(name):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _notice_case(people):
    case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
    services.case_notice_of_intent(actor=people.officer, case=case, reasons="Too cheap.")
    return case


def _answer_url(case):
    return reverse("customs_valuation:my_case_answer", args=[case.pk])


def _stored_names(case):
    """The stored files' names, without the suffix storage adds when the test media directory
    already holds a file of that name from an earlier run."""
    return sorted(
        re.sub(r"_[A-Za-z0-9]{7}(?=\.pdf$)", "", d.file.name.rsplit("/", 1)[-1])
        for d in case.documents.all()
    )


def test_cus_10_an_answer_with_two_documents_lands_on_the_case_with_both_and_the_receipt(
    client, people
):
    case = _notice_case(people)
    client.force_login(people.importer)
    response = client.post(
        _answer_url(case),
        {
            "text": "Bought at an auction; the receipt and the bank transfer are attached.",
            "file": [_pdf("auction-receipt.pdf"), _pdf("bank-transfer.pdf")],
        },
    )
    receipt = Receipt.objects.get(event="customs.answer_received")
    assert response.status_code == 302 and response["Location"] == f"/receipts/{receipt.pk}/"
    case.refresh_from_db()
    assert case.status == CaseStatus.ANSWERED
    documents = list(case.documents.all())
    assert len(documents) == 2
    assert {d.kind for d in documents} == {DocumentKind.ANSWER}
    assert {d.content_type for d in documents} == {"application/pdf"}
    assert _stored_names(case) == ["auction-receipt.pdf", "bank-transfer.pdf"]
    # The receipt's "what was received": the text's length and each document by name.
    received = receipt.received.in_language("en")
    assert "Document: auction-receipt.pdf" in received
    assert "Document: bank-transfer.pdf" in received
    page = client.get(response["Location"]).content.decode()
    assert "auction-receipt.pdf" in page and "bank-transfer.pdf" in page
    # The officer's case page lists both.
    client.force_login(people.officer)
    officer_page = client.get(reverse("customs_valuation:case", args=[case.pk])).content.decode()
    assert "auction-receipt" in officer_page and "bank-transfer" in officer_page


def test_cus_10_a_text_renamed_pdf_refuses_the_whole_answer_naming_it_and_stores_nothing(
    client, people
):
    case = _notice_case(people)
    client.force_login(people.importer)
    response = client.post(
        _answer_url(case),
        {
            "text": "Bought at an auction.",
            "file": [
                _pdf("auction-receipt.pdf"),
                SimpleUploadedFile("notes.pdf", b"just some text, not a PDF\n"),
            ],
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "notes.pdf" in text
    assert "auction-receipt.pdf" not in text  # only the refused file is named
    case.refresh_from_db()
    assert case.status == CaseStatus.NOTICE_OF_INTENT
    assert not case.documents.exists() and not case.answers.exists()
    assert not Receipt.objects.exists()


def test_cus_10_each_refused_file_is_named(client, people):
    case = _notice_case(people)
    client.force_login(people.importer)
    response = client.post(
        _answer_url(case),
        {
            "text": "Bought at an auction.",
            "file": [
                SimpleUploadedFile("first.pdf", b"plain text one\n"),
                SimpleUploadedFile("second.png", b"plain text two\n"),
            ],
        },
    )
    text = response.content.decode()
    assert response.status_code == 200 and "first.pdf" in text and "second.png" in text
    assert not case.documents.exists()


def test_cus_10_more_than_ten_documents_are_refused_with_a_message(client, people):
    case = _notice_case(people)
    client.force_login(people.importer)
    response = client.post(
        _answer_url(case),
        {"text": "Everything.", "file": [_pdf(f"page-{n}.pdf") for n in range(11)]},
    )
    assert response.status_code == 200
    # Hebrew first: "Attach at most 10 documents; you selected 11."
    assert "אפשר לצרף עד 10 מסמכים; נבחרו 11." in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.NOTICE_OF_INTENT and not case.documents.exists()
    # Ten is the most, and is accepted.
    response = client.post(
        _answer_url(case),
        {"text": "Everything.", "file": [_pdf(f"page-{n}.pdf") for n in range(10)]},
    )
    assert response.status_code == 302
    assert case.documents.count() == 10


def test_cus_10_another_importers_case_is_not_found_and_nothing_is_stored(client, people):
    case = _notice_case(people)
    client.force_login(people.other_importer)
    response = client.post(
        _answer_url(case), {"text": "Not mine.", "file": [_pdf("a.pdf"), _pdf("b.pdf")]}
    )
    assert response.status_code == 404
    response = client.post(
        reverse("customs_valuation:my_case_appeal", args=[case.pk]),
        {"grounds": "Not mine.", "file": [_pdf("a.pdf")]},
    )
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.status == CaseStatus.NOTICE_OF_INTENT and not case.documents.exists()


def test_cus_10_an_answer_without_documents_still_goes(client, people):
    case = _notice_case(people)
    client.force_login(people.importer)
    response = client.post(_answer_url(case), {"text": "Bought at an auction."})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.ANSWERED and not case.documents.exists()


def test_cus_12_an_appeal_with_two_documents_lands_on_the_case_and_the_receipt(client, people):
    case = _notice_case(people)
    services.case_answer_notice(actor=people.importer, case=case, text="Auction.")
    services.case_supervisor_decide(
        actor=people.supervisor,
        case=case,
        convinced=False,
        reasons="The auction is not proven.",
        value=Decimal("30000"),
    )
    client.force_login(people.importer)
    response = client.post(
        reverse("customs_valuation:my_case_appeal", args=[case.pk]),
        {
            "grounds": "The auction receipt and the seller's letter prove the price.",
            "file": [_pdf("auction-receipt.pdf"), _pdf("seller-letter.pdf")],
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.APPEALED
    assert _stored_names(case) == ["auction-receipt.pdf", "seller-letter.pdf"]
    receipt = Receipt.objects.get(event="customs.appeal_received")
    received = receipt.received.in_language("en")
    assert "Document: auction-receipt.pdf" in received
    assert "Document: seller-letter.pdf" in received
    # The committee member opens the case and sees both documents.
    client.force_login(people.committee[0])
    page = client.get(reverse("customs_valuation:case", args=[case.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "auction-receipt" in text and "seller-letter" in text


def test_cus_23_a_goods_appeal_with_a_refused_file_stores_nothing(client, people):
    case = goods_case(
        officer=people.officer, importer=people.importer, invoice_value=Decimal("500"),
        price_abroad=Decimal("2500"), israeli_price=Decimal("4000"),
        israeli_price_net=Decimal("3000"),
    )  # fmt: skip
    services.case_decide_value(actor=people.officer, case=case, reasons="Cheap.")
    case.refresh_from_db()
    assert case.status == CaseStatus.VALUE_SET  # CUS-22: open to appeal to the collector
    client.force_login(people.importer)
    response = client.post(
        reverse("customs_valuation:my_case_appeal", args=[case.pk]),
        {"grounds": "Used machine.", "file": [SimpleUploadedFile("invoice.pdf", b"text")]},
    )
    assert response.status_code == 200 and "invoice.pdf" in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.VALUE_SET and not case.documents.exists()


def test_cus_4_the_officer_records_a_paper_answer_with_one_scan(client, people):
    case = _notice_case(people)
    client.force_login(people.officer)
    response = client.post(
        reverse("customs_valuation:case_action", args=[case.pk, "paper_answer"]),
        {"text": "Letter of 5 March: bought at auction.", "file": _pdf("letter-scan.pdf")},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.ANSWERED
    assert _stored_names(case) == ["letter-scan.pdf"]
    assert not Receipt.objects.exists()  # a paper answer gives no online receipt
