"""Issue 18: the commercial queue's case rows and entries to verify are written in Python
(customs_valuation/templatetags/customs_rows.py): the markup the template loops wrote (kept
here), compared as HTML in both languages, what an agent typed escaped."""

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.test.html import parse_html
from django.urls import reverse
from django.utils import timezone, translation

from customs_valuation.commercial import selectors
from customs_valuation.commercial.models import DocumentRequest
from customs_valuation.commercial.services import documents as document_services
from customs_valuation.declarations.models import Entry
from taxportal.paging import paginate

from .helpers import entry, open_case

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert('x')</script> & \"Co\""

OLD_CASES = """{% load i18n customs_money %}{% for case in items %}
      <tr><td><a href="{{ case.href }}">{{ case.entry.number }}</a></td><td><bdi>{{ case.entry.importer.name }}</bdi></td><td data-status="{{ case.status }}">{{ case.status_label }}</td><td>{% if case.next_due %}<span{% if case.next_due < today %} class="text-danger"{% endif %}>{{ case.next_due|day }}</span>{% else %}—{% endif %}</td></tr>
    {% empty %}<tr><td colspan="4">{% translate "No open cases." %}</td></tr>{% endfor %}"""  # noqa: E501

OLD_ENTRIES = """{% load i18n customs_money %}{% for entry in items %}<li><a href="{{ entry.href }}">{{ entry.number }}</a> · <bdi>{{ entry.importer.name }}</bdi> · <bdi>{{ entry.goods_value|shekels }} {{ entry.currency }}</bdi>{% if entry.thorough_examination %} · {% translate "thorough examination" %}{% endif %}</li>
  {% empty %}<li>{% translate "None." %}</li>{% endfor %}"""  # noqa: E501


def _same(old: str, new: str, items, today) -> str:
    context = {"items": items, "today": today}
    theirs = Template(old).render(Context(context))
    ours = Template("{% load customs_rows %}" + new).render(Context(context))
    assert parse_html(ours) == parse_html(theirs)
    return ours


@pytest.mark.parametrize("language", ["he", "en"])
def test_issue_18_the_queues_rows_are_the_templates_markup(commercial, language):
    """Three open cases: documents overdue, documents due later, none asked; two entries still
    to verify, one routed to thorough examination; the importer's name hostile."""
    commercial.importer.name = HOSTILE
    commercial.importer.save(update_fields=["name"])
    today = timezone.localdate()
    cases = [open_case(commercial) for _ in range(3)]
    for case, due in zip(
        cases, (today - timedelta(days=1), today + timedelta(days=3)), strict=False
    ):
        document_services.documents_request(actor=commercial.valuer, case=case, items=[("a", "")])
        DocumentRequest.objects.filter(case=case).update(due_on=due)
    thorough, plain = entry(commercial), entry(commercial)
    Entry.objects.filter(pk=thorough.pk).update(thorough_examination=True)
    request = RequestFactory().get("/")
    with translation.override(language):
        rows = paginate(request, selectors.queue(commercial.valuer)).items
        for case in rows:  # what the view set on each row for the template
            case.href = reverse("customs_commercial:case", args=[case.pk])
            case.status_label = case.get_status_display()
        ours = _same(OLD_CASES, "{% commercial_case_rows items today %}", rows, today)
        listed = paginate(request, selectors.entries_to_value(commercial.valuer)).items
        for shown in listed:
            shown.href = reverse("customs_commercial:entry_open", args=[shown.number])
        _same(OLD_ENTRIES, "{% commercial_entry_items items %}", listed, today)
        _same(OLD_CASES, "{% commercial_case_rows items today %}", [], today)
        _same(OLD_ENTRIES, "{% commercial_entry_items items %}", [], today)
    assert len(rows) == 3 and {e.pk for e in listed} == {thorough.pk, plain.pk}
    assert 'class="text-danger"' in ours
    assert "<script>" not in ours and "&lt;script&gt;" in ours
