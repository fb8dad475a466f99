"""A registered citizen at the high (or low) identification level, logged in, with files."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from registration.models import IdentificationLevel
from tests.factories import VALID_NATIONAL_IDS
from tests.registration.factories import CitizenProfileFactory

CITIZEN_ID = VALID_NATIONAL_IDS[6]
OTHER_ID = VALID_NATIONAL_IDS[7]
PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def pdf(name: str = "report.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def png(name: str = "scan.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield


@pytest.fixture
def citizen(db):
    """`citizen()`: a registered citizen's user at the high level (`level="low"` for low)."""

    def make(national_id: str = CITIZEN_ID, level: str = IdentificationLevel.HIGH):
        profile = CitizenProfileFactory(level=level, mobile="+972502345678")
        user = profile.user
        user.national_id = national_id
        user.first_name, user.last_name = "Dana", "Levi"
        user.save()
        return user

    return make


@pytest.fixture
def citizen_client(client, citizen, settings):
    """Logged in as a citizen, reading English (`language="he"` for Hebrew)."""

    def login(language: str = "en", **kwargs):
        user = citizen(**kwargs)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        client.force_login(user)
        client.user = user
        return client

    return login
