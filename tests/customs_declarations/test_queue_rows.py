"""Issue 18: the valuer's queue's rows, today's list and the entry lists are written in Python
(customs_valuation/templatetags/customs_rows.py). They must be the markup the templates wrote,
compared as HTML with the template loops they replaced (kept here), in both languages, with
what an agent typed escaped."""

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.test.html import parse_html
from django.urls import reverse
from django.utils import timezone, translation

from customs_valuation.declarations import presentation, selectors
from customs_valuation.declarations.choices import CorrectionCause
from customs_valuation.declarations.choices import DeclarationStatus as D
from customs_valuation.declarations.models import (
    DailyCheck,
    DailyCheckItem,
    Entry,
    ImporterDeclaration,
)
from taxportal.paging import paginate

from .helpers import declaration, file_entry
from .test_declarations import checked_supplier

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert('x')</script> & \"Co\""

# The loops as queue.html and _entry_list.html wrote them before.
OLD_DECLARATIONS = """{% load i18n %}{% for d in items %}
    <tr{% if d.overdue == 0 %} class="table-danger"{% elif d.expiring %} class="table-warning"{% endif %}>
      <th scope="row"><a href="{{ d.href }}">{{ d.pk }}</a> <small>{{ d.form }}</small></th>
      <td>{{ d.importer.name }} <bdi class="small">{{ d.importer.number }}</bdi></td>
      <td>{{ d.supplier_id }} {{ d.supplier.name }} <span class="small">({{ d.supplier.status }})</span></td>
      <td>{{ d.agent.name }}</td>
      <td><span class="badge {{ d.badge }}">{{ d.status }}</span> {{ d.status_label }}
</td>
      <td>{{ d.entered_on|date:"d/m/Y" }}</td>
      <td>{% if d.overdue == 0 %}<span class="fw-semibold text-danger-emphasis">{% blocktranslate with day=d.blocked_from|date:"d/m/Y" %}Pair blocked since {{ day }}{% endblocktranslate %}</span>{% elif d.blocked_from %}{% blocktranslate with day=d.blocked_from|date:"d/m/Y" %}Blocked from {{ day }}{% endblocktranslate %}{% endif %}
        {% if d.expiring %}<span class="fw-semibold text-warning-emphasis">{% blocktranslate with day=d.valid_until|date:"d/m/Y" %}Expires {{ day }}{% endblocktranslate %}</span>{% endif %}</td></tr>
  {% empty %}<tr><td colspan="7">{% translate "No declarations are waiting." %}</td></tr>{% endfor %}"""  # noqa: E501

OLD_DAILY = """{% load i18n %}{% for item in items %}
    <tr{% if item.flagged %} class="table-danger"{% endif %}><th scope="row"><a href="{% url 'customs_declarations:staff_declaration' item.declaration_id %}">{{ item.declaration_id }}</a></th>
      <td>{{ item.declaration.importer.name }}</td><td>{{ item.status }}</td>
      <td>{{ item.day_in_count|default_if_none:"—" }}{% if item.flagged %} <span class="badge text-bg-danger">{% translate "3 days or fewer left" %}</span>{% endif %}</td></tr>
  {% empty %}<tr><td colspan="4">{% translate "Nothing in today's list." %}</td></tr>{% endfor %}"""  # noqa: E501

OLD_ENTRIES = """{% load i18n %}{% for entry in items %}<li><a href="{% url 'customs_declarations:staff_entry' entry.number %}">{{ entry.number }}</a> · {{ entry.importer.name }} · {% translate "supplier" %} {{ entry.supplier_id }} · {{ entry.customs_house }}{% if entry.correction_cause %} · {{ entry.get_correction_cause_display }}{% endif %}</li>{% empty %}<li>{% translate "None." %}</li>{% endfor %}"""  # noqa: E501


def _same(old: str, new: str, items) -> str:
    theirs = Template(old).render(Context({"items": items}))
    ours = Template("{% load customs_rows %}" + new).render(Context({"items": items}))
    assert parse_html(ours) == parse_html(theirs)
    return ours


def _page(items, param="page"):
    return paginate(RequestFactory().get("/"), items, param=param).items


@pytest.fixture
def queue(world):
    """Four declarations: blocked today (overdue), blocked from later, about to expire, and
    plain; the importer's and the agent's names hostile; today's list of two (one flagged, one
    with no day counted); an entry ready for the archive, one listed for a correction."""
    world.importer.name = HOSTILE
    world.importer.save(update_fields=["name"])
    world.agent.name = HOSTILE
    world.agent.save(update_fields=["name"])
    the_supplier = checked_supplier(world)
    made = [declaration(world, the_supplier) for _ in range(4)]
    today = timezone.localdate()
    plan = {
        0: {"status": D.CORRECTION_AWAITING, "blocked_from": today - timedelta(days=5)},
        1: {"status": D.CORRECTION_AWAITING, "blocked_from": today + timedelta(days=2)},
        2: {"status": D.PRICE_SUSPECTED, "valid_until": today + timedelta(days=10)},
        3: {"status": D.NOT_HANDLED},
    }
    for n, fields in plan.items():
        ImporterDeclaration.objects.filter(pk=made[n].pk).update(**fields)
    daily = DailyCheck.objects.create(customs_house=world.haifa, on_date=today)
    DailyCheckItem.objects.create(
        check_list=daily, declaration=made[0], status=5, day_in_count=19, flagged=True
    )
    DailyCheckItem.objects.create(check_list=daily, declaration=made[1], status=5)
    archive, correct = (file_entry(world, the_supplier).entry for _ in range(2))
    Entry.objects.filter(pk=archive.pk).update(archive_ready_on=today)
    Entry.objects.filter(pk=correct.pk).update(correction_cause=CorrectionCause.choices[0][0])
    return made


@pytest.mark.parametrize("language", ["he", "en"])
def test_issue_18_the_queues_rows_are_the_templates_markup(world, queue, language):
    href = reverse("customs_declarations:staff_declaration", args=[0])[:-2]
    with translation.override(language):
        rows = _page(selectors.queue_rows())
        for d in rows:  # what the view set on each row for the template
            d.href = f"{href}{d.pk}/"
            d.badge = presentation.status_badge(d.status)
            d.status_label = d.get_status_display()
        ours = _same(OLD_DECLARATIONS, "{% declaration_rows items %}", rows)
        houses = selectors.valuer_house_ids(world.valuer)
        daily = _page(selectors.daily_check_for(houses))
        _same(OLD_DAILY, "{% daily_rows items %}", daily)
        entries = [
            _page(selectors.entries_for_staff(**listed))
            for listed in ({"archive_ready": True}, {"to_correct": True})
        ]
        for listed in entries:
            _same(OLD_ENTRIES, "{% entry_items items %}", listed)
        for empty in (OLD_DECLARATIONS, OLD_DAILY, OLD_ENTRIES):
            tag = {OLD_DECLARATIONS: "declaration_rows", OLD_DAILY: "daily_rows"}.get(
                empty, "entry_items"
            )
            _same(empty, f"{{% {tag} items %}}", [])
    assert len(rows) == 4  # blocked today, blocked later, expiring, plain
    assert len(daily) == 2 and [len(listed) for listed in entries] == [1, 1]
    assert 'class="table-danger"' in ours and 'class="table-warning"' in ours
    assert "<script>" not in ours and "&lt;script&gt;" in ours


def test_issue_18_the_queue_page_escapes_what_agents_typed(world, queue, client):
    client.force_login(world.valuer)
    html = client.get(reverse("customs_declarations:queue")).content.decode()
    assert "<script>alert" not in html
    assert html.count("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;Co&quot;") >= 4


def test_issue_18_every_list_on_the_queue_page_reads_its_rows_in_its_own_query(
    world, queue, client
):
    """The lists read only the columns their rows show: a row never loads one more of its own
    (a deferred column would cost a query per row), so the page's queries stay the same when
    each list holds one row more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from customs_valuation.declarations.models import ValuerTask

    def task():
        entry = file_entry(world, queue[0].supplier).entry
        ValuerTask.objects.create(
            declaration=queue[0], entry=entry, assigned_to=world.valuer, reason=HOSTILE,
            created_by=world.valuer,
        )  # fmt: skip

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("customs_declarations:queue"))
        assert response.status_code == 200
        return len(captured.captured_queries)

    client.force_login(world.valuer)
    task()
    few = queries()
    declaration(world, queue[0].supplier)
    daily = DailyCheck.objects.get()
    DailyCheckItem.objects.create(check_list=daily, declaration=queue[2], status=5)
    entries = [file_entry(world, queue[0].supplier).entry for _ in range(2)]
    Entry.objects.filter(pk=entries[0].pk).update(archive_ready_on=timezone.localdate())
    Entry.objects.filter(pk=entries[1].pk).update(correction_cause=CorrectionCause.choices[0][0])
    task()
    html = client.get(reverse("customs_declarations:queue")).content.decode()
    assert html.count("&lt;script&gt;alert") >= 2 + 5  # the two tasks' reasons, the rows
    assert queries() == few
