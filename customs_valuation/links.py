"""Links to many objects of one kind on a page, built without resolving a URL for each row."""

from collections.abc import Callable

from django.urls import reverse

_PLACEHOLDER = 2_147_483_647  # an id no row has; replaced by each row's


def url_for_each(name: str, *args: object) -> Callable[[object], str]:
    """The URL `name` for any id, its first argument: one `reverse`, then a replacement (a
    `{% url %}` per row was a large part of a queue page's rendering)."""
    pattern = reverse(name, args=[_PLACEHOLDER, *args])
    return lambda pk: pattern.replace(str(_PLACEHOLDER), str(pk), 1)
