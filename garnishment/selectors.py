"""Reads: whose is what, the fee schedule in force, reports, statements and answers."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    FilteredRelation,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from taxportal.money import round_agorot
from taxportal.queues import Terms

from .models import (
    BaseFee,
    CpiValue,
    MonthlyStatement,
    Payment,
    Report,
    ReportLine,
    ServiceArrangement,
    ServingAuthority,
    ThirdParty,
)
from .rules import (
    ASSETS_FOUND,
    Entitlement,
    FeeSchedule,
    indexed_amounts,
    recognition_periods,
)


def third_party_of(user) -> ThirdParty | None:
    """The one third party a submitter reports for, or None when not yet linked: read through
    the membership, one model instance instead of the membership's and the third party's."""
    return ThirdParty.objects.filter(submitters__user=user).first()


def authority_of(user) -> ServingAuthority | None:
    """The one authority a finance clerk pays for, or None when not yet linked: read through
    the membership, one model instance instead of the membership's and the authority's."""
    return ServingAuthority.objects.filter(clerks__user=user).first()


def entitlements_of(third_party: ThirdParty, authorities) -> dict[int, Entitlement]:
    """For each authority, what decides whether the third party's orders are billable, from
    the history as it stood on each day (GAR-1, GAR-3, GAR-17), in two queries: the third
    party's saved versions (publications and stops) and every notice date each authority's
    arrangement ever had (a notice recorded again later does not undo an earlier one)."""
    versions = third_party.history.order_by("history_id").values_list(
        "published_on", "service_stopped_at", "history_date"
    )
    recognised = recognition_periods(
        (published, stopped and timezone.localdate(stopped), timezone.localdate(recorded))
        for published, stopped, recorded in versions
    )
    notices = dict(
        ServiceArrangement.history.filter(third_party_id=third_party.pk, notice_on__isnull=False)
        .values("authority_id")
        .annotate(first=Min("notice_on"))
        .values_list("authority_id", "first")
    )
    for authority_id, notice_on in ServiceArrangement.objects.filter(
        third_party=third_party, notice_on__isnull=False
    ).values_list("authority_id", "notice_on"):
        assert notice_on is not None  # filtered on notice_on__isnull=False
        notices[authority_id] = min(notices.get(authority_id, notice_on), notice_on)
    return {
        authority.pk: Entitlement(
            commencement=authority.commencement_on,
            recognised=recognised,
            notice_from=notices.get(authority.pk),
        )
        for authority in authorities
    }


def third_parties_to_review():
    """New requests, and published third parties that replaced their security officer or
    form 1, waiting for the director's review (GAR-2, GAR-3)."""
    return ThirdParty.objects.filter(
        Q(status=ThirdParty.Status.REQUESTED) | ~Q(changes_to_review=[])
    ).order_by("name")


def base_amounts() -> dict[str, Decimal]:
    return dict(BaseFee.objects.values_list("code", "amount"))


def december_indexes() -> dict[int, Decimal]:
    """The index published in each December, carried to December 2016's base (GAR-12)."""
    return {value.year: value.comparable_index for value in CpiValue.objects.all()}


def fee_schedule() -> tuple[dict[str, Decimal], FeeSchedule]:
    """The base amounts and every change day since, from the CPI values entered (GAR-15)."""
    return base_amounts(), indexed_amounts(base_amounts(), december_indexes())


def reports_of(
    third_party: ThirdParty,
    *,
    search: Terms | None = None,
    processing: str = "",
    ordering: tuple = ("-submitted_at", "-id"),
):
    """The third party's reports, read in order from an index on (third party, received)."""
    reports = Report.objects.filter(third_party=third_party)
    if processing:
        reports = reports.filter(processing=processing)
    if search is not None:
        month = search.month
        reports = reports.filter(
            Q(period=month) if month else Q(original_name__icontains=search.text)
        )
    return reports.order_by(*ordering)


def report_for_submitter(user, pk: int) -> Report:
    """A submitter's own report; another third party's is "not found", exactly as a missing one
    (its existence never shows), and so is any report to a submitter not linked yet. One query:
    the report of the third party the user is a submitter of (one at most)."""
    return get_object_or_404(
        Report.objects.select_related("third_party"), pk=pk, third_party__submitters__user=user
    )


def report_lines(report: Report, status: str = "", search: Terms | None = None):
    """A report's lines in order; `status` filters when it names one (anything else: all).

    A search finds a line by its number (the unique index on report and line), or by its
    order number or debtor's identifier among the report's own lines: no index of its own, so
    that storing a report's lines stays as fast as the bulk path needs (issue 18)."""
    lines = report.lines.select_related("authority", "completed_by").order_by("line_number")
    if status in ReportLine.Status.values:
        lines = lines.filter(status=status)
    if search is not None:
        text = search.text.strip()
        found = Q(order_number=text) | Q(debtor_id=text) | Q(garnishment_order_number=text)
        if search.number is not None and search.number < 2**31:
            found |= Q(line_number=search.number)
        lines = lines.filter(found)
    return lines


# What a list of statements shows (the page's rows and the export): not the parties' details;
# their names are columns (`statements_for`).
STATEMENT_SHOWN = (
    "period", "assets_found_amount", "no_assets_amount", "withheld_count", "due_on",
    "generated_at",
)  # fmt: skip


# Built once: `annotate` resolves a copy for each queryset, and building the subquery's queryset
# anew cost each statements page about a tenth of a millisecond.
_PAID_TOTAL = Subquery(
    Payment.objects.filter(
        authority=OuterRef("authority"),
        third_party=OuterRef("third_party"),
        period=OuterRef("period"),
    )
    .order_by()
    .values("period")
    .annotate(total=Sum("amount"))
    .values("total")
)


def statements_for(
    *,
    third_party: ThirdParty | None = None,
    authority=None,
    search: Terms | None = None,
    ordering: tuple = ("-period",),
):
    """Monthly statements of one side, the latest month first: read in order from an index on
    (side, month), each month's statements by the other side's name, with the columns shown
    only; each with what was paid for its pair and month (`paid_total`, read for the rows read
    only) and its parties' names (`authority_name`, `third_party_name`): the side the list is
    for is known, its name a constant rather than a join and a model instance a row."""
    names: dict[str, F | Value] = {}
    order = []
    for name, side, known in (
        ("authority_name", "authority", authority),
        ("third_party_name", "third_party", third_party),
    ):
        if known is None:
            names[name] = F(f"{side}__name")
            order.append(name)
        else:
            names[name] = Value(known.name, output_field=CharField())
    statements = MonthlyStatement.objects.only(*STATEMENT_SHOWN).annotate(
        paid_total=_PAID_TOTAL, **names
    )
    if third_party is not None:
        statements = statements.filter(third_party=third_party)
    if authority is not None:
        statements = statements.filter(authority=authority)
    if search is not None:
        month = search.month
        if month:
            statements = statements.filter(period=month)
        else:
            other = "third_party__name" if authority is not None else "authority__name"
            statements = statements.filter(**{f"{other}__icontains": search.text.strip()})
    # The known side's name is the same on every row: ordering by it would change nothing.
    return statements.order_by(*ordering, *order, "id")


def statement_for_user(user, pk: int) -> MonthlyStatement:
    """A statement is visible to its third party's submitters and its authority's clerks; to
    anyone else it is "not found", exactly as a missing one."""
    statement = get_object_or_404(
        MonthlyStatement.objects.select_related("authority", "third_party"), pk=pk
    )
    third_party, authority = third_party_of(user), authority_of(user)
    if not (
        (third_party and statement.third_party_id == third_party.pk)
        or (authority and statement.authority_id == authority.pk)
    ):
        raise Http404
    return statement


def paid_for(statement: MonthlyStatement) -> Decimal:
    total = Payment.objects.filter(
        authority=statement.authority_id,
        third_party=statement.third_party_id,
        period=statement.period,
    ).aggregate(total=Sum("amount"))["total"]
    return total or Decimal(0)


def payments_for(statement: MonthlyStatement):
    """The payments recorded against a statement's pair and month (GAR-9)."""
    return Payment.objects.filter(
        authority=statement.authority_id,
        third_party=statement.third_party_id,
        period=statement.period,
    ).order_by("paid_on", "id")


def outstanding(*, authority, third_party, period: date) -> Decimal:
    """What is still due for a month: the statement's payable amount less what was paid; 0
    when no statement was produced yet (GAR-9)."""
    statement = MonthlyStatement.objects.filter(
        authority=authority, third_party=third_party, period=period
    ).first()
    if statement is None:
        return Decimal(0)
    return max(statement.payable_amount - paid_for(statement), Decimal(0))


@dataclass(frozen=True)
class Reconciled:
    """A statement with what was paid against it: `balance` above 0 is still to pay, below 0
    was paid in advance of what is payable (GAR-9)."""

    statement: MonthlyStatement
    paid: Decimal

    @property
    def balance(self) -> Decimal:
        return self.statement.payable_amount - self.paid

    @property
    def to_pay(self) -> Decimal:
        return max(self.balance, Decimal(0))

    @property
    def advance(self) -> Decimal:
        return max(-self.balance, Decimal(0))


def with_paid(statements) -> list[Reconciled]:
    """Statements of `statements_for`, each reconciled with what was paid for it (no query)."""
    # SQLite sums decimals without their scale (15 for 15.00): the sum rounded to the agora.
    return [Reconciled(s, round_agorot(s.paid_total or 0)) for s in statements]


_PARTY_FIELDS = ("id", "name", "status")
_ARRANGEMENT_FIELDS = ("id", "notice_on", "payment_term_days", "file_format", "channel", "notes")


def served_and_published(
    authority: ServingAuthority,
) -> tuple[list[ServiceArrangement], list[tuple[int, str]]]:
    """The third parties the authority serves electronically with their terms, by name, and the
    published third parties (id, name) by name, to tell one that the authority serves it
    (GAR-1b). One query for the authority's page, where they were two: each third party
    published or served, with the columns shown and the authority's arrangement with it (one a
    pair) if any."""
    rows = (
        ThirdParty.objects.annotate(
            served=FilteredRelation("arrangements", condition=Q(arrangements__authority=authority))
        )
        .filter(Q(status=ThirdParty.Status.PUBLISHED) | Q(served__isnull=False))
        .order_by("name", "served__id")
        .values_list(*_PARTY_FIELDS, *(f"served__{name}" for name in _ARRANGEMENT_FIELDS))
    )
    arrangements, published = [], []
    for row in rows:
        pk, name, status = party = row[: len(_PARTY_FIELDS)]
        if status == ThirdParty.Status.PUBLISHED:
            published.append((pk, name))
        terms = row[len(_PARTY_FIELDS) :]
        if terms[0] is not None:  # models for the served only: the others are (id, name)
            arrangement = ServiceArrangement.from_db(rows.db, _ARRANGEMENT_FIELDS, terms)
            arrangement.authority = authority
            arrangement.third_party = ThirdParty.from_db(rows.db, _PARTY_FIELDS, party)
            arrangements.append(arrangement)
    return arrangements, published


UNMATCHED_SHOWN = ("period", "third_party__name", "paid_on", "reference", "amount")

# The same NOT EXISTS as `.exclude(Exists(…))`, built once (see `_PAID_TOTAL`).
_WITHOUT_STATEMENT = ~Exists(
    MonthlyStatement.objects.filter(
        authority=OuterRef("authority"),
        third_party=OuterRef("third_party"),
        period=OuterRef("period"),
    )
)


def unmatched_payments(authority: ServingAuthority):
    """Payments for a month that has no statement yet (advances): nothing to reconcile with.
    Rows of the columns shown (`UNMATCHED_SHOWN`, as named tuples), not two models a row."""
    return (
        Payment.objects.filter(_WITHOUT_STATEMENT, authority=authority)
        .order_by("-period", "paid_on")
        .values_list(*UNMATCHED_SHOWN, named=True)
    )


def withheld_lines(statement: MonthlyStatement):
    return ReportLine.objects.filter(
        report__third_party=statement.third_party_id,
        report__period=statement.period,
        authority=statement.authority_id,
        status=ReportLine.Status.WITHHELD,
    ).order_by("report_id", "line_number")


def month_totals(period: date) -> list[dict]:
    """Per (authority, third party) for one month: what GAR-18 reports, in three queries.

    Orders are counted, not lines: an order whose accepted lines of the month bill both a
    no-assets fee and its upgrade counts once, as an order with assets found, with all it
    billed in the month (2 + 17); an upgrade of an order first billed in an earlier month
    counts there at 19 with its 17 (the 2 stays in the month it was billed)."""
    lines = ReportLine.objects.filter(report__period=period, authority__isnull=False)
    pair = ("authority", "report__third_party")
    totals: dict[tuple[int, int], dict] = {
        (row["authority"], row["report__third_party"]): {
            "authority": row["authority"],
            "report__third_party": row["report__third_party"],
            "assets_found_count": 0,
            "assets_found_amount": Decimal(0),
            "no_assets_count": 0,
            "no_assets_amount": Decimal(0),
            "withheld_count": row["withheld_count"],
            "withheld_amount": row["withheld_amount"],
        }
        for row in lines.values(*pair)
        .annotate(
            withheld_count=Count("id", filter=Q(status=ReportLine.Status.WITHHELD)),
            withheld_amount=Sum(
                "fee_billed", filter=Q(status=ReportLine.Status.WITHHELD), default=Decimal(0)
            ),
        )
        .order_by()
    }
    per_order = (
        lines.filter(status=ReportLine.Status.ACCEPTED, fee_billed__gt=0)
        .values(*pair, "order")
        .annotate(
            assets_found=Count("id", filter=Q(fee_code=ASSETS_FOUND)), amount=Sum("fee_billed")
        )
        .order_by()
    )
    for row in per_order.iterator(chunk_size=5000):
        total = totals[(row["authority"], row["report__third_party"])]
        kind = "assets_found" if row["assets_found"] else "no_assets"
        total[f"{kind}_count"] += 1
        total[f"{kind}_amount"] += row["amount"]
    return list(totals.values())


def withheld_reasons(period: date) -> dict[tuple[int, int], dict[str, int]]:
    """How many withheld lines miss each detail, per (authority, third party)."""
    reasons: dict[tuple[int, int], dict[str, int]] = {}
    rows = ReportLine.objects.filter(
        report__period=period, status=ReportLine.Status.WITHHELD
    ).values_list("authority", "report__third_party", "problems")
    for authority_id, third_party_id, problems in rows.iterator(chunk_size=2000):
        counts = reasons.setdefault((authority_id, third_party_id), {})
        for item in problems:
            counts[item["field"]] = counts.get(item["field"], 0) + 1
    return reasons


def answers(authority: ServingAuthority, start: date, end: date, third_party=None):
    """Every line answering the authority's orders received in the period (GAR-10)."""
    lines = ReportLine.objects.filter(
        authority=authority, received_on__gte=start, received_on__lte=end
    ).exclude(status=ReportLine.Status.REJECTED)
    if third_party is not None:
        lines = lines.filter(report__third_party=third_party)
    return lines.select_related("report__third_party").order_by("received_on", "id")
