"""Loads the fee schedule every installation needs (BADGE-32) from fixtures/parking_badges/.

Idempotent and respectful of administrators: an entry (context, start date) already in the
table is left as the administrators keep it; only missing ones are added.
"""

import json
from datetime import date
from decimal import Decimal

from django.conf import settings

from .models import FeeScheduleEntry

FEE_SCHEDULE_FILE = settings.BASE_DIR / "fixtures" / "parking_badges" / "fee_schedule.json"


def load(*, stdout) -> None:
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
