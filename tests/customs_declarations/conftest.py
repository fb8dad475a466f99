"""Part 2.3 fixtures: reference data, a customs house with a valuer, valuation-unit staff, two
agents each authorised for its own importer, and API clients with tokens."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from customs_valuation.declarations import reference
from customs_valuation.declarations.models import (
    AgentAuthorisation,
    CustomsAgent,
    CustomsHouse,
    CustomsHouseStaff,
    Importer,
)
from taxportal.roles import Role
from taxportal.tokens import api_token_issue

SINCE = date(2020, 1, 1)
IMPORTER_NUMBERS = ["510000003", "520000118"]


@pytest.fixture
def declarations_reference(db):
    reference.load()


@pytest.fixture
def world(make_user, declarations_reference):
    """Agents A and B (each with a user and an importer), a valuer at Haifa, a unit officer."""

    class World:
        haifa = CustomsHouse.objects.get(code="haifa")
        ashdod = CustomsHouse.objects.get(code="ashdod")
        valuer = make_user(Role.CUSTOMS_HOUSE_VALUER, username="valuer")
        other_valuer = make_user(Role.CUSTOMS_HOUSE_VALUER, username="valuer_ashdod")
        unit = make_user(Role.VALUATION_UNIT, username="unit")
        agent_user = make_user(Role.CUSTOMS_AGENT, username="agent_a")
        other_agent_user = make_user(Role.CUSTOMS_AGENT, username="agent_b")
        agent = CustomsAgent.objects.create(licence_number="1001", name="Agent A")
        other_agent = CustomsAgent.objects.create(licence_number="1002", name="Agent B")
        importer = Importer.objects.create(number=IMPORTER_NUMBERS[0], name="Importer A Ltd")
        other_importer = Importer.objects.create(number=IMPORTER_NUMBERS[1], name="Importer B Ltd")

    World.agent.users.add(World.agent_user)
    World.other_agent.users.add(World.other_agent_user)
    since = {"valid_from": SINCE}
    AgentAuthorisation.objects.create(agent=World.agent, importer=World.importer, **since)
    AgentAuthorisation.objects.create(
        agent=World.other_agent, importer=World.other_importer, **since
    )
    for user, house in [(World.valuer, World.haifa), (World.other_valuer, World.ashdod)]:
        CustomsHouseStaff.objects.create(user=user, customs_house=house, started_on=SINCE)
    return World


def _api_client(user) -> APIClient:
    client = APIClient()
    _token, key = api_token_issue(user=user, name="test", actor=None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def agent_api(world):
    return _api_client(world.agent_user)


@pytest.fixture
def other_agent_api(world):
    return _api_client(world.other_agent_user)
