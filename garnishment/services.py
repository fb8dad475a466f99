"""Writes: recognition, reports and their fees, payments, monthly statements.

Every write is atomic and leaves an audit record saying who did it and why.
"""

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import islice

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from taxportal.audit import audit_record
from taxportal.models import User

from . import bulk, tasks
from . import lines as line_checks
from .models import (
    MonthlyStatement,
    Order,
    Payment,
    Report,
    ReportLine,
    ServiceArrangement,
    ServingAuthority,
    ThirdParty,
    entitlement_for,
)
from .rules import (
    DEFAULT_PAYMENT_TERM_DAYS,
    Entitlement,
    FeeReason,
    amounts_in_force,
    fee_for_answer,
    payment_due_on,
)
from .selectors import fee_schedule, month_totals, withheld_reasons

BATCH_SIZE = 5000
HASH_CHUNK = 1 << 20


# --- Recognition and service (GAR-1 to GAR-4, GAR-17) ---------------------------------------


@transaction.atomic
def third_party_request_recognition(
    *, third_party: ThirdParty, details: dict, actor: User
) -> ThirdParty:
    """The third party sends (or updates) its request: security officer and signed form 1
    (GAR-2, GAR-4). A third party not yet published goes back to the director's review."""
    third_party = ThirdParty.objects.select_for_update().get(pk=third_party.pk)
    for name, value in details.items():
        setattr(third_party, name, value)
    if third_party.status != ThirdParty.Status.PUBLISHED:
        third_party.status = ThirdParty.Status.REQUESTED
        third_party.requested_on = timezone.localdate()
    third_party.save()
    audit_record(
        actor=actor,
        action="recognition request sent",
        target=third_party,
        reason="form 1 and security officer",
        changes={k: str(v) for k, v in details.items()},
    )
    return third_party


@transaction.atomic
def third_party_publish(
    *, third_party: ThirdParty, published_on: date, actor: User | None, reason: str
) -> ThirdParty:
    """The director published that the third party can be served electronically (GAR-1),
    which requires the conditions of GAR-2: a security officer and a signed form 1."""
    third_party = ThirdParty.objects.select_for_update().get(pk=third_party.pk)
    missing = third_party.missing_conditions()
    if missing:
        labels = ", ".join(str(ThirdParty._meta.get_field(name).verbose_name) for name in missing)
        raise ValidationError(
            _("%(name)s cannot be published: missing %(fields)s.")
            % {"name": third_party.name, "fields": labels},
            code="conditions",
        )
    third_party.published_on = published_on
    third_party.status = ThirdParty.Status.PUBLISHED
    third_party.service_stopped_at = None
    third_party.service_stopped_reason = ""
    third_party.save()
    audit_record(
        actor=actor,
        action="third party published",
        target=third_party,
        reason=reason,
        changes={"published_on": published_on},
    )
    return third_party


@transaction.atomic
def third_party_stop_service(
    *, third_party: ThirdParty, actor: User | None, reason: str, at: datetime | None = None
) -> ThirdParty:
    """Electronic service stops at the moment of the third party's own report that its security
    officer left or its systems no longer meet the conditions, or the director's notice (GAR-3).
    """
    third_party = ThirdParty.objects.select_for_update().get(pk=third_party.pk)
    third_party.service_stopped_at = at or timezone.now()
    third_party.service_stopped_reason = reason
    third_party.status = ThirdParty.Status.REVOKED
    third_party.save()
    audit_record(
        actor=actor,
        action="electronic service stopped",
        target=third_party,
        reason=reason,
        changes={"service_stopped_at": third_party.service_stopped_at},
    )
    return third_party


@transaction.atomic
def arrangement_record(
    *,
    authority: ServingAuthority,
    third_party: ThirdParty,
    notice_on: date | None,
    payment_term_days: int = DEFAULT_PAYMENT_TERM_DAYS,
    actor: User | None,
    reason: str,
    **terms,
) -> ServiceArrangement:
    """The authority's notice that it serves the third party electronically (GAR-1b), and the
    terms they agreed (GAR-9)."""
    arrangement, _created = ServiceArrangement.objects.select_for_update().update_or_create(
        authority=authority,
        third_party=third_party,
        defaults={"notice_on": notice_on, "payment_term_days": payment_term_days, **terms},
    )
    audit_record(
        actor=actor,
        action="electronic service arrangement recorded",
        target=arrangement,
        reason=reason,
        changes={"notice_on": notice_on, "payment_term_days": payment_term_days, **terms},
    )
    return arrangement


# --- Reports (GAR-5 to GAR-11) --------------------------------------------------------------


@dataclass
class _PairTerms:
    entitlement: Entitlement
    term_days: int


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
        self.terms = {
            pk: _PairTerms(
                entitlement=entitlement_for(authority, self.third_party, arrangements.get(pk)),
                term_days=(
                    arrangements[pk].payment_term_days
                    if pk in arrangements
                    else DEFAULT_PAYMENT_TERM_DAYS
                ),
            )
            for pk, authority in authorities.items()
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
                numbers_by_authority.setdefault(checked.values["authority_id"], set()).add(
                    checked.values["order_number"]
                )
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
            refusal = terms.entitlement.refusal(line["received_on"])
            if refusal is not None:
                line["fee_reason"] = refusal.value
            else:
                decision = fee_for_answer(
                    assets_found=line["assets_found"],
                    amounts=amounts_in_force(self.base, self.changes, line["received_on"]),
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
        """Corrected lines complete the withheld lines of the same order (GAR-9, GAR-11)."""
        numbers = {line["line_number"] for c in completions for line in (c[0], *c[2])}
        ids = dict(
            ReportLine.objects.filter(report=self.report, line_number__in=numbers).values_list(
                "line_number", "pk"
            )
        )
        for completing, earlier, in_batch in completions:
            completed_ids = [*earlier, *(ids[line["line_number"]] for line in in_batch)]
            ReportLine.objects.filter(pk__in=completed_ids).update(
                status=ReportLine.Status.ACCEPTED,
                completed_by=ids[completing["line_number"]],
                due_on=completing["due_on"],
            )
            if earlier:
                self.touched_reports.update(
                    ReportLine.objects.filter(pk__in=earlier).values_list("report_id", flat=True)
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


def report_refresh_totals(report_ids) -> None:
    """Recount a report's lines by status and its fees billed, in one query per report."""
    for report_id in report_ids:
        totals = ReportLine.objects.filter(report_id=report_id).aggregate(
            line_count=Count("id"),
            accepted_count=Count("id", filter=Q(status=ReportLine.Status.ACCEPTED)),
            withheld_count=Count("id", filter=Q(status=ReportLine.Status.WITHHELD)),
            rejected_count=Count("id", filter=Q(status=ReportLine.Status.REJECTED)),
            billed_total=Sum(
                "fee_billed", filter=Q(status=ReportLine.Status.ACCEPTED), default=Decimal(0)
            ),
        )
        Report.objects.filter(pk=report_id).update(**totals)


def _hash_and_count_lines(binary) -> tuple[str, int]:
    """The file's SHA-256 and its newline count (a CSV's line count), read once in chunks."""
    digest, newlines = hashlib.sha256(), 0
    binary.seek(0)
    for chunk in iter(lambda: binary.read(HASH_CHUNK), b""):
        digest.update(chunk)
        newlines += chunk.count(b"\n")
    binary.seek(0)
    return digest.hexdigest(), newlines


def _line_count(binary, file_format: str, newlines: int, json_lines: list | None) -> int:
    """How many lines the report has, without reading them: decides where it is billed."""
    if json_lines is not None:
        return len(json_lines)
    if file_format == "xlsx":
        return line_checks.xlsx_row_count(binary)
    return newlines


@transaction.atomic
def report_submit(
    *,
    third_party: ThirdParty,
    period: date,
    binary,
    original_name: str,
    file_format: str,
    channel: str,
    actor: User,
    json_lines: list | None = None,
) -> tuple[Report, bool]:
    """Receive one monthly report (GAR-8, GAR-11): keep the file unchanged, then check and bill
    every line, here for a file of up to GARNISHMENT_SYNC_LINES lines, by a background task
    for a larger one (the report stays "being processed" until then). The same file again
    returns the report already received and changes nothing.

    `binary` is the original file (seekable, binary); `json_lines` are the lines of a JSON body
    whose bytes are `binary`. Returns the report and whether it was new.
    """
    # One report of a third party at a time: its orders are billed in order.
    third_party = ThirdParty.objects.select_for_update().get(pk=third_party.pk)
    digest, newlines = _hash_and_count_lines(binary)
    existing = Report.objects.filter(third_party=third_party, content_hash=digest).first()
    if existing is not None and existing.processing != Report.Processing.FAILED:
        return existing, False
    size = _line_count(binary, file_format, newlines, json_lines)
    if existing is not None:  # processing failed: the same file again tries again
        report = existing
        report.processing, report.file_error = Report.Processing.PENDING, ""
        report.save(update_fields=["processing", "file_error"])
    else:
        report = Report(
            third_party=third_party,
            period=period.replace(day=1),
            submitted_by=actor,
            channel=channel,
            original_name=original_name[:255],
            file_format=file_format,
            content_hash=digest,
            processing=Report.Processing.PENDING,
        )
        report.original_file.save(f"{digest}.{file_format}", File(binary), save=False)
        report.save()
    audit_record(
        actor=actor,
        action="garnishment report received",
        target=report,
        reason=f"{channel} {original_name}",
        changes={"lines": size, "in_background": size > settings.GARNISHMENT_SYNC_LINES},
    )
    if size > settings.GARNISHMENT_SYNC_LINES:
        transaction.on_commit(lambda: tasks.process_report.delay(report.pk))
        return report, True
    return report_process(report_id=report.pk, json_lines=json_lines), True


@transaction.atomic
def report_fail(*, report_id: int, error: str) -> Report:
    """Processing a report failed for good (its task gave up): the sender is told to send the
    same file again, which tries again. Nothing was billed: the processing rolled back."""
    report = Report.objects.select_for_update().get(pk=report_id)
    if report.processing != Report.Processing.PENDING:
        return report
    report.processing = Report.Processing.FAILED
    report.save(update_fields=["processing"])
    audit_record(
        actor=None,
        action="garnishment report processing failed",
        target=report,
        reason=error[:500],
        changes={"processing": report.processing},
    )
    return report


@transaction.atomic
def report_process(*, report_id: int, json_lines: list | None = None) -> Report:
    """Check and bill every line of a report received and still being processed (GAR-5 to
    GAR-11). Running it again on a processed report changes nothing (a retried task)."""
    report = Report.objects.select_related("third_party").get(pk=report_id)
    # The third party's lock first, as report_submit takes it: its orders are billed in order.
    ThirdParty.objects.select_for_update().get(pk=report.third_party_id)
    report = Report.objects.select_for_update().select_related("third_party").get(pk=report_id)
    if report.processing != Report.Processing.PENDING:
        return report
    biller = _Biller(report, timezone.localdate(report.submitted_at))
    report.original_file.open("rb")
    try:
        if report.file_format == "json":
            rows = line_checks.read_json_lines(
                json_lines
                if json_lines is not None
                else line_checks.json_body_lines(report.original_file.file)
            )
        else:
            rows = line_checks.READERS[report.file_format](report.original_file.file)
        biller.bill(biller.check(rows))
    except line_checks.FileProblem as problem:
        item = line_checks.problem("file", problem.code)
        report.file_error = f"{item['message']} {problem.detail}".strip()
    finally:
        report.original_file.close()
    report.processing = Report.Processing.DONE
    report.save(update_fields=["file_error", "processing"])
    report_refresh_totals({report.pk, *biller.touched_reports})
    report.refresh_from_db()
    audit_record(
        actor=report.submitted_by,
        action="garnishment report billed",
        target=report,
        reason="lines checked and billed",
        changes={
            "lines": report.line_count,
            "accepted": report.accepted_count,
            "withheld": report.withheld_count,
            "rejected": report.rejected_count,
            "billed": report.billed_total,
        },
    )
    return report


# --- Payments and statements (GAR-9, GAR-18) ------------------------------------------------


@transaction.atomic
def payment_record(
    *,
    authority: ServingAuthority,
    third_party: ThirdParty,
    period: date,
    amount: Decimal,
    paid_on: date,
    reference: str,
    actor: User,
) -> Payment:
    """A finance clerk records what the authority paid a third party for a month."""
    payment = Payment.objects.create(
        authority=authority,
        third_party=third_party,
        period=period.replace(day=1),
        amount=amount,
        paid_on=paid_on,
        reference=reference,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action="garnishment payment recorded",
        target=payment,
        reason=reference,
        changes={"amount": amount, "period": payment.period, "paid_on": paid_on},
    )
    return payment


@transaction.atomic
def statements_produce(*, period: date, actor: User | None = None) -> int:
    """Produce (or refresh) every authority's and third party's statement for one month
    (GAR-18). Returns how many statements there are for the month."""
    period = period.replace(day=1)
    reasons = withheld_reasons(period)
    due = {(row["authority"], row["report__third_party"]): row["due"] for row in _due_dates(period)}
    count = 0
    for row in month_totals(period):
        key = (row.pop("authority"), row.pop("report__third_party"))
        MonthlyStatement.objects.update_or_create(
            authority_id=key[0],
            third_party_id=key[1],
            period=period,
            defaults={**row, "withheld_reasons": reasons.get(key, {}), "due_on": due.get(key)},
        )
        count += 1
    audit_record(
        actor=actor,
        action="garnishment monthly statements produced",
        reason=f"{period:%m/%Y}",
        changes={"statements": count},
    )
    return count


def statements_produce_month_ended(*, today: date, actor: User | None = None) -> int:
    """The statements of the month just ended, and again those of earlier months that still
    show withheld lines: a line completed since is now payable (GAR-9, GAR-18)."""
    period = today.replace(day=1) - relativedelta(months=1)
    earlier = MonthlyStatement.objects.filter(withheld_count__gt=0, period__lt=period)
    periods = {period, *earlier.values_list("period", flat=True)}
    return sum(statements_produce(period=p, actor=actor) for p in sorted(periods))


def _due_dates(period: date):
    return (
        ReportLine.objects.filter(report__period=period, due_on__isnull=False)
        .values("authority", "report__third_party")
        .annotate(due=Max("due_on"))
        .order_by()
    )
