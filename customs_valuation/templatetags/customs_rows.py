"""The rows of the customs queues (the valuers' declarations and commercial cases, the
officers' valuation cases), written in Python (issue 18).

Through the template engine, 25 rows of seven cells and the side lists' items cost several
milliseconds a page, more than the bare layout. Here each row is one string: the markup the
templates wrote, every value escaped as the template escaped it (a `{% translate %}` text too;
a `{% blocktranslate %}` text escapes only its values), labels read once per table, links built
from one reversed address.

    {% load customs_rows %}
    {% declaration_rows pager.items %}  {% daily_rows daily.items %}  {% entry_items pager.items %}
    {% commercial_case_rows cases.items today %}  {% commercial_entry_items entries.items %}
    {% valuation_case_rows pager.items request.GET.q %}  {% appeal_rows appeals request.GET.q %}
"""

from datetime import date

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from taxportal.markup import escape_text as _e
from taxportal.queues import Labels, link
from taxportal.queues import day as local_day
from taxportal.templatetags.money import day, shekels

from ..commercial.choices import CaseStatus
from ..declarations.choices import DeclarationStatus
from ..declarations.models import Entry
from ..declarations.presentation import status_badge

register = template.Library()


def _day(value, slow=lambda value: date_filter(value, "d/m/Y")) -> str:
    """`|date:"d/m/Y"` (or `|day`, given as `slow`) for a date, without Django's date
    formatting."""
    if type(value) is date:
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
    return slow(value)


def _body(rows: list[str], *, empty: str, columns: int) -> SafeString:
    """A table's rows, or one row saying (translated) that there are none."""
    if not rows:
        return mark_safe(f'<tr><td colspan="{columns}">{_e(empty)}</td></tr>')  # noqa: S308
    return mark_safe("".join(rows))  # noqa: S308 - every value escaped by the caller


def _list(items: list[str]) -> SafeString:
    """A list's items, or one item saying there are none."""
    if not items:
        return mark_safe(f"<li>{_e(gettext('None.'))}</li>")  # noqa: S308 - escaped
    return mark_safe("".join(items))  # noqa: S308 - every value escaped by the caller


@register.simple_tag
def declaration_rows(declarations) -> SafeString:
    """The queue's declarations: a blocked pair's row red, one about to expire yellow."""
    href = link("customs_declarations:staff_declaration")
    statuses = Labels(DeclarationStatus.choices)
    pair_blocked = gettext("Pair blocked since %(day)s")
    blocked_from = gettext("Blocked from %(day)s")
    expires = gettext("Expires %(day)s")
    rows = []
    for d in declarations:
        overdue = d.overdue == 0
        if overdue:
            shown = pair_blocked % {"day": _e(_day(d.blocked_from))}
            warning = f'<span class="fw-semibold text-danger-emphasis">{shown}</span>'
            row_class = ' class="table-danger"'
        else:
            warning = blocked_from % {"day": _e(_day(d.blocked_from))} if d.blocked_from else ""
            row_class = ' class="table-warning"' if d.expiring else ""
        if d.expiring:
            shown = expires % {"day": _e(_day(d.valid_until))}
            expiry = f'<span class="fw-semibold text-warning-emphasis">{shown}</span>'
        else:
            expiry = ""
        importer, supplier = d.importer, d.supplier
        rows.append(
            f'<tr{row_class}><th scope="row"><a href="{_e(href(d.pk))}">{d.pk}</a> '
            f"<small>{_e(d.form)}</small></th>"
            f'<td>{_e(importer.name)} <bdi class="small">{_e(importer.number)}</bdi></td>'
            f"<td>{_e(d.supplier_id)} {_e(supplier.name)} "
            f'<span class="small">({_e(supplier.status)})</span></td>'
            f"<td>{_e(d.agent.name)}</td>"
            f'<td><span class="badge {status_badge(d.status)}">{_e(d.status)}</span> '
            f"{_e(statuses(d.status))}\n</td>"
            f"<td>{_e(_day(d.entered_on))}</td><td>{warning}\n        {expiry}</td></tr>"
        )
    return _body(rows, empty=gettext("No declarations are waiting."), columns=7)


@register.simple_tag
def daily_rows(items) -> SafeString:
    """Today's 06:00 list: a declaration with three days or fewer left flagged red."""
    href = link("customs_declarations:staff_declaration")
    flag = f' <span class="badge text-bg-danger">{_e(gettext("3 days or fewer left"))}</span>'
    rows = []
    for item in items:
        day = "—" if item.day_in_count is None else _e(item.day_in_count)
        row_class, flagged = (' class="table-danger"', flag) if item.flagged else ("", "")
        rows.append(
            f'<tr{row_class}><th scope="row"><a href="{_e(href(item.declaration_id))}">'
            f"{_e(item.declaration_id)}</a></th>"
            f"<td>{_e(item.declaration.importer.name)}</td><td>{_e(item.status)}</td>"
            f"<td>{day}{flagged}</td></tr>"
        )
    return _body(rows, empty=gettext("Nothing in today's list."), columns=4)


@register.simple_tag
def entry_items(entries) -> SafeString:
    """Entries to archive or to correct, one item each."""
    href = link("customs_declarations:staff_entry")
    causes = Labels(Entry._meta.get_field("correction_cause").flatchoices)
    supplier = _e(gettext("supplier"))
    items = []
    for entry in entries:
        cause = f" · {_e(causes(entry.correction_cause))}" if entry.correction_cause else ""
        items.append(
            f'<li><a href="{_e(href(entry.number))}">{_e(entry.number)}</a> · '
            f"{_e(entry.importer.name)} · {supplier} {_e(entry.supplier_id)} · "
            f"{_e(entry.customs_house)}{cause}</li>"
        )
    return _list(items)


@register.simple_tag
def commercial_case_rows(cases, today: date) -> SafeString:
    """The open commercial cases: the nearest documents' due date red once it has passed."""
    href = link("customs_commercial:case")
    statuses = Labels(CaseStatus.choices)
    rows = []
    for case in cases:
        entry, due = case.entry, case.next_due
        if due:
            late = ' class="text-danger"' if due < today else ""
            shown = f"<span{late}>{_e(_day(due, day))}</span>"
        else:
            shown = "—"
        rows.append(
            f'<tr><td><a href="{_e(href(case.pk))}">{_e(entry.number)}</a></td>'
            f"<td><bdi>{_e(entry.importer.name)}</bdi></td>"
            f'<td data-status="{_e(case.status)}">{_e(statuses(case.status))}</td>'
            f"<td>{shown}</td></tr>"
        )
    return _body(rows, empty=gettext("No open cases."), columns=4)


@register.simple_tag
def commercial_entry_items(entries) -> SafeString:
    """The entries to verify, one item each (a link to open the entry's case)."""
    href = link("customs_commercial:entry_open")
    thorough = f" · {_e(gettext('thorough examination'))}"
    items = []
    for entry in entries:
        items.append(
            f'<li><a href="{_e(href(entry.number))}">{_e(entry.number)}</a> · '
            f"<bdi>{_e(entry.importer.name)}</bdi> · "
            f"<bdi>{_e(shekels(entry.goods_value))} {_e(entry.currency)}</bdi>"
            f"{thorough if entry.thorough_examination else ''}</li>"
        )
    return _list(items)


@register.simple_tag
def valuation_case_rows(rows, searched="") -> SafeString:
    """The officers' queue (selectors.QueueRow): a row with warnings or a passed deadline
    stands out; the empty table says whether a search found nothing."""
    passed = f' <span class="badge text-bg-danger">{_e(gettext("passed"))}</span>'
    shown = []
    for row in rows:
        case = row.case
        if row.deadline:
            deadline = (
                f'<strong class="text-nowrap">{_e(_day(row.deadline))}</strong>'
                f"{passed if row.overdue else ''}"
                f'<div class="small">{_e(row.deadline_label)}</div>'
            )
        else:
            deadline = "—"
        warnings = "".join(
            f'<div class="text-danger-emphasis fw-semibold">⚠ {_e(warning)}</div>'
            for warning in row.warnings
        )
        if row.warnings or row.overdue:
            row_class, emphasis = ' class="table-warning"', ' class="link-body-emphasis"'
        else:
            row_class = emphasis = ""
        shown.append(
            f'<tr{row_class}><th scope="row"><a href="{_e(row.href)}"{emphasis}>'
            f'<bdi class="text-nowrap">{_e(case.reference)}</bdi></a></th>'
            f"<td>{deadline}</td><td>{_e(row.status_label)}</td>"
            f"<td><bdi>{_e(case.importer_name or case.importer_national_id)}</bdi></td>"
            f"<td>{_e(row.kind_label)}: <bdi>{_e(case.subject or '—')}</bdi></td>"
            f"<td>{warnings}</td></tr>"
        )
    searched_for = gettext("No case matches the search.") if searched else ""
    return _body(shown, empty=searched_for or gettext("No cases are waiting."), columns=6)


@register.simple_tag
def appeal_rows(appeals, searched="") -> SafeString:
    """CUS-12: the appeals waiting for the committee, each with its case and the decision's
    form; the empty table says whether a search found nothing."""
    case_href = link("customs_valuation:case")
    decide_href = link("customs_valuation:case_action", "appeal_decision")
    decide = _e(gettext("Committee decision"))
    rows = []
    for appeal in appeals:
        case = appeal.case
        rows.append(
            f'<tr><th scope="row"><a href="{_e(case_href(appeal.case_id))}">'
            f'<bdi class="text-nowrap">{_e(case.reference)}</bdi></a></th>'
            f'<td class="text-nowrap">{_e(local_day(appeal.forwarded_at))}</td>'
            f"<td><bdi>{_e(case.importer_name or case.importer_national_id)}</bdi></td>"
            f"<td><bdi>{_e(case.subject)}</bdi></td>"
            f'<td class="text-nowrap">{_e(local_day(appeal.filed_at))}</td>'
            f'<td><a class="btn btn-sm btn-primary" href="{_e(decide_href(appeal.case_id))}">'
            f"{decide}</a></td></tr>"
        )
    searched_for = gettext("No appeal matches the search.") if searched else ""
    return _body(rows, empty=searched_for or gettext("No appeal is waiting."), columns=6)
