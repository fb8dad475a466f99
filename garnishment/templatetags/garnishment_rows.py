"""The rows of the garnishment queues' tables, written in Python (issue 18).

A page shows up to 100 rows of eight or nine cells; through template tags, filters, a `{% url %}`
and an `{% include %}` per row they took most of the page's time. Here each row is one string:
the same markup the templates wrote, every value escaped as the template would have escaped it
(a `{% translate %}` text too; a `{% blocktranslate %}` text escapes only its values), the
choices' labels read once per table, the links built from one reversed address.

    {% load garnishment_rows %}
    {% report_rows page %}  {% line_rows page %}  {% statement_rows rows %}
"""

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from garnishment.choices import OrderKind
from garnishment.lines import field_label, problem_text
from garnishment.models import Report, ReportLine
from taxportal.markup import escape_text as _e
from taxportal.queues import Labels, link
from taxportal.templatetags.money import count, day, moment, month, shekels

register = template.Library()

DASH = "—"


def _day(value) -> str:
    """`|day` for a date, without Django's date formatting (a tenth of a row's time)."""
    if type(value) is date:
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
    return day(value)


def _moment(value) -> str:
    """`|moment` for an aware datetime, in local time, without Django's date formatting."""
    if type(value) is datetime and value.tzinfo is not None:
        at = timezone.localtime(value)
        return f"{at.day:02d}/{at.month:02d}/{at.year:04d} {at.hour:02d}:{at.minute:02d}"
    return moment(value)


def _month(value) -> str:
    if type(value) is date:
        return f"{value.month:02d}/{value.year:04d}"
    return month(value)


def _or_dash(text) -> str:
    """`|default:"—"`: the dash for an empty value."""
    return _e(text) if text else DASH


@register.simple_tag
def report_rows(reports) -> SafeString:
    """The submitter's reports: month (a link to its lines), received, file and the counts."""
    href = link("garnishment:report_detail")
    processing = Labels(Report._meta.get_field("processing").flatchoices)
    badges = {Report.Processing.PENDING: "text-bg-info", Report.Processing.FAILED: "text-bg-danger"}
    rows = []
    for report in reports:
        badge = badges.get(report.processing)
        if badge:
            label = _e(processing(report.processing))
            cells = f'<td colspan="5"><span class="badge {badge}">{label}</span></td>'
        else:
            cells = (
                f'\n      <td class="num">{count(report.line_count)}</td>'
                f'<td class="num">{count(report.accepted_count)}</td>'
                f'\n      <td class="num">{count(report.withheld_count)}</td>'
                f'<td class="num">{count(report.rejected_count)}</td>'
                f'\n      <td class="num">{shekels(report.billed_total)}</td>'
            )
        rows.append(
            f'\n    <tr>\n      <th scope="row"><a href="{href(report.pk)}">'
            f"{_month(report.period)}</a></th>\n"
            f"      <td>{_moment(report.submitted_at)}</td>\n"
            f'      <td dir="ltr">{_e(report.original_name)}</td>\n'
            f"      {cells}\n    </tr>"
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value above is escaped


_LINE_BADGES = {
    ReportLine.Status.ACCEPTED: "text-bg-success",
    ReportLine.Status.WITHHELD: "text-bg-warning",
}


@register.simple_tag
def line_rows(lines) -> SafeString:
    """A report's lines: number, status, authority, order, dates, fee and why; each line with
    its authority's code and its completing line's report and number as columns
    (`views.reports.LINE_JOINED`)."""
    status = Labels(ReportLine._meta.get_field("status").flatchoices)
    kinds = Labels(ReportLine._meta.get_field("order_kind").flatchoices)
    reasons = Labels(ReportLine._meta.get_field("fee_reason").flatchoices)
    language = (get_language() or "he")[:2]
    completed = gettext("Completed by a corrected line: report #%(report)s, line %(number)s.")
    rows = []
    for line in lines:
        order = _or_dash(line.order_number)
        if line.order_kind == OrderKind.DELIVERY:
            named = line.garnishment_order_number
            order += (
                f' <span class="badge text-bg-secondary" dir="auto">'
                f"{_e(kinds(line.order_kind))}"
                f"{f' → <bdi>{_e(named)}</bdi>' if named else ''}</span>"
            )
        reason = _e(reasons(line.fee_reason))
        if line.completed_in_report is not None:  # a completing line that exists
            done = completed % {
                "report": _e(line.completed_in_report),
                "number": _e(line.completed_as_line),
            }
            why = f"{done} {reason}"
        elif line.problems:
            items = "".join(
                f"<li><strong>{_e(field_label(item['field']))}:</strong> "
                f"{_e(problem_text(item, language))}</li>"
                for item in line.problems
            )
            why = f'<ul class="list-unstyled mb-0 small">{items}</ul>'
        else:
            why = reason
        authority = line.authority_code or ""
        rows.append(
            f'\n    <tr class="line-{_e(line.status)}">\n'
            f'      <th scope="row">{_e(line.line_number)}</th>\n'
            f'      <td><span class="badge {_LINE_BADGES.get(line.status, "text-bg-danger")}">'
            f"{_e(status(line.status))}</span></td>\n"
            f"      <td><bdi>{_or_dash(authority)}</bdi></td>\n"
            f'      <td dir="ltr" class="text-nowrap">{order}</td>\n'
            f"      <td>{_or_dash(_day(line.received_on))}</td>\n"
            f'      <td class="num">{shekels(line.fee_billed)}</td>\n'
            f"      <td>{why}</td>\n"
            f"      <td>{_or_dash(_day(line.due_on))}</td>\n    </tr>"
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value above is escaped


def balance(row) -> str:
    """What is left of a statement: to pay, paid in advance or settled (GAR-9)."""
    if row.to_pay:
        return gettext("%(amount)s to pay") % {"amount": shekels(row.to_pay)}
    if row.advance:
        return gettext("%(amount)s paid in advance") % {"amount": shekels(row.advance)}
    return _e(gettext("Settled"))


@register.simple_tag
def statement_rows(rows) -> SafeString:
    """Monthly statements reconciled with their payments (`selectors.Reconciled`), with their
    parties' names as columns (`selectors.statements_for`)."""
    href = link("garnishment:statement_detail")
    out = []
    for row in rows:
        statement = row.statement
        out.append(
            f'<tr>\n    <th scope="row"><a href="{href(statement.pk)}">'
            f"{_month(statement.period)}</a></th>\n"
            f"    <td><bdi>{_e(statement.authority_name)}</bdi></td>"
            f"<td><bdi>{_e(statement.third_party_name)}</bdi></td>\n"
            f'    <td class="num">{shekels(statement.payable_amount)}</td>'
            f'<td class="num">{count(statement.withheld_count)}</td>\n'
            f"    <td>{_or_dash(_day(statement.due_on))}</td>"
            f'<td class="num">{shekels(row.paid)}</td>\n'
            f"    <td>{balance(row)}</td>\n"
            f"    <td><bdi>{_moment(statement.generated_at)}</bdi></td>\n  </tr>"
        )
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped
