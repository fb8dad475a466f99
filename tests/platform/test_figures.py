"""Issue 16: one way of showing money, counts and dates, through one set of template filters
available in every template (taxportal.templatetags.money)."""

import re
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


@pytest.mark.parametrize(
    "language, shown",
    [
        ("he", "8,500.00\u00a0₪"),  # Hebrew writes the sign after the amount
        ("en", "₪8,500.00"),  # English before it
    ],
)
def test_issue_16_nis_places_the_sign_per_language(language, shown):
    with translation.override(language):
        assert render("{{ amount|nis }}", amount=Decimal("8500")) == shown


def test_issue_16_nis_negative_amount_in_english():
    with translation.override("en"):
        assert render("{{ amount|nis }}", amount=Decimal("-12.5")) == "-₪12.50"


@pytest.mark.parametrize(
    "source, value, shown",
    [
        ("{{ v|shekels }}", Decimal("8500"), "8,500.00"),
        ("{{ v|shekels }}", "19", "19.00"),
        ("{{ v|count }}", 21, "21"),
        ("{{ v|count }}", 12345, "12,345"),
        ("{{ v|count }}", None, ""),
        ("{{ v|day }}", date(2026, 11, 30), "30/11/2026"),
        ("{{ v|month }}", date(2026, 11, 1), "11/2026"),
        ("{{ v|nis }}", "", ""),
    ],
)
def test_issue_16_figures_need_no_load_tag(source, value, shown):
    """The filters are built in: a template shows figures the same way without `{% load %}`."""
    assert render(source, v=value) == shown


def test_issue_16_moment_is_local_time():
    # 03:39 UTC on 30 November is 05:39 in Jerusalem (UTC+2 in winter).
    moment = datetime(2026, 11, 30, 3, 39, tzinfo=UTC)
    assert render("{{ v|moment }} {{ v|day }}", v=moment) == "30/11/2026 05:39 30/11/2026"


def test_issue_16_the_apps_libraries_show_amounts_the_same_way():
    amount = Decimal("1234.5")
    assert render("{% load customs_money %}{{ v|shekels }}", v=amount) == "1,234.50"
    assert render("{% load garnishment %}{{ v|shekels }}", v=amount) == "1,234.50"


BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@pytest.mark.parametrize("source", ["{{ v|truncatechars:8 }}", "{{ v|shorten:8 }}"])
def test_issue_16_cutting_a_text_adds_no_direction_control_in_hebrew(source):
    """Django's Hebrew catalogue ends a truncated text with a right-to-left override (U+202E)
    that nothing closes: it turned the print files' hashes around. The portal's catalogue
    overrides it, and `shorten` adds none."""
    with translation.override("he"):
        shown = render(source, v="4097e1112e56bd1f00")
    assert shown == "4097e11…"
    assert not set(shown) & BIDI_CONTROLS


def test_issue_16_count_shows_a_non_number_as_it_is():
    assert render("{{ v|count }}", v="—") == "—"


APP_TEMPLATES = sorted(
    path
    for pattern in ("*/templates/**/*.html", "templates/**/*.html")
    for path in Path(settings.BASE_DIR).glob(pattern)
    if ".venv" not in path.parts and "node_modules" not in path.parts
)
FIGURE_CELL = re.compile(
    r"<td(?P<attrs>[^>]*)>\s*(?:<strong>|<bdi>)?\{\{[^}]*\|(?:shekels|nis|count)\b[^}]*\}\}"
)


def test_issue_16_every_figure_cell_is_aligned_as_a_figure():
    """A cell showing an amount or a count carries `num` (portal.css: at the end of the cell, digits
    of one width), in every template: "21" and "0.00", "8,500.00" and "19.00" line up."""
    assert len(APP_TEMPLATES) > 100  # the scan reads the apps' templates, not an empty list
    cells = unaligned = 0
    for path in APP_TEMPLATES:
        for match in FIGURE_CELL.finditer(path.read_text(encoding="utf-8")):
            cells += 1
            classes = re.search(r'class="([^"]*)"', match.group("attrs"))
            if not classes or "num" not in classes.group(1).split():
                unaligned += 1
                print(path.relative_to(settings.BASE_DIR), match.group(0))
    assert cells > 40 and unaligned == 0


def test_issue_16_the_num_class_aligns_figures():
    css = (Path(settings.BASE_DIR) / "taxportal/static/taxportal/portal.css").read_text()
    rule = re.search(r"\.num \{([^}]*)\}", css)
    assert rule and "text-align: end" in rule.group(1)
    assert "font-variant-numeric: tabular-nums" in rule.group(1)
