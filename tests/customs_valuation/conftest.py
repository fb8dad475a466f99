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
