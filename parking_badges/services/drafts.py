"""Files of online applications never sent (issue 15): an application's documents wait in
storage between its form and its "check your answers" page; those left behind longer than a
day are deleted, so medical documents are not kept for an application that was never made."""

from datetime import datetime, timedelta

from django.core.files.storage import default_storage

DRAFT_FOLDER = "parking_badges/drafts"
KEPT_FOR = timedelta(days=1)


def drafts_discard_older_than(*, before: datetime) -> int:
    """Delete the draft files last written before `before`; how many were deleted."""
    try:
        _folders, names = default_storage.listdir(DRAFT_FOLDER)
    except FileNotFoundError:
        return 0
    deleted = 0
    for name in names:
        path = f"{DRAFT_FOLDER}/{name}"
        if default_storage.get_modified_time(path) < before:
            default_storage.delete(path)
            deleted += 1
    return deleted
