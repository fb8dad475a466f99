from datetime import date

from celery import shared_task
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from .services import statements_produce


@shared_task
def produce_monthly_statements(month: str | None = None) -> int:
    """On the first of the month: the statements of the month just ended (GAR-18)."""
    if month:
        period = date.fromisoformat(f"{month}-01")
    else:
        period = timezone.localdate().replace(day=1) - relativedelta(months=1)
    return statements_produce(period=period)
