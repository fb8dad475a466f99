"""Reference data of part 2.2, loaded from fixtures/customs_valuation/commercial/: the policy
figures with their effective dates (70%, 50%, 30 days, 90 days, 12 months, the guarantee
warning), usual freight per country of export and mode (CUS-60(e)(3)) and cigarette wholesale
prices (CUS-90). Idempotent. The Director's freight notices are issued in the portal."""

import csv
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from .models import CigarettePrice, CommercialPolicy, UsualFreight

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "customs_valuation" / "commercial"
TABLES: list[tuple[str, Any, tuple[str, ...]]] = [
    ("policy.csv", CommercialPolicy, ("effective_from",)),
    ("usual_freight.csv", UsualFreight, ("country", "mode", "effective_from")),
    ("cigarette_prices.csv", CigarettePrice, ("product", "effective_from")),
]


@transaction.atomic
def load(stdout=None) -> None:
    for filename, model, keys in TABLES:
        with (FIXTURES / filename).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        for row in rows:
            row = {("country_id" if k == "country" else k): v for k, v in row.items()}
            lookup = {
                k: row.pop(k) for k in (("country_id" if k == "country" else k) for k in keys)
            }
            model.objects.update_or_create(**lookup, defaults=row)
        if stdout is not None:
            stdout.write(f"Commercial valuation: {model._meta.verbose_name_plural}: {len(rows)}.")
