"""Reads: whose is what, the fee schedule in force, reports, statements and answers."""

from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404

from taxportal.money import round_agorot

from .models import (
    AuthorityMembership,
    BaseFee,
    CpiValue,
    MonthlyStatement,
    Payment,
    Report,
    ReportLine,
    ServingAuthority,
    SubmitterMembership,
    ThirdParty,
)
from .rules import ASSETS_FOUND, NO_ASSETS, FeeSchedule, indexed_amounts


def third_party_of(user) -> ThirdParty | None:
    """The one third party a submitter reports for, or None when not yet linked."""
    membership = SubmitterMembership.objects.select_related("third_party").filter(user=user).first()
    return membership.third_party if membership else None


def authority_of(user) -> ServingAuthority | None:
    """The one authority a finance clerk pays for, or None when not yet linked."""
    membership = AuthorityMembership.objects.select_related("authority").filter(user=user).first()
    return membership.authority if membership else None


def base_amounts() -> dict[str, Decimal]:
    return dict(BaseFee.objects.values_list("code", "amount"))


def december_indexes() -> dict[int, Decimal]:
    return dict(CpiValue.objects.values_list("year", "december_index"))


def fee_schedule() -> tuple[dict[str, Decimal], FeeSchedule]:
    """The base amounts and every change day since, from the CPI values entered (GAR-15)."""
    return base_amounts(), indexed_amounts(base_amounts(), december_indexes())


def reports_of(third_party: ThirdParty):
    return Report.objects.filter(third_party=third_party).order_by("-submitted_at", "-id")


def report_for_submitter(user, pk: int) -> Report:
    """A submitter's own report; another third party's is "not found", exactly as a missing one
    (its existence never shows)."""
    third_party = third_party_of(user)
    if third_party is None:
        raise Http404
    return get_object_or_404(
        Report.objects.select_related("third_party"), pk=pk, third_party=third_party
    )


def report_lines(report: Report, status: str = ""):
    """A report's lines in order; `status` filters when it names one (anything else: all)."""
    lines = report.lines.select_related("authority", "completed_by").order_by("line_number")
    return lines.filter(status=status) if status in ReportLine.Status.values else lines


def statements_for(*, third_party: ThirdParty | None = None, authority=None):
    statements = MonthlyStatement.objects.select_related("authority", "third_party")
    if third_party is not None:
        statements = statements.filter(third_party=third_party)
    if authority is not None:
        statements = statements.filter(authority=authority)
    return statements.order_by("-period", "authority__name", "third_party__name")


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


def with_paid(statements) -> list[tuple[MonthlyStatement, Decimal]]:
    """A page of statements, each with what was paid for it, in one query."""
    statements = list(statements)
    if not statements:
        return []
    rows = (
        Payment.objects.filter(
            authority__in={s.authority_id for s in statements},
            third_party__in={s.third_party_id for s in statements},
            period__in={s.period for s in statements},
        )
        .values("authority", "third_party", "period")
        .annotate(total=Sum("amount"))
    )
    paid = {(r["authority"], r["third_party"], r["period"]): r["total"] for r in rows}
    return [
        (s, paid.get((s.authority_id, s.third_party_id, s.period), round_agorot(0)))
        for s in statements
    ]


def withheld_lines(statement: MonthlyStatement):
    return ReportLine.objects.filter(
        report__third_party=statement.third_party_id,
        report__period=statement.period,
        authority=statement.authority_id,
        status=ReportLine.Status.WITHHELD,
    ).order_by("report_id", "line_number")


def month_totals(period: date):
    """Per (authority, third party) for one month: what GAR-18 reports, in one query."""
    lines = ReportLine.objects.filter(report__period=period, authority__isnull=False)
    accepted = Q(status=ReportLine.Status.ACCEPTED)
    withheld = Q(status=ReportLine.Status.WITHHELD)
    billed = Q(fee_billed__gt=0)
    return (
        lines.values("authority", "report__third_party")
        .annotate(
            assets_found_count=Count("id", filter=accepted & billed & Q(fee_code=ASSETS_FOUND)),
            assets_found_amount=Sum(
                "fee_billed", filter=accepted & Q(fee_code=ASSETS_FOUND), default=0
            ),
            no_assets_count=Count("id", filter=accepted & billed & Q(fee_code=NO_ASSETS)),
            no_assets_amount=Sum("fee_billed", filter=accepted & Q(fee_code=NO_ASSETS), default=0),
            withheld_count=Count("id", filter=withheld),
            withheld_amount=Sum("fee_billed", filter=withheld, default=0),
        )
        .order_by()
    )


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
