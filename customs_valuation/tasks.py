from celery import shared_task

from .declarations import tasks as declarations_tasks  # noqa: F401 - registers part 2.3's


@shared_task(name="customs_valuation.finalise_due_cases")
def finalise_due_cases() -> int:
    """Daily: values with no appeal in time become final; their guarantees are forfeited."""
    from .services import cases_finalise_due

    return cases_finalise_due()


@shared_task(name="customs_valuation.warn_lapsing_guarantees")
def warn_lapsing_guarantees(iso_date: str | None = None) -> int:
    """Daily (CUS-17): importers whose held guarantee lapses soon are told, once."""
    from datetime import date

    from django.utils import timezone

    from .services import guarantees_warn_lapsing

    today = date.fromisoformat(iso_date) if iso_date else timezone.localdate()
    return guarantees_warn_lapsing(today=today)
