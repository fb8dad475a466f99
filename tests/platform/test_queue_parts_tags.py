"""`{% queue_search_form %}` writes the markup the shared template wrote before it (kept here as
the reference, compared as HTML): search box with and without a hint, filters, sort, the Clear
link only after a search, the ignored-parameters warning, hostile values escaped."""

from pathlib import Path

import pytest
from django import forms
from django.contrib.auth.models import Permission
from django.template import Context, Template
from django.test import RequestFactory
from django.test.html import parse_html
from django.utils import translation

from garnishment.forms import StatementQueueForm
from parking_badges.forms.queues import BadgeQueueForm
from taxportal.paging import paginate
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
        new = Template("{% load queue_parts %}{% queue_search_form %}").render(Context(context))
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
    html = Template("{% load queue_parts %}{% queue_search_form %}").render(
        Context({"queue_form": BadgeQueueForm(request.GET), "request": request, "label": "L"})
    )
    assert "<script>" not in html
    assert 'value="&lt;script&gt;"' in html
    assert '<a class="btn btn-link" href="/queue/">' in html  # Clear, after a search


PAGER_REFERENCE = Template((Path(__file__).parent / "pager_reference.html").read_text())


@pytest.mark.parametrize("language", ["he", "en"])
@pytest.mark.parametrize(
    "items,number,label",
    [
        (100, 1, None),  # first of 4 pages (25 a page): no "Previous"
        (100, 2, 'Lines "of" <report>'),
        (100, 4, ""),  # the last: no "Next"
        (10, 1, None),  # one page: nothing at all
    ],
)
def test_pager_tag_writes_the_reference_markup(items, number, label, language):
    request = RequestFactory().get(f"/queue/?q=%3Cx%3E&page={number}")
    _same_pager_markup({"pager": paginate(request, list(range(items))), "label": label}, language)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["he", "en"])
def test_pager_tag_writes_the_reference_markup_past_a_capped_count(language):
    # Permissions, 2 a page, counted up to 3 past page 2's start (2 + 3 + 1 = 6 < all of them).
    request = RequestFactory().get("/queue/?page=2")
    pager = paginate(request, Permission.objects.order_by("pk"), per_page=2, count_up_to=3)
    assert pager.more
    html = _same_pager_markup({"pager": pager}, language)
    if language == "en":
        assert "Page 2 of many" in html


def _same_pager_markup(context: dict, language: str) -> str:
    with translation.override(language):
        new = Template("{% load queue_parts %}{% pager_links %}").render(Context(context))
        old = PAGER_REFERENCE.render(Context(context))
    assert parse_html(new) == parse_html(old)
    return new


def test_pager_tag_says_page_of_pages_worked_out_by_hand():
    # 60 items, 25 a page: pages 25 + 25 + 10 = 3; page 2 has both neighbours.
    request = RequestFactory().get("/queue/?page=2")
    with translation.override("en"):
        html = Template("{% load queue_parts %}{% pager_links %}").render(
            Context({"pager": paginate(request, list(range(60)))})
        )
    assert "Page 2 of 3" in html
    assert 'href="?page=1"' in html and 'href="?page=3"' in html
