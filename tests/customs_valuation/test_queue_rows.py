"""Issue 18: the officers' queue's rows and the committee's appeals are written in Python
(customs_valuation/templatetags/customs_rows.py): the markup the template loops wrote (kept
here), compared as HTML in both languages, with what an importer's name holds escaped."""

from datetime import UTC, datetime, timedelta

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.test.html import parse_html
from django.urls import reverse
from django.utils import translation

from customs_valuation import selectors
from customs_valuation.models import Appeal, CaseStatus
from taxportal.paging import paginate

from .test_queues import (  # noqa: F401
    TODAY,
    appeal,
    case,
    guarantee,
    on_the_first_of_june,
    posted_notice,
)

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


# The appeals' loop as appeals.html wrote it before (the view set each row's two links).
OLD_APPEALS = """{% load i18n %}{% for appeal in items %}<tr>
    <th scope="row"><a href="{{ appeal.href }}"><bdi class="text-nowrap">{{ appeal.case.reference }}</bdi></a></th>
    <td class="text-nowrap">{{ appeal.forwarded_at|date:"d/m/Y" }}</td>
    <td><bdi>{{ appeal.case.importer_name|default:appeal.case.importer_national_id }}</bdi></td><td><bdi>{{ appeal.case.subject }}</bdi></td>
    <td class="text-nowrap">{{ appeal.filed_at|date:"d/m/Y" }}</td>
    <td><a class="btn btn-sm btn-primary" href="{{ appeal.decide_href }}">{% translate "Committee decision" %}</a></td>
  </tr>{% empty %}<tr><td colspan="6">{% if q %}{% translate "No appeal matches the search." %}{% else %}{% translate "No appeal is waiting." %}{% endif %}</td></tr>{% endfor %}"""  # noqa: E501


def _same_appeals(items, q="") -> str:
    for item in items:  # what the view set on each row for the template
        item.href = reverse("customs_valuation:case", args=[item.case_id])
        item.decide_href = reverse(
            "customs_valuation:case_action", args=[item.case_id, "appeal_decision"]
        )
    context = Context({"items": items, "q": q})
    theirs = Template(OLD_APPEALS).render(context)
    ours = Template("{% load customs_rows %}{% appeal_rows items q %}").render(context)
    assert parse_html(ours) == parse_html(theirs)
    return ours


@pytest.mark.parametrize("language", ["he", "en"])
def test_issue_18_the_appeals_rows_are_the_templates_markup(people, language):
    """A hostile name; no name (the identity number shown), forwarded at 22:30 UTC on 31 May,
    which is 01:30 on 1 June in Jerusalem (UTC+3)."""
    appeal(people, importer_name=HOSTILE)
    late = appeal(people, importer_name="")
    Appeal.objects.filter(pk=late.pk).update(forwarded_at=datetime(2026, 5, 31, 22, 30, tzinfo=UTC))
    with translation.override(language):
        rows = paginate(RequestFactory().get("/"), selectors.appeals_for_committee()).items
        ours = _same_appeals(rows)
        _same_appeals([], q="")
        _same_appeals([], q="nobody")
    assert len(rows) == 2 and late.pk in {row.pk for row in rows}
    assert '<td class="text-nowrap">01/06/2026</td>' in ours
    assert "<script>" not in ours and ours.count("&lt;script&gt;") == 1
