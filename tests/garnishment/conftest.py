from datetime import date
from importlib import import_module

import pytest
import time_machine
from django.apps import apps as django_apps
from django.db.models.signals import post_migrate

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


def _restore_roles(**_kwargs):
    """Transactional tests (browser, concurrency) end with a flush that drops the roles the data
    migration created; flush then sends post_migrate, so put them back for the tests after."""
    import_module("taxportal.migrations.0002_roles").create_roles(django_apps, None)


post_migrate.connect(_restore_roles, dispatch_uid="garnishment-tests-restore-roles")


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
