"""The value history: accepted unit values of a tariff item and country of export over the months
before a day, as minimum, median, maximum and count; one indexed aggregate for all the items of a
case (the covering index on tariff item, country and date), never a scan of the history."""

from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import connection
from django.db.models import Aggregate, Count, DecimalField, Max, Min, QuerySet

from .. import rules
from ..models import AcceptedValue

# The lower and upper middle values: percentile_disc returns values of the column exactly
# (percentile_cont would pass through a float); 0.5 and just above it select the same value for
# an odd count and the two middle ones for an even count below a billion values.
UPPER_MIDDLE = 0.5 + 1e-9


class PercentileDisc(Aggregate):
    """PostgreSQL's ordered-set aggregate; the fraction is a constant of this module, written
    into the SQL as a number (never user input)."""

    function = "percentile_disc"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression, fraction: float):
        super().__init__(expression, output_field=DecimalField(), fraction=repr(float(fraction)))


def window(day: date, months: int) -> tuple[date, date]:
    """The months preceding the day: from the same day-of-month `months` back, to the day before."""
    return day - relativedelta(months=months), day - relativedelta(days=1)


def distributions(
    tariff_items: list[str], country: str, day: date, months: int, *, exclude_entry: str = ""
) -> dict[str, rules.Distribution]:
    """One query: the distribution per tariff item (items without values are absent)."""
    if not tariff_items:
        return {}
    start, end = window(day, months)
    rows = AcceptedValue.objects.filter(
        tariff_item__in=set(tariff_items), country_id=country, imported_on__range=(start, end)
    )
    if exclude_entry:
        rows = rows.exclude(entry_number=exclude_entry)
    if connection.vendor != "postgresql":
        return _distributions_in_python(rows)
    groups = (
        rows.values("tariff_item")
        .annotate(
            minimum=Min("unit_value"),
            maximum=Max("unit_value"),
            count=Count("pk"),
            lower=PercentileDisc("unit_value", 0.5),
            upper=PercentileDisc("unit_value", UPPER_MIDDLE),
        )
        .order_by()
    )
    return {
        row["tariff_item"]: rules.Distribution(
            Decimal(row["minimum"]),
            rules.median_of(row["lower"], row["upper"]),
            Decimal(row["maximum"]),
            row["count"],
        )
        for row in groups
    }


def _distributions_in_python(rows: QuerySet) -> dict[str, rules.Distribution]:
    """SQLite (the development default) has no ordered-set aggregate: the same figures from the
    values read in one query, by the pure rule."""
    values: dict[str, list[Decimal]] = {}
    for item, value in rows.values_list("tariff_item", "unit_value").order_by():
        values.setdefault(item, []).append(value)
    return {item: rules.distribution(found) for item, found in values.items()}
