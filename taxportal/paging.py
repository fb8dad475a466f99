"""Long lists shown a page at a time, each list with its
own page parameter so two lists on one page page independently and keep the other filters.

A queue that may hold any number of items counts them only so far (`count_up_to`): a thousand
past the start of the page asked for, never the whole queue, so that a page costs the same at a
hundred items and at a million; the page then says "more than 1,000"."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
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
    return int(value) if value.isdigit() and 0 < len(value) <= 9 else 1


def paginate(
    request,
    items,
    *,
    param: str = "page",
    per_page: int | None = None,
    count_up_to: int | None = None,
) -> PageLinks:
    """One page of `items` (a queryset is counted once and sliced: two queries whatever the
    list's size); a page number out of range or not a number shows the nearest page.

    With `count_up_to`, only that many items past the start of the page asked for are
    counted."""
    per_page = per_page or PER_PAGE
    if count_up_to is None:
        paginator = Paginator(items, per_page)
    else:
        start = (_page_number(request, param) - 1) * per_page
        paginator = CappedPaginator(items, per_page, limit=start + count_up_to + 1)
    page = paginator.get_page(request.GET.get(param))

    def query(number: int) -> str:
        params = request.GET.copy()
        params[param] = str(number)
        return params.urlencode()

    return PageLinks(
        page=page,
        previous_query=query(page.previous_page_number()) if page.has_previous() else "",
        next_query=query(page.next_page_number()) if page.has_next() else "",
    )
