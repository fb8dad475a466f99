"""Billing one report set-based: the stages in order, in a fixed number of statements."""

from dataclasses import dataclass
from datetime import date

from django.db import connection

from ... import lines as line_checks
from ...lines.checks import CheckedLine
from ...models import Report, ServiceArrangement, ServingAuthority
from ...rules import (
    ASSETS_FOUND,
    DEFAULT_PAYMENT_TERM_DAYS,
    NO_ASSETS,
    FeeSchedule,
)
from ...selectors import entitlements_of, fee_schedule
from .billing import Params, bill_sql
from .checking import check_sql, check_the_rest
from .common import TEMPORARY
from .orders import complete_sql, redirect_deliveries
from .staging import stage
from .tables import create_tables


def applies(schedule: tuple[dict, FeeSchedule]) -> bool:
    """The set-based billing takes every fee as positive and the assets-found fee above the
    no-assets one (GAR-5); a schedule where that does not hold is billed line by line."""
    base, changes = schedule
    for amounts in [base, *(a for _, a in changes)]:
        found, none = amounts.get(ASSETS_FOUND), amounts.get(NO_ASSETS)
        if found is None or none is None or not found > none > 0:
            return False
    return True


@dataclass
class Billed:
    """What billing a report did: its counts (GAR-18) and the earlier reports whose withheld
    lines it completed."""

    totals: dict
    completed: set[int]


def bill_report(report: Report, json_lines: list | None, *, today: date) -> Billed | None:
    """Check and bill every line of `report` set-based (its third party locked by the caller),
    or None when the fee schedule is one this path does not bill (`applies`)."""
    schedule = fee_schedule()
    if not applies(schedule):
        return None
    third_party = report.third_party
    authorities = list(ServingAuthority.objects.all())
    authority_ids = {a.code.upper(): a.pk for a in authorities}
    code_of = {pk: code for code, pk in authority_ids.items()}
    arrangements = {
        a.authority_id: a.payment_term_days
        for a in ServiceArrangement.objects.filter(third_party=third_party)
    }
    entitlements = entitlements_of(third_party, authorities)
    terms = [
        (
            a.pk,
            code_of.get(a.pk),
            entitlements[a.pk].commencement,
            entitlements[a.pk].notice_from,
            arrangements.get(a.pk, DEFAULT_PAYMENT_TERM_DAYS),
        )
        for a in authorities
    ]
    periods = entitlements[authorities[0].pk].recognised if authorities else ()

    def check(number: int, row: dict) -> CheckedLine:
        return line_checks.check_line(
            number,
            row,
            authority_ids=authority_ids,
            third_party_name=third_party.name,
            today=today,
        )

    create_tables(terms, today)
    layout = stage(report, json_lines, check)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute("SET LOCAL jit = off")  # compiling these statements costs more than it saves
        cursor.execute(
            check_sql(layout), {"today": today, "third_party": third_party.name.casefold()}
        )
        check_the_rest(layout, check)
        redirect_deliveries(third_party.pk)
        cursor.execute(complete_sql(), {"today": today, "third_party_id": third_party.pk})
        completed = {row[0] for row in cursor.fetchall()}
        params = Params(third_party_id=third_party.pk, report_id=report.pk, today=today)
        # The temporary tables have no statistics: without this the planner, taking them for
        # a few rows, sorts every line to merge-join it with the handful of keys it knows of.
        cursor.execute("SET LOCAL enable_mergejoin = off")
        cursor.execute(bill_sql(params, schedule, periods), params)
        counts = cursor.fetchone()
        for name in TEMPORARY:
            cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{name}")
    totals = dict(
        zip(
            ("line_count", "accepted_count", "withheld_count", "rejected_count", "billed_total"),
            counts,
            strict=True,
        )
    )
    return Billed(totals=totals, completed=completed - {report.pk})
