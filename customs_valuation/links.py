"""Links to many objects of one kind on a page, built without resolving a URL for each row."""

from collections.abc import Callable
from urllib.parse import quote

from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS

_PLACEHOLDER = 2_147_483_647  # an id no row has; replaced by each row's


def url_for_each(name: str, *args: object) -> Callable[[object], str]:
    """The URL `name` for any id, its first argument: one `reverse`, then a replacement quoted
    as `reverse` quotes it (a `{% url %}` per row was a large part of a queue page's
    rendering)."""
    pattern = reverse(name, args=[_PLACEHOLDER, *args])
    return lambda pk: pattern.replace(
        str(_PLACEHOLDER), quote(str(pk), safe=RFC3986_SUBDELIMS + "/~:@"), 1
    )
