"""Checking and billing a received report's lines (GAR-5 to GAR-11): the part of report handling
that reads lines and writes orders and lines in bulk, kept apart so it can be replaced whole."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import islice

from django.conf import settings
from django.db import connection
from django.db.models import BigIntegerField, Case, DateField, Q, Value, When
from django.utils import timezone

from .. import bulk
from .. import lines as line_checks
from ..choices import OrderKind
from ..models import (
    Order,
    Report,
    ReportLine,
    ServiceArrangement,
    ServingAuthority,
)
from ..rules import (
    DEFAULT_PAYMENT_TERM_DAYS,
    Entitlement,
    FeeReason,
    amounts_in_force,
    fee_for_answer,
    payment_due_on,
)
from ..selectors import entitlements_of, fee_schedule
from .authorities import lock_authorities
from .processing_sql import run as set_based

BATCH_SIZE = 5000
COMPLETIONS_PER_UPDATE = 1000


@dataclass
class _PairTerms:
    entitlement: Entitlement
    term_days: int


def is_delivery(line: dict) -> bool:
    """A delivery order that names a garnishment order (GAR-7)."""
    return line["order_kind"] == OrderKind.DELIVERY and bool(line["garnishment_order_number"])


class _Biller:
    """Bills a report's lines batch by batch: one query for the batch's orders (locked), one
    for withheld lines they complete, bulk inserts, so the cost per line is constant."""

    def __init__(self, report: Report, today: date):
        self.report = report
        self.third_party = report.third_party
        self.today = today
        self.base, self.changes = fee_schedule()
        authorities = {a.pk: a for a in ServingAuthority.objects.all()}
        self.authority_ids = {a.code.upper(): a.pk for a in authorities.values()}
        arrangements = {
            a.authority_id: a
            for a in ServiceArrangement.objects.filter(third_party=self.third_party)
        }
        entitlements = entitlements_of(self.third_party, authorities.values())
        self.terms = {
            pk: _PairTerms(
                entitlement=entitlements[pk],
                term_days=(
                    arrangements[pk].payment_term_days
                    if pk in arrangements
                    else DEFAULT_PAYMENT_TERM_DAYS
                ),
            )
            for pk in authorities
        }
        self.touched_reports: set[int] = set()

    def check(self, numbered_rows: Iterator[tuple[int, dict]]) -> Iterator[line_checks.CheckedLine]:
        for number, row in numbered_rows:
            yield line_checks.check_line(
                number,
                row,
                authority_ids=self.authority_ids,
                third_party_name=self.third_party.name,
                today=self.today,
            )

    def bill(self, checked_lines: Iterator[line_checks.CheckedLine]) -> None:
        while batch := list(islice(checked_lines, BATCH_SIZE)):
            self._bill_batch(batch)

    def _bill_batch(self, batch: list[line_checks.CheckedLine]) -> None:
        numbers_by_authority: dict[int, set[str]] = {}
        for checked in batch:
            if not checked.rejected:
                numbers = numbers_by_authority.setdefault(checked.values["authority_id"], set())
                numbers.add(checked.values["order_number"])
                if checked.values.get("garnishment_order_number"):
                    numbers.add(checked.values["garnishment_order_number"])
        # One query, on the (third party, authority, order number) unique index, rows locked.
        batch_orders = Q(pk__in=[])
        for authority_id, numbers in numbers_by_authority.items():
            batch_orders |= Q(authority_id=authority_id, order_number__in=numbers)
        orders = {
            (row["authority_id"], row["order_number"]): row
            for row in Order.objects.select_for_update()
            .filter(batch_orders, third_party=self.third_party)
            .order_by("pk")
            .values(*bulk.ORDER_COLUMNS)
        }
        existing = set(orders)
        pending_withheld: dict[tuple[int, str], list[int]] = {}
        if orders:
            key_of = {o["id"]: key for key, o in orders.items()}
            for line_id, order_id in ReportLine.objects.filter(
                order__in=list(key_of), status=ReportLine.Status.WITHHELD
            ).values_list("pk", "order_id"):
                pending_withheld.setdefault(key_of[order_id], []).append(line_id)
        changed: set[tuple[int, str]] = set()
        lines: list[dict] = []
        withheld_in_batch: dict[tuple[int, str], list[dict]] = {}
        completions: list[tuple[dict, list[int], list[dict]]] = []

        for checked in batch:
            line = self._line(checked)
            lines.append(line)
            if checked.rejected:
                continue
            key = (line["authority_id"], line["order_number"])
            named = (line["authority_id"], line["garnishment_order_number"])
            delivery_of_known = is_delivery(line) and named in orders
            if delivery_of_known:  # part of handling the order it names (GAR-6, GAR-7)
                key = named
            order = orders.get(key)
            if order is None:
                order = orders[key] = {
                    "id": None,
                    "third_party_id": self.third_party.pk,
                    "authority_id": key[0],
                    "order_number": key[1],
                    "received_on": line["received_on"],
                    "billed_amount": Decimal(0),
                    "fee_code": "",
                }
            line["order"] = order
            terms = self.terms[key[0]]
            # The order's first received date fixes its entitlement and its fee (GAR-7).
            refusal = terms.entitlement.refusal(order["received_on"])
            if refusal is not None:
                line["fee_reason"] = refusal.value
            elif delivery_of_known and order["billed_amount"] > 0:
                line["fee_reason"] = FeeReason.DELIVERY_OF_BILLED_ORDER.value
            else:
                decision = fee_for_answer(
                    assets_found=line["assets_found"],
                    amounts=amounts_in_force(self.base, self.changes, order["received_on"]),
                    already_billed=order["billed_amount"],
                )
                line["fee_code"] = decision.code
                line["fee_billed"] = decision.billed
                line["fee_reason"] = decision.reason.value
                if decision.billed:
                    order["billed_amount"] += decision.billed
                    order["fee_code"] = decision.code
                    changed.add(key)
            if checked.withheld:
                line["status"] = ReportLine.Status.WITHHELD.value
                withheld_in_batch.setdefault(key, []).append(line)
            else:
                line["due_on"] = payment_due_on(self.today, terms.term_days)
                earlier = pending_withheld.pop(key, [])
                in_batch = withheld_in_batch.pop(key, [])
                if earlier or in_batch:
                    completions.append((line, earlier, in_batch))
                    for completed in in_batch:
                        completed["status"] = ReportLine.Status.ACCEPTED.value
                        completed["due_on"] = line["due_on"]

        bulk.insert_orders([o for k, o in orders.items() if k not in existing])
        Order.objects.bulk_update(
            [
                Order(pk=o["id"], billed_amount=o["billed_amount"], fee_code=o["fee_code"])
                for k, o in orders.items()
                if k in existing and k in changed
            ],
            ["billed_amount", "fee_code"],
        )
        for line in lines:
            order = line.pop("order", None)
            line["order_id"] = order["id"] if order else None
        bulk.insert_lines(lines)
        if completions:
            self._complete(completions)

    def _complete(self, completions: list[tuple[dict, list[int], list[dict]]]) -> None:
        """Corrected lines complete the withheld lines of the same order (GAR-9, GAR-11): in
        one UPDATE per thousand completed lines, whatever lines complete them."""
        numbers = {line["line_number"] for c in completions for line in (c[0], *c[2])}
        ids = dict(
            ReportLine.objects.filter(report=self.report, line_number__in=numbers).values_list(
                "line_number", "pk"
            )
        )
        completed: dict[int, tuple[int, date]] = {}
        earlier_ids: list[int] = []
        for completing, earlier, in_batch in completions:
            by = (ids[completing["line_number"]], completing["due_on"])
            for line_id in [*earlier, *(ids[line["line_number"]] for line in in_batch)]:
                completed[line_id] = by
            earlier_ids.extend(earlier)
        pending = list(completed.items())
        for start in range(0, len(pending), COMPLETIONS_PER_UPDATE):
            chunk = pending[start : start + COMPLETIONS_PER_UPDATE]
            ReportLine.objects.filter(pk__in=[pk for pk, _ in chunk]).update(
                status=ReportLine.Status.ACCEPTED,
                completed_by=Case(
                    *(When(pk=pk, then=Value(by)) for pk, (by, _) in chunk),
                    output_field=BigIntegerField(),
                ),
                due_on=Case(
                    *(When(pk=pk, then=Value(due)) for pk, (_, due) in chunk),
                    output_field=DateField(),
                ),
            )
        if earlier_ids:
            self.touched_reports.update(
                ReportLine.objects.filter(pk__in=earlier_ids)
                .values_list("report_id", flat=True)
                .distinct()
            )

    def _line(self, checked: line_checks.CheckedLine) -> dict:
        values = checked.values
        return {
            "report_id": self.report.pk,
            "line_number": checked.line_number,
            "status": (
                ReportLine.Status.REJECTED if checked.rejected else ReportLine.Status.ACCEPTED
            ).value,
            "authority_id": values.get("authority_id"),
            "order_id": None,
            "order_number": values.get("order_number", ""),
            "debtor_id_kind": values.get("debtor_id_kind", ""),
            "debtor_id": values.get("debtor_id", ""),
            "debtor_name": values.get("debtor_name", ""),
            "received_on": values.get("received_on"),
            "order_amount": values.get("order_amount"),
            "answered_on": values.get("answered_on"),
            "case_number": values.get("case_number", ""),
            "order_kind": values.get("order_kind", OrderKind.GARNISHMENT.value),
            "garnishment_order_number": values.get("garnishment_order_number", ""),
            "assets_found": values.get("assets_found"),
            "fee_code": "",
            "fee_billed": Decimal(0),
            "fee_reason": (
                FeeReason.REJECTED if checked.rejected else FeeReason.ALREADY_BILLED
            ).value,
            "problems": checked.problems,
            "raw": checked.raw if checked.rejected else "",
            "due_on": None,
        }


def bill_report(report: Report, json_lines: list | None = None) -> tuple[set[int], bool]:
    """Check and bill every line of a report (its third party locked by the caller): set-based
    on PostgreSQL (`processing_sql`), line by line elsewhere, with the same results. Returns
    the ids of earlier reports whose withheld lines this report completed, and whether the
    report's own counts were written already."""
    today = timezone.localdate(report.submitted_at)
    lock_authorities()  # before the checks read them: none is deleted under the lines
    if connection.vendor == "postgresql" and settings.GARNISHMENT_SET_BASED:
        billed = set_based.bill_report(report, json_lines, today=today)
        if billed is not None:
            Report.objects.filter(pk=report.pk).update(**billed.totals)
            return billed.completed, True
    return bill_report_line_by_line(report, json_lines, today=today), False


def bill_report_line_by_line(
    report: Report, json_lines: list | None = None, *, today: date
) -> set[int]:
    """The rules applied one line at a time, in line order (`check_line`, `_Biller`)."""
    biller = _Biller(report, today)
    report.original_file.open("rb")
    try:
        if report.file_format == "json":
            rows = line_checks.read_json_lines(
                json_lines
                if json_lines is not None
                else line_checks.json_body_lines(report.original_file.file)
            )
        else:
            rows = line_checks.READERS[report.file_format](
                report.original_file.file, encoding=report.encoding or "utf-8-sig"
            )
        biller.bill(biller.check(rows))
    finally:
        report.original_file.close()
    return biller.touched_reports
