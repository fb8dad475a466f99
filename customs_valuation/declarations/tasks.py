"""Celery tasks of part 2.3: each calls one service (imported in its body)."""

from celery import shared_task


@shared_task(name="customs_valuation.declarations.midnight")
def midnight() -> dict[str, int]:
    """00:00: expiry to 12 (CUS-49), then the pairs whose correction is overdue (CUS-28)."""
    from .services.status import corrections_block_overdue, declarations_expire

    return {"expired": declarations_expire(), "blocked": corrections_block_overdue()}


@shared_task(name="customs_valuation.declarations.archive_ready")
def archive_ready() -> int:
    """Entries whose physical original may go to the archive (CUS-48)."""
    from .services.entries import entries_mark_archive_ready

    return entries_mark_archive_ready()


@shared_task(name="customs_valuation.declarations.daily_check")
def daily_check() -> int:
    """06:00: the list of corrections awaiting approval per customs house (CUS-47)."""
    from .services.daily import daily_check_lists

    return daily_check_lists()
