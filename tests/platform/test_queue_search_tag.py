"""`{% queue_search_form %}` writes the markup the shared template wrote before it (kept here as
the reference, compared as HTML): search box with and without a hint, filters, sort, the Clear
link only after a search, the ignored-parameters warning, hostile values escaped."""

from pathlib import Path

import pytest
from django import forms
from django.template import Context, Template
from django.test import RequestFactory
from django.test.html import parse_html
from django.utils import translation

from garnishment.forms import StatementQueueForm
from parking_badges.forms.queues import BadgeQueueForm
from taxportal.queues import QueueForm, Sort, export_links

# The shared template as it was, the markup the tag must keep.
REFERENCE = Template((Path(__file__).parent / "queue_search_reference.html").read_text())


class OneOrder(QueueForm):
    """No hint on the search box, one order only (so no sort control), a filter."""

    SORTS = {"new": Sort("Newest", ("-id",))}
    colour = forms.ChoiceField(
        label="Colour <b>", required=False, choices=[("", "All"), ("r", "Red & <i>")]
    )


def _both(form_class, query: str, language: str = "he") -> tuple[object, object]:
    request = RequestFactory().get("/queue/" + query)
    context = {
        "queue_form": form_class(request.GET),
        "label": 'Search "the" <queue>',
        "export_links": export_links(request),
        "request": request,
    }
    with translation.override(language):
        new = Template("{% load queue_search %}{% queue_search_form %}").render(Context(context))
        old = REFERENCE.render(Context(context))
    return parse_html(new), parse_html(old)


@pytest.mark.parametrize("language", ["he", "en"])
@pytest.mark.parametrize(
    "form_class,query",
    [
        (BadgeQueueForm, ""),
        (BadgeQueueForm, "?q=%22%3E%3Cscript%3Ex%3C/script%3E&status=submitted&sort=-due&page=3"),
        (BadgeQueueForm, "?sort=nonsense&kind=%3Cb%3E&q=" + "x" * 101),
        (StatementQueueForm, "?q=2026-05"),
        (OneOrder, ""),
        (OneOrder, "?colour=r&q=%26amp;"),
        (OneOrder, "?colour=blue"),
    ],
)
def test_queue_search_tag_writes_the_reference_markup(form_class, query, language):
    new, old = _both(form_class, query, language)
    assert new == old


def test_queue_search_tag_escapes_what_was_typed():
    request = RequestFactory().get("/queue/?q=%3Cscript%3E")
    html = Template("{% load queue_search %}{% queue_search_form %}").render(
        Context({"queue_form": BadgeQueueForm(request.GET), "request": request, "label": "L"})
    )
    assert "<script>" not in html
    assert 'value="&lt;script&gt;"' in html
    assert '<a class="btn btn-link" href="/queue/">' in html  # Clear, after a search
