"""Fixtures for registration: a known record, a registered citizen, clean message outboxes."""

import pytest

from taxportal import sms

from .factories import CitizenProfileFactory, TaxpayerRecordFactory


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def record(db):
    return TaxpayerRecordFactory()


@pytest.fixture
def registered(db):
    """A registered citizen with national id 629923129, known to the records."""

    def make(**fields):
        TaxpayerRecordFactory(national_id="629923129")
        profile = CitizenProfileFactory(**fields)
        profile.user.national_id = "629923129"
        profile.user.save()
        return profile

    return make
