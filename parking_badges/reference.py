"""Reference data every installation needs: the printing house's group, which may download
the daily print files and confirm their receipt (BADGE-48), and the fee schedule (BADGE-32)
from fixtures/parking_badges/. Idempotent."""

import json
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import Group, Permission

from .models import FeeScheduleEntry

PRINTING_HOUSE_GROUP = "printing_house"
FEE_SCHEDULE_FILE = settings.BASE_DIR / "fixtures" / "parking_badges" / "fee_schedule.json"


def load(*, stdout) -> None:
    group, _ = Group.objects.get_or_create(name=PRINTING_HOUSE_GROUP)
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="parking_badges", codename="download_print_files"
        )
    )
    stdout.write("Badge printing-house group ready.")
    load_fee_schedule(stdout=stdout)


def load_fee_schedule(*, stdout) -> None:
    """The fee schedule: respectful of administrators, an entry (context, start date) already in
    the table is left as the administrators keep it; only missing ones are added."""
    entries = json.loads(FEE_SCHEDULE_FILE.read_text(encoding="utf-8"))["entries"]
    added = 0
    for entry in entries:
        _, created = FeeScheduleEntry.objects.get_or_create(
            context=entry["context"],
            effective_from=date.fromisoformat(entry["effective_from"]),
            defaults={
                "amount": Decimal(entry["amount"]),
                "effective_until": (
                    date.fromisoformat(entry["effective_until"])
                    if entry.get("effective_until")
                    else None
                ),
                "source": entry.get("source", ""),
            },
        )
        added += created
    stdout.write(f"Badge fee schedule: {added} added, {len(entries) - added} already there.")
