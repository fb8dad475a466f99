"""What customs staff read: the valuer's queue (a constant number of queries a page), the 06:00
list, returned tasks, entries to archive or correct, a declaration's page."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from taxportal.models import User

from .. import rules
from ..choices import DeclarationStatus
from ..models import (
    Entry,
    ImporterDeclaration,
)
from .records import suppliers_search

# --- What customs staff read -------------------------------------------------------------------

QUEUE_DEFAULT = sorted(rules.AWAITING_VALUER | {DeclarationStatus.PRICE_SUSPECTED})


def queue_rows(
    *,
    importer: str = "",
    supplier: int | None = None,
    agent: str = "",
    statuses: list[int] | None = None,
    older_than: int | None = None,
    day: date | None = None,
    ordering: tuple | None = None,
) -> QuerySet[ImporterDeclaration]:
    """The valuer's queue: overdue first (blocked pairs), then the oldest day 0, then the oldest
    entered, unless another `ordering` is asked for; one query for a page, whatever its size."""
    day = day or timezone.localdate()
    found = ImporterDeclaration.objects.filter(
        closed_at__isnull=True, status__in=statuses or QUEUE_DEFAULT
    )
    if importer:
        found = found.filter(
            Q(importer__number=importer.strip()) | Q(importer__name__icontains=importer.strip())
        )
    if supplier:
        found = found.filter(supplier_id=supplier)
    if agent:
        found = found.filter(
            Q(agent__licence_number=agent.strip()) | Q(agent__name__icontains=agent.strip())
        )
    if older_than is not None:
        found = found.filter(entered_on__lte=day - timedelta(days=older_than))
    overdue = Q(blocked_from__lte=day, status__in=rules.COUNTING)
    return (
        found.annotate(
            overdue=Case(When(overdue, then=Value(0)), default=Value(1)),
            expiring=Case(
                When(
                    Q(status=DeclarationStatus.PRICE_SUSPECTED)
                    & Q(valid_until__lte=day + relativedelta(months=1)),
                    then=Value(True),
                ),
                default=Value(False),
            ),
        )
        .select_related("importer", "supplier", "agent")
        .order_by(
            *(ordering or ("overdue", F("blocked_from").asc(nulls_last=True), "entered_at", "pk"))
        )
    )


def daily_check_for(houses: list[int], day: date | None = None):
    """CUS-47: today's 06:00 lists for the valuer's customs houses (flagged first)."""
    from ..models import DailyCheckItem

    return (
        DailyCheckItem.objects.filter(
            check_list__on_date=day or timezone.localdate(),
            check_list__customs_house__in=houses,
        )
        .select_related("declaration__importer", "declaration__supplier", "check_list")
        .order_by("-flagged", "pk")
    )


def tasks_for(user: User, houses: list[int]):
    """CUS-55: tasks returned to this valuer, and those of their houses with nobody assigned."""
    from ..models import ValuerTask

    return (
        ValuerTask.objects.filter(done_at__isnull=True)
        .filter(Q(assigned_to=user) | Q(assigned_to__isnull=True, customs_house__in=houses))
        .select_related("declaration", "entry")
        .order_by("created_at")
    )


def entries_for_staff(*, archive_ready: bool = False, to_correct: bool = False):
    found = Entry.objects.select_related("importer", "supplier", "customs_house")
    if archive_ready:
        found = found.filter(archived_at__isnull=True, archive_ready_on__isnull=False)
    if to_correct:
        found = found.exclude(correction_cause="")
    return found.order_by("filed_at", "pk")


def declaration_for_staff(number) -> ImporterDeclaration:
    declaration = (
        ImporterDeclaration.objects.select_related(
            "importer", "supplier__country", "agent", "entry", "replaced_by", "original_entry"
        )
        .filter(pk=number)
        .first()
    )
    if declaration is None:
        raise Http404
    return declaration


def declaration_page(declaration: ImporterDeclaration) -> dict:
    """Everything the staff page shows of one declaration, a fixed number of queries."""
    return {
        "findings": list(declaration.findings.select_related("recorded_by")),
        "changes": list(declaration.status_changes.select_related("actor")),
        "documents": list(declaration.documents.all()),
        "entries": list(declaration.entries.select_related("customs_house")[:20]),
        "blocks": list(declaration.blocks.select_related("importer")),
        "supplier_changes": list(declaration.supplier.status_changes.select_related("actor")),
    }


def suppliers_for_unit(query: str = "", status: str = ""):
    found = suppliers_search(query)
    if str(status).isdigit():
        found = found.filter(status=int(status))
    return found.select_related("entered_by")
