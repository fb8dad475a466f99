"""Fixtures for registration: a known record, a registered citizen, clean message outboxes."""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_migrate

from taxportal import sms

from .factories import CitizenProfileFactory, TaxpayerRecordFactory


def _recreate_roles(app_config, **kwargs):
    """Browser tests (transaction=True) flush the database after each test, and with it the
    roles the data migration created; flushing sends post_migrate, so put them back then."""
    if app_config.label == "registration":
        ContentType.objects.clear_cache()
        import_module("taxportal.migrations.0002_roles").create_roles(apps, None)


post_migrate.connect(_recreate_roles, dispatch_uid="tests.registration.recreate_roles")


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
