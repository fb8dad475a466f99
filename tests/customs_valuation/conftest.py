import pytest

from customs_valuation import reference


@pytest.fixture
def reference_data(db):
    """The reference tables from fixtures/customs_valuation (what every installation loads)."""
    reference.load()


@pytest.fixture
def people(make_user, reference_data):
    """An officer, a supervisor, three committee members (the last the legal adviser), and two
    importers."""
    from taxportal.roles import Role
    from tests.factories import VALID_NATIONAL_IDS

    class People:
        officer = make_user(Role.CUSTOMS_OFFICER)
        supervisor = make_user(Role.IMPORT_SUPERVISOR)
        committee = [make_user(Role.APPEAL_COMMITTEE_MEMBER) for _ in range(3)]
        importer = make_user(Role.CITIZEN, national_id=VALID_NATIONAL_IDS[0])
        other_importer = make_user(Role.CITIZEN, national_id=VALID_NATIONAL_IDS[1])

    return People


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item):
    """A transactional test ends with a flush that empties the role groups the
    migrations made; put them back so the tests after it still find their roles."""
    result = yield
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        from importlib import import_module

        from django.apps import apps
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            import_module("taxportal.migrations.0002_roles").create_roles(apps, None)
    return result
