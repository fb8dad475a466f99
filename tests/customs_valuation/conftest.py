import pytest

from customs_valuation import reference


@pytest.fixture
def reference_data(db):
    """The reference tables from fixtures/customs_valuation (what every installation loads)."""
    reference.load()


@pytest.fixture
def people(make_user, reference_data):
    """An officer, a supervisor, three committee members (the last the legal adviser), and two
    importers, registered at the high identification level (REG-24: the low level hides the
    values, notices and documents; tests/registration/test_review_rules.py covers it)."""
    from taxportal.roles import Role
    from tests.factories import VALID_NATIONAL_IDS
    from tests.registration.factories import CitizenProfileFactory

    def registered_importer(national_id):
        user = make_user(Role.CITIZEN, national_id=national_id)
        CitizenProfileFactory(user=user)
        return user

    class People:
        officer = make_user(Role.CUSTOMS_OFFICER)
        supervisor = make_user(Role.IMPORT_SUPERVISOR)
        committee = [make_user(Role.APPEAL_COMMITTEE_MEMBER) for _ in range(3)]
        importer = registered_importer(VALID_NATIONAL_IDS[0])
        other_importer = registered_importer(VALID_NATIONAL_IDS[1])

    return People
