"""The monthly enforcement file and its downloads by approved authorities (BADGE-51)."""

import csv
import hashlib
import io
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.models import User

from .. import selectors
from ..models import (
    EnforcementAuthority,
    EnforcementDownload,
    EnforcementFile,
)

ENFORCEMENT_HEADER = ["vehicle_number", "last_badge_issued_on"]


def enforcement_file_build(*, month: date) -> EnforcementFile:
    """BADGE-51: the month's file of vehicle numbers on current (approved, unexpired) badges and
    each one's last badge issue date. Built once per month; a re-run returns the same file."""
    month = month.replace(day=1)
    existing = EnforcementFile.objects.filter(month=month).first()
    if existing is not None:
        return existing
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(ENFORCEMENT_HEADER)
    count = 0
    for number, last_issued_on in selectors.last_badge_issue_by_vehicle(month):
        writer.writerow([number, last_issued_on.isoformat()])
        count += 1
    content = buffer.getvalue()
    with transaction.atomic():
        enforcement_file, created = EnforcementFile.objects.get_or_create(
            month=month,
            defaults={
                "content": content,
                "sha256": hashlib.sha256(content.encode()).hexdigest(),
                "vehicle_count": count,
            },
        )
        if created:
            audit_record(
                actor=None,
                action=gettext_noop("enforcement file built"),
                target=enforcement_file,
                changes={"vehicles": count},
            )
    return enforcement_file


@transaction.atomic
def enforcement_file_download(
    *, enforcement_file: EnforcementFile, authority: EnforcementAuthority, user: User
) -> EnforcementDownload:
    """Only an authority approved under the Privacy Protection Law, only by its own users, and
    every download recorded."""
    if not authority.privacy_approved or not authority.users.filter(pk=user.pk).exists():
        raise PermissionDenied
    download = EnforcementDownload.objects.create(
        file=enforcement_file, authority=authority, user=user
    )
    audit_record(
        actor=user,
        action=gettext_noop("enforcement file downloaded"),
        target=enforcement_file,
        changes={"authority": authority.name, "sha256": enforcement_file.sha256},
    )
    return download
