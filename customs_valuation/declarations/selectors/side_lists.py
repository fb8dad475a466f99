"""The valuer's queue page's four side lists (today's 06:00 list, returned tasks, entries ready
for the archive, entries listed for a correction), each list's page and count read in ONE
statement: four pages and four counts compiled by Django cost ~4 ms of CPU a page, nearly all
query building, for lists that are most often empty.

The lists take no user filter (only the valuer, the day and the pages asked), so their SQL is
fixed text written once; it reads what `daily_check_for`, `tasks_for` and `entries_for_staff`
read, in their order (tests compare them)."""

from dataclasses import dataclass
from datetime import date
from functools import cache

from django.db import connection
from django.utils import timezone

from taxportal.models import User
from taxportal.paging import PageAsked
from taxportal.texts import Said

from ..models import (
    CustomsHouse,
    CustomsHouseStaff,
    DailyCheck,
    DailyCheckItem,
    Entry,
    Importer,
    ImporterDeclaration,
    ValuerTask,
)

SIDE_LISTS = ("daily", "tasks", "archive", "to_correct")


@dataclass(frozen=True)
class _List:
    counted_from: str  # the tables the count needs
    read_from: str  # those the rows need
    where: str
    columns: str  # i1..i5 (numbers), t1..t5 (texts), s (the sort key, not returned)
    order: str  # in the list's tables
    row_order: str  # the same, in the columns read


_NUMBERS = ("i1", "i2", "i3", "i4", "i5")
_TEXTS = ("t1", "t2", "t3", "t4", "t5")


def _columns(**given: str) -> str:
    """Every list's row has the same columns (UNION ALL): those a list has no use for are NULL."""
    numbers = [f"{given.get(c, 'CAST(NULL AS BIGINT)')} AS {c}" for c in _NUMBERS]
    texts = [f"{given.get(c, 'CAST(NULL AS TEXT)')} AS {c}" for c in _TEXTS]
    return ", ".join([*numbers, *texts, f"{given.get('s', 'NULL')} AS s"])


def houses_on_the_day_sql() -> str:
    """`valuer_house_ids` (and commercial's `houses_of`) as SQL text: the customs houses a user
    works at on a day. Parameters: the user's id, the day, the day."""
    return (
        f"SELECT hp.customs_house_id FROM {CustomsHouseStaff._meta.db_table} hp"
        " WHERE hp.user_id = %s AND hp.started_on <= %s"
        " AND (hp.ended_on IS NULL OR hp.ended_on > %s)"
    )


@cache
def _lists() -> dict[str, _List]:
    item, check = DailyCheckItem._meta.db_table, DailyCheck._meta.db_table
    task, entry = ValuerTask._meta.db_table, Entry._meta.db_table
    declaration, importer = ImporterDeclaration._meta.db_table, Importer._meta.db_table
    house, houses = CustomsHouse._meta.db_table, houses_on_the_day_sql()
    entries_from = (
        f"{entry} en JOIN {importer} im ON im.id = en.importer_id"
        f" JOIN {house} ho ON ho.id = en.customs_house_id"
    )
    entry_columns = _columns(
        i1="en.id",
        i2="en.supplier_id",
        t1="en.number",
        t2="en.correction_cause",
        t3="im.name",
        t4="ho.name_he",
        t5="ho.name_en",
        s="en.filed_at",
    )
    return {
        "daily": _List(
            counted_from=f"{item} di JOIN {check} dc ON dc.id = di.check_list_id",
            read_from=(
                f"{item} di JOIN {check} dc ON dc.id = di.check_list_id"
                f" JOIN {declaration} de ON de.id = di.declaration_id"
                f" JOIN {importer} im ON im.id = de.importer_id"
            ),
            where=f"dc.on_date = %s AND dc.customs_house_id IN ({houses})",
            columns=_columns(
                i1="di.id",
                i2="di.declaration_id",
                i3="di.status",
                i4="di.day_in_count",
                i5="CASE WHEN di.flagged THEN 1 ELSE 0 END",
                t1="im.name",
            ),
            order="di.flagged DESC, di.id",
            row_order="p.i5 DESC, p.i1",
        ),
        "tasks": _List(
            counted_from=f"{task} ta",
            read_from=f"{task} ta LEFT JOIN {entry} en ON en.id = ta.entry_id",
            where=(
                "ta.done_at IS NULL AND (ta.assigned_to_id = %s"
                f" OR (ta.assigned_to_id IS NULL AND ta.customs_house_id IN ({houses})))"
            ),
            columns=_columns(
                i1="ta.id",
                i2="ta.declaration_id",
                i3="ta.entry_id",
                t1="en.number",
                t2="ta.reason",
                s="ta.created_at",
            ),
            order="ta.created_at, ta.id",
            row_order="p.s, p.i1",
        ),
        "archive": _List(
            counted_from=f"{entry} en",
            read_from=entries_from,
            where="en.archived_at IS NULL AND en.archive_ready_on IS NOT NULL",
            columns=entry_columns,
            order="en.filed_at, en.id",
            row_order="p.s, p.i1",
        ),
        "to_correct": _List(
            counted_from=f"{entry} en",
            read_from=entries_from,
            where="NOT (en.correction_cause = '')",
            columns=entry_columns,
            order="en.filed_at, en.id",
            row_order="p.s, p.i1",
        ),
    }


def _where_params(name: str, user_id: int, day: date) -> list:
    if name == "daily":
        return [day, user_id, day, day]
    if name == "tasks":
        return [user_id, user_id, day, day]
    return []


def _row(name: str, i1, i2, i3, i4, i5, t1, t2, t3, t4, t5):
    """A row as the list's own queryset gives it, with what the page shows of it."""
    if name == "daily":
        importer = Importer(name=t1)
        return DailyCheckItem(
            id=i1,
            declaration=ImporterDeclaration(id=i2, importer=importer),
            status=i3,
            day_in_count=i4,
            flagged=bool(i5),
        )
    if name == "tasks":
        shown_entry = Entry(id=i3, number=t1) if i3 is not None else None
        reason = Said.from_db(t2) or ""
        return ValuerTask(id=i1, declaration_id=i2, entry=shown_entry, reason=reason)
    return Entry(
        id=i1,
        number=t1,
        supplier_id=i2,
        correction_cause=t2,
        importer=Importer(name=t3),
        customs_house=CustomsHouse(name_he=t4, name_en=t5),
    )


def side_lists(
    user: User, asked: dict[str, PageAsked], day: date | None = None
) -> dict[str, tuple[list, int]]:
    """Each list asked: the rows of its page and how many it holds, counted up to the page's
    limit, all in one statement (a row of counts, then each list's rows)."""
    day = day or timezone.localdate()
    lists = _lists()
    counts, parts = [], []
    count_params: list = []
    part_params: list = []
    for part, name in enumerate(SIDE_LISTS, start=1):
        if name not in asked:
            counts.append("0")
            continue
        shape, page = lists[name], asked[name]
        params = _where_params(name, user.pk, day)
        cut = "" if page.limit is None else " LIMIT %s"
        counts.append(
            f"(SELECT COUNT(*) FROM (SELECT 1 AS one FROM {shape.counted_from}"
            f" WHERE {shape.where}{cut}) counted)"
        )
        count_params += params if page.limit is None else [*params, page.limit]
        parts.append(
            f"SELECT {part} AS part, ROW_NUMBER() OVER (ORDER BY {shape.row_order}) AS pos,"
            f" {', '.join('p.' + c for c in (*_NUMBERS, *_TEXTS))}"
            f" FROM (SELECT {shape.columns} FROM {shape.read_from} WHERE {shape.where}"
            f" ORDER BY {shape.order} LIMIT %s OFFSET %s) p"
        )
        part_params += [*params, page.per_page, page.start]
    head = (
        "SELECT 0 AS part, 0 AS pos, "
        + ", ".join(f"{count} AS {c}" for count, c in zip(counts, _NUMBERS, strict=False))
        + ", CAST(NULL AS BIGINT), "
        + ", ".join("CAST(NULL AS TEXT)" for _ in _TEXTS)
    )
    sql = " UNION ALL ".join([head, *parts]) + " ORDER BY part, pos"
    with connection.cursor() as cursor:
        cursor.execute(sql, count_params + part_params)
        found = cursor.fetchall()
    totals = dict(zip(SIDE_LISTS, found[0][2:6], strict=True))
    read: dict[str, tuple[list, int]] = {name: ([], totals[name]) for name in asked}
    for part, _pos, *columns in found[1:]:
        name = SIDE_LISTS[part - 1]
        read[name][0].append(_row(name, *columns))
    return read
