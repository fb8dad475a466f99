"""Reference data every installation needs: the regulation's base fee amounts (GAR-5)."""

import json

from django.conf import settings

from .models import BaseFee

BASE_FEES_FILE = settings.BASE_DIR / "fixtures" / "garnishment" / "base_fees.json"


def load(stdout=None) -> None:
    """Create the base fees that are missing; amounts an administrator edited stay."""
    data = json.loads(BASE_FEES_FILE.read_text(encoding="utf-8"))
    for entry in data["fees"]:
        BaseFee.objects.get_or_create(
            code=entry["code"],
            defaults={k: v for k, v in entry.items() if k != "code"},
        )
    if stdout is not None:
        stdout.write(f"Garnishment base fees: {len(data['fees'])}.")
