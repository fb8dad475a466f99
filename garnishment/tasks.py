from datetime import date

from celery import shared_task
from django.utils import timezone

from .services import report_process, statements_produce, statements_produce_month_ended


@shared_task
def produce_monthly_statements(month: str | None = None) -> int:
    """On the first of the month: the statements of the month just ended (GAR-18), or of the
    month given as YYYY-MM."""
    if month:
        return statements_produce(period=date.fromisoformat(f"{month}-01"))
    return statements_produce_month_ended(today=timezone.localdate())


@shared_task
def process_report(report_id: int) -> int:
    """Check and bill the lines of a report too large to bill while its sender waits."""
    return report_process(report_id=report_id).line_count
