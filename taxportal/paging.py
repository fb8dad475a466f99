"""Long lists shown a page at a time, each list with its
own page parameter so two lists on one page page independently and keep the other filters.

A queue that may hold any number of items counts them only so far (`count_up_to`): a thousand
past the start of the page asked for, never the whole queue, so that a page costs the same at a
hundred items and at a million; the page then says "more than 1,000"."""

from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import IntegerField, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.query import ModelIterable
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

PER_PAGE = 25
QUEUE_COUNT_AHEAD = 1000


class CappedPaginator(Paginator):
    """Counts at most `limit` items: a sliced count (`SELECT COUNT(*) FROM (… LIMIT n)`), or
    the list's own `count_up_to(limit)`."""

    def __init__(self, object_list, per_page, *, limit: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.limit = limit

    @cached_property
    def count(self) -> int:
        counter = getattr(self.object_list, "count_up_to", None)
        if counter is not None:
            return counter(self.limit)
        # The queues page QuerySets (a list would have no count without an argument). How many
        # of the first `limit` rows there are does not depend on their order, nor on what is
        # shown of them: the count reads the ids only, unordered, so that PostgreSQL neither
        # evaluates the select list's subqueries (a row's documents counted) for a thousand
        # rows nor follows the sort's index when another is cheaper.
        items = self.object_list
        query = items.query  # type: ignore[attr-defined]
        if not query.distinct and not query.combinator:
            items = items.order_by().values("pk")  # type: ignore[attr-defined]
        return items[: self.limit].count()  # type: ignore[attr-defined]

    @property
    def more(self) -> bool:
        """The list goes on past what was counted."""
        return self.count >= self.limit


@dataclass(frozen=True)
class PageLinks:
    page: Page
    previous_query: str
    next_query: str

    @property
    def items(self):
        return self.page.object_list

    @property
    def more(self) -> bool:
        return getattr(self.page.paginator, "more", False)

    @property
    def count(self) -> int:
        """How many items were counted (all of them, unless `more`)."""
        return self.page.paginator.count - (1 if self.more else 0)

    @property
    def total(self) -> str:
        """The number of items as the page says it: "10,000", or "more than 1,000"."""
        if self.more:
            return _("more than %(count)s") % {"count": f"{self.count:,}"}
        return f"{self.count:,}"


def _page_number(request, param: str) -> int:
    value = request.GET.get(param, "")
    return max(int(value), 1) if value.isdigit() and 0 < len(value) <= 9 else 1


# The count read with the page's rows, as a column of each row (see `_page_with_count`).
_COUNTED = "paging_counted"


def _countable(items) -> bool:
    """A queryset of model instances that can count itself: not a union, not DISTINCT (whose
    rows the count of ids could differ from), not rows as dicts or tuples (a column more)."""
    return (
        isinstance(items, QuerySet)
        and items._iterable_class is ModelIterable
        and not items.query.distinct
        and not items.query.combinator
        and not items.query.is_sliced
        and _COUNTED not in items.query.annotations
    )


def _page_with_count(items: QuerySet, start: int, per_page: int, limit: int | None) -> list:
    """The page's rows, each with the list's count (up to `limit`) as one more column: an
    uncorrelated scalar subquery, which the database evaluates once. One query instead of a
    count, then the page: under load each query is a wait for the database's turn."""
    counted = items.order_by().values("pk")
    counted = counted if limit is None else counted[:limit]
    try:
        sql, params = counted.query.get_compiler(using=items.db).as_sql()
    except EmptyResultSet:  # a filter that matches nothing (`pk__in=[]`): no query at all
        return []
    total = RawSQL(f"SELECT COUNT(*) FROM ({sql}) counted", params, output_field=IntegerField())
    return list(items.annotate(**{_COUNTED: total})[start : start + per_page])


class _KnownPaginator(CappedPaginator):
    """A paginator told its count and the rows of one page, read together."""

    def __init__(self, object_list, per_page, *, limit, counted: int, number: int, rows: list):
        super().__init__(object_list, per_page, limit=limit)
        self.__dict__["count"] = counted  # the cached_property, already known
        self.known = (number, rows)

    def page(self, number) -> Page:
        known_number, rows = self.known
        if self.validate_number(number) == known_number:
            return Page(rows, known_number, self)
        return super().page(number)


def paginate(
    request,
    items,
    *,
    param: str = "page",
    per_page: int | None = None,
    count_up_to: int | None = None,
) -> PageLinks:
    """One page of `items` (a queryset is counted once and sliced: two queries whatever the
    list's size, one when the page asked for has rows or is the first); a page number out of
    range or not a number shows the nearest page.

    With `count_up_to`, only that many items past the start of the page asked for are
    counted."""
    per_page = per_page or PER_PAGE
    number = _page_number(request, param)
    start = (number - 1) * per_page
    limit = None if count_up_to is None else start + count_up_to + 1
    paginator: Paginator
    rows = _page_with_count(items, start, per_page, limit) if _countable(items) else None
    if rows or (rows is not None and number == 1):
        counted = getattr(rows[0], _COUNTED) if rows else 0
        paginator = _KnownPaginator(
            items, per_page, limit=limit or counted + 1, counted=counted, number=number, rows=rows
        )
    elif count_up_to is None:
        paginator = Paginator(items, per_page)
    else:
        paginator = CappedPaginator(items, per_page, limit=start + count_up_to + 1)
    return _links(request, param, paginator.get_page(request.GET.get(param)))


def _links(request, param: str, page: Page) -> PageLinks:
    """The page with the addresses of its neighbours, the other parameters kept."""

    def query(number: int) -> str:
        params = request.GET.copy()
        params[param] = str(number)
        return params.urlencode()

    return PageLinks(
        page=page,
        previous_query=query(page.previous_page_number()) if page.has_previous() else "",
        next_query=query(page.next_page_number()) if page.has_next() else "",
    )


def counted_together(**lists: tuple[QuerySet, int | None]) -> dict[str, int]:
    """How many rows each queryset holds, each counted up to its limit (all with None), in one
    query of scalar subqueries: a page's several counts for the price of one round trip."""
    parts, params, using = [], [], "default"
    for queryset, limit in lists.values():
        ids = queryset.order_by().values("pk")
        ids = ids if limit is None else ids[:limit]
        using = queryset.db
        try:
            sql, sql_params = ids.query.get_compiler(using=using).as_sql()
        except EmptyResultSet:  # matches nothing
            parts.append("0")
            continue
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) counted)")
        params.extend(sql_params)
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return dict(zip(lists, row, strict=True))


@dataclass(frozen=True)
class PageAsked:
    """The page a request asks of one list (its own parameter), and how far past its start the
    list is counted (None: all of it), for a list read by its caller (`paginate_read`)."""

    param: str
    number: int
    per_page: int
    count_up_to: int | None

    @property
    def start(self) -> int:
        return (self.number - 1) * self.per_page

    @property
    def limit(self) -> int | None:
        """How many rows to count: as `paginate` counts the same page."""
        return None if self.count_up_to is None else self.start + self.count_up_to + 1


def page_asked(
    request, *, param: str = "page", per_page: int | None = None, count_up_to: int | None = None
) -> PageAsked:
    return PageAsked(param, _page_number(request, param), per_page or PER_PAGE, count_up_to)


class _ReadPaginator(CappedPaginator):
    """A paginator told its count and the asked page's rows; any other page (the number asked
    was out of range) is read by `pages`."""

    def __init__(self, asked: PageAsked, rows: list, counted: int, pages):
        super().__init__([], asked.per_page, limit=asked.limit or counted + 1)
        self.__dict__["count"] = counted  # the cached_property, already known
        self.asked, self.rows, self.pages = asked, rows, pages

    def page(self, number) -> Page:
        number = self.validate_number(number)
        rows = self.rows if number == self.asked.number else self.pages(number)
        return Page(rows, number, self)


def paginate_read(request, asked: PageAsked, rows: list, counted: int, *, pages) -> PageLinks:
    """What `paginate` shows, of a list whose asked page and count (up to `asked.limit`) the
    caller read already, several lists in one statement; `pages(number)` reads another page's
    rows, needed only when the number asked is out of range (the nearest page is shown)."""
    paginator = _ReadPaginator(asked, rows, counted, pages)
    return _links(request, asked.param, paginator.get_page(request.GET.get(asked.param)))
