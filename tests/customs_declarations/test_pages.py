"""The pages of part 2.3: each role sees its own; another agent's ids answer 404; status 4 reads
as 2 on the agent's page (CUS-45); the valuer's queue keeps a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from customs_valuation.declarations.choices import DeclarationStatus as D
from customs_valuation.declarations.models import ImporterDeclaration

from .helpers import declaration, file_entry, supplier
from .test_declarations import check, checked_supplier

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"customs_declarations:{name}", args=args)


def test_cus_57_the_agents_pages_render_for_the_agent(world, client):
    made = declaration(world, checked_supplier(world))
    client.force_login(world.agent_user)
    for name, args in [
        ("agent_home", ()), ("agent_suppliers", ()), ("agent_supplier_new", ()),
        ("agent_supplier", (made.supplier_id,)), ("agent_declarations", ()),
        ("agent_declaration_new", ()), ("agent_declaration", (made.pk,)),
        ("agent_declaration_correct", (made.pk,)), ("agent_entry_new", ()),
        ("agent_blocks", ()), ("inbox", ()),
    ]:  # fmt: skip
        assert client.get(url(name, *args)).status_code == 200, name


def test_cus_57_another_agents_declaration_and_importer_answer_404(world, client):
    made = declaration(world, checked_supplier(world))
    client.force_login(world.other_agent_user)
    assert client.get(url("agent_declaration", made.pk)).status_code == 404
    assert client.get(url("agent_declaration", made.pk + 1000)).status_code == 404
    assert client.get(url("agent_declaration_correct", made.pk)).status_code == 404
    home = client.get(url("agent_home")).content.decode()
    assert world.importer.number not in home and world.other_importer.number in home


def test_cus_57_agents_cannot_open_staff_pages_and_valuers_not_the_units(world, client):
    made = declaration(world, checked_supplier(world))
    client.force_login(world.agent_user)
    assert client.get(url("queue")).status_code == 403
    assert client.get(url("staff_declaration", made.pk)).status_code == 403
    client.force_login(world.valuer)
    assert client.get(url("agent_home")).status_code == 403
    assert client.get(url("database")).status_code == 403
    assert client.post(url("staff_cancel", made.pk), {"reason": "x"}).status_code == 403


def test_cus_45_status_4_reads_as_approved_on_the_agents_page(world, client):
    made = declaration(world, checked_supplier(world))
    check(world, made, D.PRICE_SUSPECTED)
    client.force_login(world.agent_user)
    page = client.get(url("agent_declaration", made.pk)).content.decode()
    assert 'data-status="2"' in page
    assert "problem 4" not in page
    listed = client.get(url("agent_declarations") + "?status=2").content.decode()
    assert url("agent_declaration", made.pk) in listed


def test_cus_41_the_valuer_checks_the_supplier_first_then_the_declaration(world, client):
    made = declaration(world, supplier(world))
    client.force_login(world.valuer)
    assert client.get(url("staff_declaration", made.pk)).status_code == 200
    refused = client.post(url("staff_check", made.pk), {})
    assert refused.status_code == 400  # 2 while the supplier is 1
    client.post(url("staff_supplier_status", made.pk), {"status": 2, "reason": ""})
    done = client.post(url("staff_check", made.pk), {"found_5": "on", "reason_5": "typo"})
    assert done.status_code == 302
    assert ImporterDeclaration.objects.get(pk=made.pk).status == D.TYPING_ERROR


def test_cus_51_a_refused_entry_page_names_the_block_since_when_and_what_lifts_it(world, client):
    the_supplier = checked_supplier(world)
    client.force_login(world.agent_user)
    page = client.post(
        url("agent_entry_new"),
        {
            "number": "E77", "importer": world.importer.pk, "supplier_number": the_supplier.pk,
            "customs_house": world.haifa.pk, "kind": "regular", "goods_value": "10",
            "currency": "usd", "usd_value": "10",
        },
    )  # fmt: skip
    assert page.status_code == 200
    assert 'id="refused"' in page.content.decode()
    assert "138" in page.content.decode()


def _queue_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url("queue")).status_code == 200
    return len(queries)


def test_the_valuers_queue_keeps_a_constant_number_of_queries(world, client):
    client.force_login(world.valuer)
    the_supplier = checked_supplier(world)
    declaration(world, the_supplier)
    few = _queue_queries(client)
    for _ in range(6):
        made = declaration(world, the_supplier)
        check(world, made, D.TYPING_ERROR)
        file_entry(world, the_supplier)
    assert _queue_queries(client) == few


def test_the_unit_database_page(world, client):
    checked_supplier(world)
    client.force_login(world.unit)
    assert client.get(url("database") + "?q=bright&status=2").status_code == 200


def test_cus_38_another_agent_posting_supplier_data_gets_403(world, client):
    the_supplier = supplier(world)
    client.force_login(world.other_agent_user)
    data = {"name": "X", "country": "CN", "address": "a", "city": "b", "postcode": "1"}
    assert client.post(url("agent_supplier", the_supplier.pk), data).status_code == 403
    client.force_login(world.agent_user)
    assert client.post(url("agent_supplier", the_supplier.pk), data).status_code == 302


def test_cus_40_portal_and_api_refuse_the_same_bad_supplier_alike(world, client, agent_api):
    bad = {"name": "Firm", "country": "DE", "address": "a", "city": "b", "postcode": "NONE"}
    client.force_login(world.agent_user)
    page = client.post(url("agent_supplier_new"), bad)
    assert page.status_code == 200 and 'href="#id_postcode"' in page.content.decode()
    api = agent_api.post("/api/customs/declarations/suppliers/", bad, format="json")
    assert api.status_code == 400
    assert [error["field"] for error in api.json()["errors"]] == ["postcode"]
