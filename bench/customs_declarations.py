"""Importer declarations at scale: 100,000 entries against 10,000 importer–supplier pairs with a
few thousand blocks. The bulk of the entries is written in batches; then entries are filed one by
one through the service, timing the block check at the moment of filing and counting its queries
(it must stay constant); then the daily jobs run over the whole.

Sizes: BENCH_DECL_PAIRS (10,000), BENCH_DECL_ENTRIES (100,000), BENCH_DECL_FILED (2,000: the
entries of the total filed through the service, one at a time)."""

import os
import random
import time
from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.harness import measure, scratch_database

PAIRS = int(os.environ.get("BENCH_DECL_PAIRS", "10000"))
ENTRIES = int(os.environ.get("BENCH_DECL_ENTRIES", "100000"))
FILED = int(os.environ.get("BENCH_DECL_FILED", "2000"))
OVERDUE, WRONG_SUPPLIERS, EXPIRING = PAIRS // 5, PAIRS // 40, PAIRS // 10


def _world():
    from dateutil.relativedelta import relativedelta

    from customs_valuation.declarations import reference
    from customs_valuation.declarations.choices import DeclarationStatus as D
    from customs_valuation.declarations.choices import SupplierStatus as S
    from customs_valuation.declarations.models import (
        AgentAuthorisation,
        CustomsAgent,
        CustomsHouse,
        Importer,
        ImporterDeclaration,
        Supplier,
    )
    from taxportal.models import User

    reference.load()
    user = User.objects.create(username="bench-agent")
    agent = CustomsAgent.objects.create(licence_number="9999", name="Bench agent")
    agent.users.add(user)
    importers = Importer.objects.bulk_create(
        [Importer(number=f"{i:09d}", name=f"Importer {i}") for i in range(PAIRS // 10)]
    )
    AgentAuthorisation.objects.bulk_create(
        [AgentAuthorisation(agent=agent, importer=i, valid_from="2020-01-01") for i in importers]
    )
    suppliers = Supplier.objects.bulk_create(
        [
            Supplier(
                name=f"Supplier {n}", normalised_name=f"supplier{n}", country_id="CN",
                address="1 Road", city="Shenzhen", postcode="518000", status=S.CORRECT,
            )
            for n in range(PAIRS // 2)
        ],
        batch_size=2000,
    )  # fmt: skip
    today = timezone.localdate()
    pairs = [
        (importers[n % len(importers)], suppliers[n // 2 % len(suppliers)]) for n in range(PAIRS)
    ]
    rows = []
    for n, (importer, supplier) in enumerate(pairs):
        entered = today - timedelta(days=60)
        status, day0 = D.APPROVED, None
        if n < OVERDUE:  # a typing error sent 30 days ago, never corrected
            status, day0 = D.TYPING_ERROR, today - timedelta(days=30)
        elif n < OVERDUE + EXPIRING:  # entered 13 months ago, never handled
            status, entered = D.NOT_HANDLED, today - relativedelta(months=13)
        rows.append(
            ImporterDeclaration(
                form="138",
                importer=importer,
                supplier=supplier,
                agent=agent,
                entered_by=user,
                entered_on=entered,
                valid_until=entered + relativedelta(months=12),
                status=status,
                agent_status=status,
                count_started_on=day0,
                blocked_from=day0 + timedelta(days=22) if day0 else None,
                currency="USD",
                incoterm="FOB",
                payment_terms="30 days",
                signatory_name="x",
                signed_on=entered,
            )  # fmt: skip
        )
    ImporterDeclaration.objects.bulk_create(rows, batch_size=2000)
    wrong = [s.pk for s in suppliers[-WRONG_SUPPLIERS:]]
    Supplier.objects.filter(pk__in=wrong).update(status=S.WRONG)
    return user, agent, CustomsHouse.objects.get(code="haifa"), pairs, wrong


def _bulk_entries(agent, user, house, pairs, count) -> int:
    from customs_valuation.declarations.models import Entry

    batch = []
    for n in range(count):
        importer, supplier = pairs[n % len(pairs)]
        batch.append(
            Entry(
                number=f"B{n:09d}",
                importer=importer,
                agent=agent,
                supplier=supplier,
                supplier_number_given=supplier.pk,
                customs_house=house,
                kind="regular",
                goods_value=Decimal(500),
                currency="USD",
                usd_value=Decimal(500),
                filed_by=user,
            )  # fmt: skip
        )
        if len(batch) == 5000:
            Entry.objects.bulk_create(batch)
            batch = []
    Entry.objects.bulk_create(batch)
    return count


def run() -> None:
    with scratch_database():
        from customs_valuation.declarations.models import Block
        from customs_valuation.declarations.services import blocks as block_services
        from customs_valuation.declarations.services.daily import run_daily
        from customs_valuation.declarations.services.entries import entry_file

        user, agent, house, pairs, wrong = _world()
        from customs_valuation.declarations.choices import BlockKind
        from customs_valuation.declarations.models import Supplier

        for supplier in Supplier.objects.filter(pk__in=wrong):
            block_services.block_start(
                kind=BlockKind.WRONG_SUPPLIER, supplier=supplier, cause="bench"
            )
        measure(
            f"bulk entries ({ENTRIES - FILED:,})",
            lambda: _bulk_entries(agent, user, house, pairs, ENTRIES - FILED),
        )
        today = timezone.localdate()
        measure("daily jobs (expiry, overdue blocks, archive, 06:00 list)", lambda: sum(
            run_daily(today).values()
        ))  # fmt: skip
        print(f"blocks in force: {Block.objects.filter(ended_at=None).count():,}")

        chosen = random.Random(7).sample(range(len(pairs)), FILED)
        timings, refused, query_counts = [], 0, set()
        for n, index in enumerate(chosen):
            importer, supplier = pairs[index]
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                filing = entry_file(
                    actor=user, agent=agent, importer=importer, supplier_number=supplier.pk,
                    customs_house=house, number=f"F{n:09d}", kind="regular",
                    goods_value=Decimal(800), currency="USD", usd_value=Decimal(800),
                )  # fmt: skip
            timings.append(time.perf_counter() - started)
            refused += filing.refused
            reads = [q for q in queries.captured_queries if q["sql"].startswith("SELECT")]
            query_counts.add((filing.refused, len(reads)))
        timings.sort()
        mean = sum(timings) / len(timings)
        print(
            f"filing with the block check: {FILED:,} entries, {refused:,} refused; "
            f"mean {mean * 1000:.2f} ms, p95 {timings[int(len(timings) * 0.95)] * 1000:.2f} ms"
        )
        print(f"reads per filing (refused?, SELECTs): {sorted(query_counts)}")
