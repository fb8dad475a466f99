from datetime import date

import pytest
import time_machine

from garnishment import reference
from taxportal.roles import Role

from .factories import (
    ServiceArrangementFactory,
    ServingAuthorityFactory,
    ThirdPartyFactory,
    link_clerk,
    link_submitter,
)

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _today():
    """Reports are checked against today's date; tests run on a fixed day."""
    with time_machine.travel(TODAY, tick=True):
        yield


@pytest.fixture
def base_fees(db):
    reference.load()


@pytest.fixture
def bank(base_fees):
    return ThirdPartyFactory(name="Bank Hapoalim Test")


@pytest.fixture
def city(bank):
    """A local authority serving `bank` electronically since 1 January 2026."""
    authority = ServingAuthorityFactory(code="TLV", name="Tel Aviv-Yafo")
    ServiceArrangementFactory(authority=authority, third_party=bank)
    return authority


@pytest.fixture
def submitter(make_user, bank):
    return link_submitter(make_user(Role.THIRD_PARTY_SUBMITTER), bank)


@pytest.fixture
def clerk(make_user, city):
    return link_clerk(make_user(Role.AUTHORITY_FINANCE_CLERK), city)
