"""Background jobs; each imports its service inside its body."""

from datetime import date

from celery import shared_task
from django.utils import timezone


@shared_task
def produce_monthly_statements(month: str | None = None) -> int:
    """On the first of the month: the statements of the month just ended (GAR-18), or of the
    month given as YYYY-MM."""
    from .services import statements_produce, statements_produce_month_ended

    if month:
        return statements_produce(period=date.fromisoformat(f"{month}-01"))
    return statements_produce_month_ended(today=timezone.localdate())


@shared_task
def purge_personal_data() -> int:
    """Daily: remove the personal data of reports past the retention period (GAR-10)."""
    from .services import reports_purge_personal_data

    return reports_purge_personal_data(today=timezone.localdate())


def _report_failed(task, exc, task_id, args, kwargs, einfo) -> None:
    """Called once the task has given up (after its retries): the report says so."""
    from .services import report_fail

    report_fail(report_id=args[0] if args else kwargs["report_id"], error=repr(exc))


@shared_task(on_failure=_report_failed)
def process_report(report_id: int) -> int:
    """Check and bill the lines of a report too large to bill while its sender waits."""
    from .services import report_process_in_background

    return report_process_in_background(report_id=report_id).line_count
