import pytest

from customs_valuation import reference


@pytest.fixture
def reference_data(db):
    """The reference tables from fixtures/customs_valuation (what every installation loads)."""
    reference.load()
