"""Commercial valuation at scale: the value history with 1,000,000 accepted values. Opening a
case computes the system's flags from the history (one indexed aggregate per case, CUS-60(e)(1))
and the case page shows it; the time and the query count are printed at a small history and at
the full one, and the counts must not grow. The values are spread over 2,000 tariff items x 10
countries over two years, with one hot item (10% of all values) to show the worst case.

Sizes: BENCH_COMMERCIAL_VALUES (1,000,000), BENCH_COMMERCIAL_CASES (50 opened at each size)."""

import os
import random
import time
from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.harness import measure, scratch_database

VALUES = int(os.environ.get("BENCH_COMMERCIAL_VALUES", "1000000"))
CASES = int(os.environ.get("BENCH_COMMERCIAL_CASES", "50"))
SMALL = 10_000
ITEMS = [f"{8400 + n // 100:04d}.{n % 100:02d}" for n in range(2000)]
COUNTRIES = ["CN", "HK", "TW", "DE", "IT", "US", "TR", "IN", "VN", "KR"]
HOT = ("8516.40", "CN")


def _world():
    from customs_valuation import reference
    from customs_valuation.declarations.models import (
        AgentAuthorisation,
        CustomsAgent,
        CustomsHouse,
        CustomsHouseStaff,
        Importer,
    )
    from customs_valuation.declarations.services import declarations as declaration_services
    from customs_valuation.declarations.services import suppliers as supplier_services
    from taxportal.models import User
    from taxportal.roles import Role
    from taxportal.services import user_grant_role

    reference.load()
    valuer = User.objects.create(username="bench-valuer")
    user_grant_role(user=valuer, role=Role.CUSTOMS_HOUSE_VALUER, actor=None, reason="bench")
    agent_user = User.objects.create(username="bench-agent")
    user_grant_role(user=agent_user, role=Role.CUSTOMS_AGENT, actor=None, reason="bench")
    valuer, agent_user = User.objects.get(pk=valuer.pk), User.objects.get(pk=agent_user.pk)
    house = CustomsHouse.objects.get(code="haifa")
    CustomsHouseStaff.objects.create(user=valuer, customs_house=house, started_on="2020-01-01")
    agent = CustomsAgent.objects.create(licence_number="9998", name="Bench agent")
    agent.users.add(agent_user)
    importer = Importer.objects.create(number="510000003", name="Bench importer")
    AgentAuthorisation.objects.create(agent=agent, importer=importer, valid_from="2020-01-01")
    supplier = supplier_services.supplier_enter(
        actor=agent_user,
        agent=agent,
        confirm_duplicate=True,
        data={
            "name": "Bench supplier",
            "country": "CN",
            "address": "1 Road",
            "city": "Shenzhen",
            "postcode": "518000",
        },
    )
    declaration_services.declaration_enter(
        actor=agent_user,
        agent=agent,
        importer=importer,
        supplier_number=supplier.pk,
        form="138",
        data={
            "currency": "USD",
            "incoterm": "FOB",
            "payment_terms": "30 days",
            "related_parties": False,
            "relationship_details": "",
            "signatory_name": "x",
            "signed_on": timezone.localdate(),
        },
    )
    return valuer, agent_user, agent, importer, supplier, house


def _values(start: int, stop: int) -> int:
    """Written by PostgreSQL itself (generate_series): a tenth on the hot item, the rest over
    2,000 items x 10 countries, dates over two years, values 5.00 to 500.00."""
    items = "ARRAY[" + ",".join(f"'{i}'" for i in ITEMS) + "]"
    countries = "ARRAY[" + ",".join(f"'{c}'" for c in COUNTRIES) + "]"
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(%s)", [start / (VALUES + 1)])
        cursor.execute(
            f"""
            INSERT INTO customs_valuation_acceptedvalue
                (tariff_item, country_id, imported_on, unit_value, manufacturer, quantity,
                 method, case_id, entry_number, recorded_at)
            SELECT
                CASE WHEN n %% 10 = 0 THEN %s ELSE ({items})[1 + floor(random() * 2000)::int] END,
                CASE WHEN n %% 10 = 0 THEN %s ELSE ({countries})[1 + floor(random() * 10)::int] END,
                CURRENT_DATE - (1 + floor(random() * 729))::int,
                round((5 + random() * 495)::numeric, 2), '', 100, 'transaction', NULL,
                'H' || lpad(n::text, 9, '0'), now()
            FROM generate_series(%s, %s) AS n
            """,
            [HOT[0], HOT[1], start, stop - 1],
        )
        cursor.execute("VACUUM ANALYZE customs_valuation_acceptedvalue")
    return stop - start


def _open_cases(world, label: str, first: int) -> None:
    from customs_valuation.commercial import selectors
    from customs_valuation.commercial.services import cases as case_services
    from customs_valuation.declarations.services.entries import entry_file

    valuer, agent_user, agent, importer, supplier, house = world
    rng = random.Random(first)
    timings, counts, page_counts = [], set(), set()
    for n in range(-1, CASES):  # the first (-1) warms the caches and is not counted
        entry = entry_file(
            actor=agent_user,
            agent=agent,
            importer=importer,
            supplier_number=supplier.pk,
            customs_house=house,
            number=f"C{first + n + 1:08d}",
            kind="regular",
            goods_value=Decimal("1000.00"),
            currency="USD",
            usd_value=Decimal("1000.00"),
        ).entry
        item, country = HOT if n % 5 == 0 else (rng.choice(ITEMS), rng.choice(COUNTRIES))
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            case = case_services.case_open(
                actor=valuer,
                entry=entry,
                exchange_rate=Decimal("3.7"),
                country_of_export=country,
            )
            case_services.item_add(
                actor=valuer,
                case=case,
                tariff_item=item,
                description="x",
                quantity=100,
                value=Decimal("1000.00"),
            )
        elapsed = time.perf_counter() - started
        with CaptureQueriesContext(connection) as page:
            selectors.value_history(case)
        if n >= 0:
            timings.append(elapsed)
            counts.add(len(queries))
            page_counts.add(len(page))
    timings.sort()
    print(
        f"{label}: open a case and add its item: mean {sum(timings) / len(timings) * 1000:.1f} "
        f"ms, p95 {timings[int(len(timings) * 0.95)] * 1000:.1f} ms; queries {sorted(counts)}; "
        f"the history on the case page: queries {sorted(page_counts)}"
    )


def _plan() -> None:
    start = timezone.localdate() - timedelta(days=365)
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN SELECT tariff_item, min(unit_value), max(unit_value), count(*), "
            "percentile_disc(0.5) WITHIN GROUP (ORDER BY unit_value) "
            "FROM customs_valuation_acceptedvalue WHERE tariff_item IN (%s) AND country_id = %s "
            "AND imported_on BETWEEN %s AND %s GROUP BY tariff_item",
            [HOT[0], HOT[1], start, timezone.localdate()],
        )
        print("plan:", " / ".join(row[0].strip() for row in cursor.fetchall()[:4]))


def run() -> None:
    with scratch_database():
        world = _world()
        measure(f"accepted values ({SMALL:,})", lambda: _values(0, SMALL))
        _open_cases(world, f"history {SMALL:,}", 0)
        measure(f"accepted values (to {VALUES:,})", lambda: _values(SMALL, VALUES))
        _open_cases(world, f"history {VALUES:,}", 1000)
        _plan()
