"""Payments and monthly statements (GAR-9, GAR-18)."""

from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.models import User
from taxportal.texts import said

from ..models import (
    MonthlyStatement,
    Payment,
    ReportLine,
    ServingAuthority,
    ThirdParty,
)
from ..models.money import MONEY_MAX
from ..selectors import month_totals, outstanding, withheld_reasons


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
    advance: bool = False,
) -> Payment:
    """A finance clerk records what the authority paid a third party for a month (GAR-9). A
    payment above what is still due on the month's statement (payable minus paid) is refused
    unless the clerk confirms it as an advance."""
    period = period.replace(day=1)
    if not Decimal(0) < amount <= MONEY_MAX:
        raise ValidationError(
            _("The amount must be more than 0 and at most %(max)s.") % {"max": MONEY_MAX},
            code="amount",
        )
    # One payment of a pair and month at a time: what is due is read and paid in order.
    ThirdParty.objects.select_for_update().get(pk=third_party.pk)
    due = outstanding(authority=authority, third_party=third_party, period=period)
    if amount > due and not advance:
        raise ValidationError(
            _("%(due)s is due for %(month)s. Record more only as an advance, and confirm it.")
            % {"due": due, "month": f"{period:%m/%Y}"},
            code="above_due",
        )
    payment = Payment.objects.create(
        authority=authority,
        third_party=third_party,
        period=period,
        amount=amount,
        paid_on=paid_on,
        reference=reference,
        recorded_by=actor,
        is_advance=amount > due,
    )
    audit_record(
        actor=actor,
        action=gettext_noop("garnishment payment recorded"),
        target=payment,
        reason=reference,
        changes={
            "amount": amount,
            "period": payment.period,
            "paid_on": paid_on,
            "due_before": due,
            "advance": payment.is_advance,
        },
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
        action=gettext_noop("garnishment monthly statements produced"),
        reason=said(gettext_noop("month %(month)s"), month=f"{period:%m/%Y}"),
        changes={"statements": count},
    )
    return count


def statements_produce_again(*, periods, actor: User | None = None) -> int:
    """The statements already produced for these months, produced again from the lines as they
    are now: a withheld line completed since makes it payable (GAR-9, GAR-18)."""
    produced = MonthlyStatement.objects.filter(period__in=periods).values_list("period", flat=True)
    return sum(statements_produce(period=p, actor=actor) for p in sorted(set(produced)))


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
