from celery import shared_task


@shared_task(name="customs_valuation.finalise_due_cases")
def finalise_due_cases() -> int:
    """Daily: values with no appeal in time become final; their guarantees are forfeited."""
    from .services import cases_finalise_due

    return cases_finalise_due()
