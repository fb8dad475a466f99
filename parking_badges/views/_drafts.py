"""An online application between its form and its "check your answers" page (issue 15): the
answers in the session, the files (already checked by content) in storage under an
unguessable name until the application is sent, then deleted."""

import uuid
from pathlib import PurePath

from django.core.files import File
from django.core.files.storage import default_storage

from ..services.drafts import DRAFT_FOLDER


def keep(upload) -> dict:
    suffix = PurePath(upload.name or "").suffix.lower()[:10]
    path = default_storage.save(f"{DRAFT_FOLDER}/{uuid.uuid4().hex}{suffix}", upload)
    return {"path": path, "name": (upload.name or "")[:255]}


def reopen(kept: dict) -> File:
    return File(default_storage.open(kept["path"], "rb"), name=kept["name"])


def discard(kept: list[dict]) -> None:
    for item in kept:
        if item and default_storage.exists(item["path"]):
            default_storage.delete(item["path"])
