"""The agents' API of part 2.2 (CUS-95, CUS-56): the same services and refusals as the portal,
scoped to the agent; another agent's ids answer 404 as missing ones do; bad bodies answer 400 by
field; nothing without a token."""

from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from customs_valuation.commercial.choices import CaseStatus, LineKind
from customs_valuation.commercial.models import Assist, CommercialDocument, CreditNote
from customs_valuation.commercial.services import decisions as decision_services
from customs_valuation.commercial.services import documents as document_services
from customs_valuation.commercial.services import worksheet as sheet_services
from tests.customs_declarations import helpers as declaration_helpers

from .helpers import open_case

pytestmark = pytest.mark.django_db
API = "/api/customs/commercial/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_cus_95_the_agent_lists_and_reads_its_cases_only(commercial, agent_api, other_agent_api):
    case = open_case(commercial)
    item = document_services.documents_request(
        actor=commercial.valuer, case=case, items=[("a", "The 2026 price list")]
    ).items.get()
    listed = agent_api.get(f"{API}cases/").json()
    assert [row["entry"] for row in listed["results"]] == [case.entry.number]
    detail = agent_api.get(f"{API}cases/{case.pk}/").json()
    assert detail["status"] == CaseStatus.OPEN
    assert detail["requests"][0]["items"][0] == {
        "id": item.pk,
        "code": "a",
        "text": detail["requests"][0]["items"][0]["text"],
        "note": "The 2026 price list",
        "uploads": 0,
    }
    assert other_agent_api.get(f"{API}cases/").json()["results"] == []
    assert other_agent_api.get(f"{API}cases/{case.pk}/").status_code == 404
    assert agent_api.get(f"{API}cases/999999/").status_code == 404


def test_cus_61_the_agent_uploads_through_the_api(commercial, agent_api, other_agent_api):
    case = open_case(commercial)
    item = document_services.documents_request(
        actor=commercial.valuer, case=case, items=[("c", "")]
    ).items.get()
    path = f"{API}cases/{case.pk}/documents/"
    good = SimpleUploadedFile("t.pdf", PDF, content_type="application/pdf")
    answer = agent_api.post(
        path, {"item": item.pk, "file": good, "answer": "Two transfers."}, format="multipart"
    )
    assert answer.status_code == 201, answer.content
    fake = SimpleUploadedFile("t.pdf", b"GIF89a", content_type="application/pdf")
    assert (
        agent_api.post(path, {"item": item.pk, "file": fake}, format="multipart").status_code == 400
    )
    assert agent_api.post(path, {"item": "x"}, format="multipart").status_code == 400
    other = SimpleUploadedFile("t.pdf", PDF, content_type="application/pdf")
    assert (
        other_agent_api.post(path, {"item": item.pk, "file": other}, format="multipart").status_code
        == 404
    )
    assert (
        agent_api.post(
            path,
            {"item": 999999, "file": SimpleUploadedFile("t.pdf", PDF)},
            format="multipart",
        ).status_code
        == 404
    )
    assert CommercialDocument.objects.count() == 1


def test_cus_80_the_choice_through_the_api(commercial, agent_api, other_agent_api):
    case = open_case(commercial)
    path = f"{API}cases/{case.pk}/choice/"
    assert agent_api.post(path, {"option": "b"}, format="json").status_code == 400  # no notice
    decision_services.case_not_satisfied(
        actor=commercial.valuer,
        case=case,
        reasons="Low.",
        provisional_value=D("50000"),
        taxes_declared=D("1000"),
        taxes_provisional=D("2000"),
    )
    detail = agent_api.get(f"{API}cases/{case.pk}/").json()
    assert detail["may_choose"] and detail["notices"][0]["security_amount"] == "1000.00"
    assert detail["notices"][0]["pdf"].endswith(f"/notices/{detail['notices'][0]['id']}/pdf/")
    assert other_agent_api.post(path, {"option": "b"}, format="json").status_code == 404
    assert agent_api.post(path, {"option": "z"}, format="json").status_code == 400
    assert agent_api.post(path, {"option": ["b"]}, format="json").status_code == 400
    answer = agent_api.post(path, {"option": "b"}, format="json")
    assert answer.status_code == 200 and answer.json()["importer_option"] == "b"


def test_cus_93_a_damage_request_through_the_api(commercial, agent_api):
    case = open_case(commercial)
    path = f"{API}cases/{case.pk}/damage/"
    assert agent_api.post(path, {"description": ""}, format="json").status_code == 400
    assert agent_api.post(path, {"description": "x" * 5000}, format="json").status_code == 400
    assert agent_api.post(path, {"description": "Wet."}, format="json").status_code == 201


def test_cus_77_assists_through_the_api(commercial, agent_api, other_agent_api):
    supplier = declaration_helpers.supplier(commercial, name="Mould Supplier")
    body = {
        "importer": commercial.importer.number,
        "supplier_number": supplier.pk,
        "description": "Mould",
        "category": "b",
        "cost": "50000.00",
        "way": "c",
        "first_shipment": 1000,
        "produced": 4000,
        "contract": 10000,
    }
    answer = agent_api.post(f"{API}assists/", body, format="json")
    # (c): 50,000 / 10,000 = 5.00 a unit.
    assert answer.status_code == 201 and answer.json()["per_unit"] == "5.00"
    assert other_agent_api.post(f"{API}assists/", body, format="json").status_code == 404
    assert agent_api.post(f"{API}assists/", body | {"cost": "-1"}, format="json").status_code == 400
    assert (
        agent_api.post(f"{API}assists/", body | {"contract": None}, format="json").status_code
        == 400
    )
    assert Assist.objects.count() == 1
    assert len(agent_api.get(f"{API}assists/").json()["results"]) == 1
    assert other_agent_api.get(f"{API}assists/").json()["results"] == []


def test_cus_70_credit_notes_through_the_api(commercial, agent_api):
    supplier = declaration_helpers.supplier(commercial, name="S")
    body = {
        "importer": commercial.importer.number,
        "supplier_number": supplier.pk,
        "customs_house": "haifa",
        "number": "CN-1",
        "kind": "credit_note",
        "amount": "400.00",
        "currency": "USD",
    }
    answer = agent_api.post(f"{API}credit-notes/", body, format="json")
    assert answer.status_code == 201 and answer.json()["status"] == "requested"
    assert agent_api.post(f"{API}credit-notes/", body, format="json").status_code == 400
    assert (
        agent_api.post(
            f"{API}credit-notes/", body | {"number": "CN-2", "currency": "€€€"}, format="json"
        ).status_code
        == 400
    )
    assert (
        agent_api.post(
            f"{API}credit-notes/", body | {"customs_house": "mars"}, format="json"
        ).status_code
        == 400
    )
    assert CreditNote.objects.count() == 1


def test_a_body_that_is_not_json_answers_400(commercial, agent_api):
    case = open_case(commercial)
    answer = agent_api.generic(
        "POST",
        f"{API}cases/{case.pk}/choice/",
        b"\xff\xfe not json",
        content_type="application/json",
    )
    assert answer.status_code == 400


def test_without_a_token_or_as_staff_nothing_is_answered(commercial, client):
    case = open_case(commercial)
    assert client.get(f"{API}cases/").status_code in {401, 403}
    client.force_login(commercial.valuer)
    assert client.get(f"{API}cases/{case.pk}/").status_code == 403


def test_cus_56_the_agents_feed_carries_the_notice(commercial, agent_api):
    case = open_case(commercial, incoterm="CIF")
    sheet_services.line_add(
        actor=commercial.valuer, case=case, kind=LineKind.KOSHER, amount=D("10.00")
    )
    decision_services.case_set_transaction_value(
        actor=commercial.valuer, case=case, reasons="Kashrut billed apart."
    )
    feed = agent_api.get("/api/customs/declarations/notifications/").json()
    texts = [row.get("text", "") for row in feed["results"]]
    assert any(case.entry.number in text for text in texts), texts
