"""CUS-36, CUS-37, CUS-38, CUS-40: suppliers through the agents' API."""

import pytest

from customs_valuation.declarations.choices import SupplierStatus
from customs_valuation.declarations.models import Supplier

pytestmark = pytest.mark.django_db
SUPPLIERS = "/api/customs/declarations/suppliers/"
SHENZHEN = {
    "name": "Shenzhen Bright Lamps Co., Ltd.",
    "country": "CN",
    "address": "88 Keyuan Road",
    "city": "Shenzhen",
    "postcode": "518057",
    "dealer_number": "91440300-ma5f",
}


def test_cus_37_dealer_number_with_letters_is_stored_in_upper_case(agent_api):
    response = agent_api.post(SUPPLIERS, SHENZHEN, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["dealer_number"] == "91440300-MA5F"
    assert body["status"] == SupplierStatus.NOT_HANDLED == 1


def test_cus_37_hong_kong_and_taiwan_postcode_is_none_whatever_is_typed(agent_api):
    for country in ("HK", "TW"):
        data = {**SHENZHEN, "country": country, "postcode": "12345", "name": f"Firm {country}"}
        response = agent_api.post(SUPPLIERS, data, format="json")
        assert response.status_code == 201
        assert response.json()["postcode"] == "NONE"


@pytest.mark.parametrize("postcode", ["", "NONE", "none"])
def test_cus_37_postcode_is_mandatory_elsewhere(agent_api, postcode):
    response = agent_api.post(SUPPLIERS, {**SHENZHEN, "postcode": postcode}, format="json")
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["postcode"]


@pytest.mark.parametrize("dealer", ["ABC 123", "ÄB-1", "X" * 21, "12/34"])
def test_cus_37_dealer_number_refuses_other_characters(agent_api, dealer):
    response = agent_api.post(SUPPLIERS, {**SHENZHEN, "dealer_number": dealer}, format="json")
    assert response.status_code == 400
    assert "dealer_number" in {e["field"] for e in response.json()["errors"]}


def test_cus_36_identical_data_is_warned_then_given_a_new_number(agent_api, other_agent_api):
    first = agent_api.post(SUPPLIERS, SHENZHEN, format="json").json()["number"]
    # Another agent, the same name with other case, spaces and punctuation.
    again = {**SHENZHEN, "name": "SHENZHEN bright-lamps co ltd", "dealer_number": ""}
    warned = other_agent_api.post(SUPPLIERS, again, format="json")
    assert warned.status_code == 409
    assert [d["number"] for d in warned.json()["duplicates"]] == [first]
    confirmed = other_agent_api.post(SUPPLIERS, {**again, "confirm_duplicate": True}, format="json")
    assert confirmed.status_code == 201
    assert confirmed.json()["number"] != first
    assert Supplier.objects.count() == 2


def test_cus_36_same_dealer_number_in_the_same_country_is_warned(agent_api):
    agent_api.post(SUPPLIERS, SHENZHEN, format="json")
    other_name = {**SHENZHEN, "name": "Completely Different Trading"}
    assert agent_api.post(SUPPLIERS, other_name, format="json").status_code == 409
    other_country = {**other_name, "country": "TW"}
    assert agent_api.post(SUPPLIERS, other_country, format="json").status_code == 201


def test_cus_38_only_the_agent_who_entered_changes_the_data(agent_api, other_agent_api):
    number = agent_api.post(SUPPLIERS, SHENZHEN, format="json").json()["number"]
    refused = other_agent_api.patch(f"{SUPPLIERS}{number}/", {"city": "Guangzhou"}, format="json")
    assert refused.status_code == 403
    changed = agent_api.patch(f"{SUPPLIERS}{number}/", {"city": "Guangzhou"}, format="json")
    assert changed.status_code == 200
    assert changed.json()["city"] == "Guangzhou"


def test_cus_40_a_user_without_the_agent_role_gets_403(world, client):
    client.force_login(world.valuer)
    assert client.get(SUPPLIERS).status_code == 403


def test_cus_40_bad_input_answers_one_message_per_field(agent_api):
    response = agent_api.post(SUPPLIERS, {"name": "", "country": 7}, format="json")
    assert response.status_code == 400
    fields = [e["field"] for e in response.json()["errors"]]  # RFC 9457 problem: one per field
    assert {"name", "address", "city", "postcode"} <= set(fields)
    assert len(fields) == len(set(fields))
    assert agent_api.get(f"{SUPPLIERS}99999999/").status_code == 404
