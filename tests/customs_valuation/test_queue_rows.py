"""Issue 18: the officers' queue's rows are written in Python (customs_valuation/templatetags/
customs_rows.py): the markup the template loop wrote (kept here), compared as HTML in both
languages, with what an importer's name holds escaped."""

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.test.html import parse_html
from django.utils import translation

from customs_valuation import selectors
from customs_valuation.models import CaseStatus
from taxportal.paging import paginate

from .test_queues import TODAY, case, guarantee, on_the_first_of_june, posted_notice  # noqa: F401

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert('x')</script> & \"Co\""

OLD_ROWS = """{% load i18n %}{% for row in items %}
    <tr{% if row.warnings or row.overdue %} class="table-warning"{% endif %}>
      <th scope="row"><a href="{{ row.href }}"{% if row.warnings or row.overdue %} class="link-body-emphasis"{% endif %}><bdi class="text-nowrap">{{ row.case.reference }}</bdi></a></th>
      <td>{% if row.deadline %}<strong class="text-nowrap">{{ row.deadline|date:"d/m/Y" }}</strong>{% if row.overdue %} <span class="badge text-bg-danger">{% translate "passed" %}</span>{% endif %}<div class="small">{{ row.deadline_label }}</div>{% else %}—{% endif %}</td>
      <td>{{ row.status_label }}</td>
      <td><bdi>{{ row.case.importer_name|default:row.case.importer_national_id }}</bdi></td>
      <td>{{ row.kind_label }}: <bdi>{{ row.case.subject|default:"—" }}</bdi></td>
      <td>{% for warning in row.warnings %}<div class="text-danger-emphasis fw-semibold">⚠ {{ warning }}</div>{% endfor %}</td>
    </tr>
  {% empty %}
    <tr><td colspan="6">{% if q %}{% translate "No case matches the search." %}{% else %}{% translate "No cases are waiting." %}{% endif %}</td></tr>
  {% endfor %}"""  # noqa: E501


def _same(items, q="") -> str:
    context = Context({"items": items, "q": q})
    theirs = Template(OLD_ROWS).render(context)
    ours = Template("{% load customs_rows %}{% valuation_case_rows items q %}").render(context)
    assert parse_html(ours) == parse_html(theirs)
    return ours


@pytest.mark.parametrize("language", ["he", "en"])
def test_issue_18_the_queues_rows_are_the_templates_markup(people, language):
    """A passed deadline, a notice to post, a lapsing guarantee, an open case with no deadline
    and no name (the identity number shown), a hostile name."""
    passed = case(CaseStatus.NOTICE_OF_INTENT, due=TODAY - timedelta(days=1))
    to_post = case(CaseStatus.VALUE_SET, due=TODAY + timedelta(30), importer_name=HOSTILE)
    posted_notice(to_post, people)
    lapsing = case(CaseStatus.OPEN)
    guarantee(lapsing, TODAY + timedelta(days=3), people)
    case(CaseStatus.OPEN, importer_name="")
    with translation.override(language):
        rows = paginate(RequestFactory().get("/"), selectors.queue_rows()).items
        ours = _same(rows)
        _same([], q="")
        _same([], q="nobody")
    assert len(rows) == 4 and passed.pk in {row.case.pk for row in rows}
    assert ours.count('class="table-warning"') == 3  # passed, to post, lapsing
    assert "<script>" not in ours and "&lt;script&gt;" in ours
