"""Issue 15: the files of an online application never sent are deleted after a day; those of
one still being checked stay."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.utils import timezone

from parking_badges.services.drafts import drafts_discard_older_than

from .conftest import pdf

pytestmark = pytest.mark.django_db


def test_issue_15_unsent_application_files_are_deleted_after_a_day(citizen_client):
    client = citizen_client()
    from .test_online_application import APPLY, _form

    client.post(APPLY, _form(documents=[pdf("old.pdf")]))
    kept = client.session["badge_application_draft"]["documents"][0]["path"]
    assert default_storage.exists(kept)
    # The file's time is the file system's; a cut-off before any file was written keeps it...
    assert drafts_discard_older_than(before=datetime(2000, 1, 1, tzinfo=ZoneInfo("UTC"))) == 0
    assert default_storage.exists(kept)
    # ...and one after it deletes it.
    later = default_storage.get_modified_time(kept) + timedelta(seconds=1)
    assert drafts_discard_older_than(before=later) >= 1
    assert not default_storage.exists(kept)


def test_issue_15_a_nightly_task_deletes_what_was_left_unsent(citizen_client, settings):
    """Beat runs the clean-up every night; two days later the unsent file is gone."""
    from parking_badges import tasks

    from .test_online_application import APPLY, _form

    assert settings.CELERY_BEAT_SCHEDULE["badges-discard-unsent-drafts"]["task"] == (
        "parking_badges.tasks.discard_unsent_drafts"
    )
    client = citizen_client()
    client.post(APPLY, _form(documents=[pdf("left.pdf")]))
    left = client.session["badge_application_draft"]["documents"][0]["path"]
    assert tasks.discard_unsent_drafts() == 0  # not a day old yet
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        assert tasks.discard_unsent_drafts() >= 1
    assert not default_storage.exists(left)
