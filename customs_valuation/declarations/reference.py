"""Reference data of part 2.3, loaded from fixtures/customs_valuation/declarations/: countries
(and which have no postcodes, CUS-37), customs houses, and the policy figures with their
effective dates (12 months, 21 days, USD 1,000, 3 days). Idempotent."""

import csv
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from .models import Country, CustomsHouse, DeclarationPolicy

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "customs_valuation" / "declarations"
TABLES: list[tuple[str, Any, str]] = [
    ("countries.csv", Country, "code"),
    ("customs_houses.csv", CustomsHouse, "code"),
    ("policy.csv", DeclarationPolicy, "effective_from"),
]


def _value(value: str):
    return {"True": True, "False": False}.get(value, value)


@transaction.atomic
def load(stdout=None) -> None:
    for filename, model, key in TABLES:
        with (FIXTURES / filename).open(encoding="utf-8", newline="") as handle:
            rows = [{k: _value(v) for k, v in row.items()} for row in csv.DictReader(handle)]
        for row in rows:
            model.objects.update_or_create(**{key: row.pop(key)}, defaults=row)
        if stdout is not None:
            stdout.write(f"Importer declarations: {model._meta.verbose_name_plural}: {len(rows)}.")
