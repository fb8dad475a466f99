"""Long lists shown a page at a time, each list with its
own page parameter so two lists on one page page independently and keep the other filters."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator

PER_PAGE = 25


@dataclass(frozen=True)
class PageLinks:
    page: Page
    previous_query: str
    next_query: str

    @property
    def items(self):
        return self.page.object_list


def paginate(request, items, *, param: str = "page", per_page: int | None = None) -> PageLinks:
    """One page of `items` (a queryset is counted once and sliced: two queries whatever the
    list's size); a page number out of range or not a number shows the nearest page."""
    page = Paginator(items, per_page or PER_PAGE).get_page(request.GET.get(param))

    def query(number: int) -> str:
        params = request.GET.copy()
        params[param] = str(number)
        return params.urlencode()

    return PageLinks(
        page=page,
        previous_query=query(page.previous_page_number()) if page.has_previous() else "",
        next_query=query(page.next_page_number()) if page.has_next() else "",
    )
