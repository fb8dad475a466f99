"""Part 2.2 fixtures: part 2.3's world (agents, importers, a valuer at Haifa and one at Ashdod,
valuation-unit staff) with a chief valuer at Haifa, the Director, and part 2.2's reference data."""

import pytest

from customs_valuation.declarations.models import CustomsHouseStaff
from taxportal.roles import Role
from tests.customs_declarations.conftest import (  # noqa: F401, F811 - fixtures used here
    SINCE,
    agent_api,
    declarations_reference,
    other_agent_api,
    world,
)


@pytest.fixture
def commercial(world, make_user):  # noqa: F811 - the fixture imported above
    from customs_valuation.commercial import reference as commercial_reference

    commercial_reference.load()
    world.chief = make_user(Role.CHIEF_VALUER, username="chief")
    world.director = make_user(Role.CUSTOMS_DIRECTOR, username="director")
    CustomsHouseStaff.objects.create(user=world.chief, customs_house=world.haifa, started_on=SINCE)
    return world
