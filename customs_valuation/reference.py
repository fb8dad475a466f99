"""The reference tables every installation needs, loaded from fixtures/customs_valuation/.

Idempotent: each row is matched on its natural key and its effective date, so running it again
changes nothing, and an administrator's later rows (new effective dates) are kept.
"""

import csv
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from .commercial import reference as commercial_reference
from .declarations import reference as declarations_reference
from .models import (
    DepreciationRate,
    FreightRate,
    OptionalExtra,
    TaxRate,
    ValuationPolicy,
    VehiclePrice,
)

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "customs_valuation"

# file -> (model, natural key columns); every other column is a value to keep up to date.
TABLES: list[tuple[str, Any, tuple[str, ...]]] = [
    ("depreciation_table.csv", DepreciationRate, ("month",)),
    ("vehicle_price_list.csv", VehiclePrice, ("make", "model", "version", "year")),
    ("optional_extras.csv", OptionalExtra, ("code",)),
    ("freight_table.csv", FreightRate, ("origin", "category")),
    ("tax_rates.csv", TaxRate, ("category",)),
    ("valuation_policy.csv", ValuationPolicy, ()),
]
DEPRECIATION_IN_FORCE_FROM = "2013-11-27"  # appendix F; the CSV itself carries no date


def read_rows(filename: str) -> list[dict]:
    with (FIXTURES / filename).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if filename == "depreciation_table.csv":
        for row in rows:
            row["effective_from"] = DEPRECIATION_IN_FORCE_FROM
            row["cumulative_percent"] = row.pop("cumulative_depreciation_percent")
    return rows


@transaction.atomic
def load(stdout=None) -> None:
    for filename, model, key in TABLES:
        rows = read_rows(filename)
        created = 0
        for row in rows:
            lookup = {name: row.pop(name) for name in (*key, "effective_from")}
            _, was_created = model.objects.update_or_create(**lookup, defaults=row)
            created += was_created
        if stdout is not None:
            stdout.write(
                f"Customs valuation: {model._meta.verbose_name_plural}: "
                f"{len(rows)} rows ({created} new)."
            )
    declarations_reference.load(stdout)  # part 2.3
    commercial_reference.load(stdout)  # part 2.2 (after 2.3: its countries)
