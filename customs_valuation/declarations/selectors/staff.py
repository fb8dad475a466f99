"""What customs staff read: the valuer's queue (a constant number of queries a page), the 06:00
list, returned tasks, entries to archive or correct, a declaration's page."""

from collections.abc import Sequence
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone

from taxportal.models import User

from .. import rules
from ..choices import DeclarationStatus
from ..models import (
    Entry,
    ImporterDeclaration,
)
from ..models.declarations import QUEUE_STATUSES
from .records import suppliers_search

# --- What customs staff read -------------------------------------------------------------------

QUEUE_DEFAULT = QUEUE_STATUSES  # rules.AWAITING_VALUER and PRICE_SUSPECTED, as the index has


# The valuer's queue's own order; each part is read in it from `cusdecl_decl_queue`.
_BY_BLOCKING = (F("blocked_from").asc(nulls_last=True), "entered_at", "id")


class DeclarationQueue(Sequence):
    """The valuer's queue as the paginator reads it: counted only so far and unordered, and a
    page read from two parts (the pairs blocked today, then the rest), each in the order of a
    partial index and cut at the page's end, joined by UNION ALL: the page's ids, which the
    same query reads the rows of.
    Without the two parts PostgreSQL sorted every open declaration before taking a page.

    Another order asked for, or an export, reads `declarations` (the whole queue, ordered)."""

    def __init__(self, declarations: QuerySet, parts: list[QuerySet] | None):
        self.declarations = declarations
        self.parts = parts

    # Django's Paginator calls count() without an argument, as on a QuerySet.
    def count(self) -> int:  # type: ignore[override]
        return self.declarations.count()

    def __len__(self) -> int:
        return self.count()

    def count_up_to(self, limit: int) -> int:
        return self.declarations.order_by()[:limit].count()

    def iterator(self, chunk_size: int):
        return self.declarations.iterator(chunk_size=chunk_size)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self.declarations[index]
        if self.parts is None:
            return list(self.declarations[index])
        start, stop = index.start or 0, index.stop
        if stop is None or stop <= start:
            return list(self.declarations[index])
        if connection.features.supports_slicing_ordering_in_compound:
            # The page's ids (the two parts cut and joined) as a subquery of the rows' query,
            # which the queue's own order sorts again: one query, not ids then rows.
            first, rest = (
                part.annotate(part=Value(number))
                .order_by(*_BY_BLOCKING)
                .values_list("part", "blocked_from", "entered_at", "id")[:stop]
                for number, part in enumerate(self.parts)
            )
            page = first.union(rest, all=True).order_by("part", *_BY_BLOCKING)[start:stop]
            try:
                sql, params = page.query.get_compiler(using=page.db).as_sql()
            except EmptyResultSet:  # a filter that matches nothing
                return []
            page_ids = RawSQL(f"SELECT page.id FROM ({sql}) page", params)
            return list(self.declarations.filter(pk__in=page_ids))
        # SQLite cannot cut the parts of a UNION: each part cut alone, in order
        ids = [
            pk
            for part in self.parts
            for pk in part.order_by(*_BY_BLOCKING).values_list("id", flat=True)[:stop]
        ][start:stop]
        found = self.declarations.filter(pk__in=ids).in_bulk()
        return [found[pk] for pk in ids if pk in found]


# What the queue's rows and its export show: the rest of a declaration and of its parties is
# neither read nor compiled into the page's query.
_QUEUE_SHOWS = (
    "form",
    "importer__name",
    "importer__number",
    "supplier__name",
    "supplier__status",
    "agent__name",
    "status",
    "entered_on",
    "blocked_from",
    "valid_until",
)


def queue_rows(
    *,
    importer: str = "",
    supplier: int | None = None,
    agent: str = "",
    statuses: list[int] | None = None,
    older_than: int | None = None,
    day: date | None = None,
    ordering: tuple | None = None,
) -> DeclarationQueue:
    """The valuer's queue: overdue first (blocked pairs), then the oldest day 0, then the oldest
    entered, unless another `ordering` is asked for; a page in a fixed number of queries that
    read only that page's rows from an index, whatever the queue's size."""
    day = day or timezone.localdate()
    shown = statuses or QUEUE_DEFAULT
    found = ImporterDeclaration.objects.filter(closed_at__isnull=True, status__in=shown)
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
    # A pair blocked today: blocked from today or before, in a counting status. Only the
    # statuses shown that count are named, so that the default queue's part (CORRECTION_AWAITING
    # alone) is read from its own index (cusdecl_decl_overdue); with none of them shown, every
    # counting status, which `found` has already left out.
    counting = sorted(set(shown) & rules.COUNTING) or sorted(rules.COUNTING)
    overdue = Q(blocked_from__lte=day, status__in=counting)
    declarations = (
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
        .only(*_QUEUE_SHOWS)
        .order_by(*(ordering or ("overdue", *_BY_BLOCKING)))
    )
    parts = None if ordering else [found.filter(overdue), found.exclude(overdue)]
    return DeclarationQueue(declarations, parts)


def daily_check_for(houses: list[int] | QuerySet, day: date | None = None):
    """CUS-47: today's 06:00 lists for the valuer's customs houses (flagged first), with the
    declaration's importer (what the queue shows)."""
    from ..models import DailyCheckItem

    return (
        DailyCheckItem.objects.filter(
            check_list__on_date=day or timezone.localdate(),
            check_list__customs_house__in=houses,
        )
        .select_related("declaration__importer")
        .only("declaration_id", "status", "day_in_count", "flagged", "declaration__importer__name")
        .order_by("-flagged", "pk")
    )


def tasks_for(user: User, houses: list[int] | QuerySet):
    """CUS-55: tasks returned to this valuer, and those of their houses with nobody assigned."""
    from ..models import ValuerTask

    return (
        ValuerTask.objects.filter(done_at__isnull=True)
        .filter(Q(assigned_to=user) | Q(assigned_to__isnull=True, customs_house__in=houses))
        .select_related("entry")
        .only("declaration_id", "entry__number", "reason")
        .order_by("created_at")
    )


def entries_for_staff(*, archive_ready: bool = False, to_correct: bool = False):
    found = Entry.objects.select_related("importer", "customs_house").only(
        "number",
        "importer__name",
        "supplier_id",
        "customs_house__name_he",
        "customs_house__name_en",
        "correction_cause",
    )
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
