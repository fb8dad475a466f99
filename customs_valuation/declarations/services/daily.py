"""The daily jobs (called by Celery beat and by `manage.py customs_declarations_daily`):
expiry (CUS-49), overdue corrections (CUS-28), the 06:00 list (CUS-47), the archive (CUS-48)."""

from datetime import date

from django.db import transaction

from .. import rules, selectors
from ..models import DailyCheck, DailyCheckItem
from .common import policy_on, today
from .entries import entries_mark_archive_ready
from .status import corrections_block_overdue, declarations_expire


@transaction.atomic
def daily_check_lists(day: date | None = None) -> int:
    """CUS-47: per customs house, every declaration at 3 or 11, oldest first, with its day in the
    21-day count; those with the policy's few days or fewer left are flagged. Idempotent."""
    day = day or today()
    policy = policy_on(day)
    DailyCheck.objects.filter(on_date=day).delete()
    lists, items = {}, []
    for declaration in selectors.awaiting_daily_check():
        house = declaration.checked_at_id
        if house not in lists:
            lists[house] = DailyCheck.objects.create(customs_house_id=house, on_date=day)
        in_count = (
            rules.day_in_count(declaration.count_started_on, day)
            if declaration.count_started_on is not None
            else None
        )
        items.append(
            DailyCheckItem(
                check_list=lists[house],
                declaration=declaration,
                status=declaration.status,
                day_in_count=in_count,
                flagged=in_count is not None
                and declaration.status in rules.COUNTING
                and policy.correction_days - in_count <= policy.daily_check_flag_days,
            )
        )
    DailyCheckItem.objects.bulk_create(items, batch_size=1000)
    return len(items)


def run_daily(day: date | None = None) -> dict[str, int]:
    """Every daily job in order: expiry before overdue blocks (a 12 ends the count)."""
    day = day or today()
    return {
        "expired": declarations_expire(day),
        "blocked": corrections_block_overdue(day),
        "archive_ready": entries_mark_archive_ready(day),
        "daily_check": daily_check_lists(day),
    }
