"""The queues' rows as the pages show them: every text of a row prepared once in Python (labels
translated once a page, links from one reversed pattern), so that a page costs the same few
milliseconds whatever it shows (taxportal.queues)."""

from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from taxportal.markup import escape_text as _e
from taxportal.queues import Labels, day, link

from ..choices import ApplicationChannel, ApplicationKind, ApplicationStatus, EligibilityGround
from ..selectors import QueueRow


@dataclass(frozen=True)
class ShownCase:
    url: str
    case: str
    days: str
    overdue: bool
    status: str
    info_note: str
    name: str
    national_id: str
    received: str
    due: str
    ground: str
    sent: str
    documents: int
    online: str


def shown_cases(rows: list[QueueRow], *, viewname: str) -> list[ShownCase]:
    """BADGE-8, BADGE-10: each open case with the days left of the 90 (or how far past them)
    and, when the "more information by" date passed, the clerk's cue to extend or close."""
    kinds, statuses = Labels(ApplicationKind.choices), Labels(ApplicationStatus.choices)
    grounds, url = Labels(EligibilityGround.choices), link(viewname)
    channels = Labels(ApplicationChannel.choices)
    shown = []
    for row in rows:
        case = row.application
        shown.append(
            ShownCase(
                url=url(case.pk),
                case=f"{kinds(case.kind)} #{case.pk}",
                days=_("Overdue by %(days)s days") % {"days": row.days_overdue}
                if row.overdue
                else str(row.days_left),
                overdue=row.overdue,
                status=statuses(case.status),
                info_note=_("Information was due by %(date)s: extend or close")
                % {"date": day(case.info_due_on)}
                if row.info_overdue
                else "",
                name=case.person.full_name,
                national_id=case.person.national_id,
                received=day(case.material_received_on),
                due=day(row.due_on),
                ground=grounds(case.ground),
                sent=day(case.sent_to_doctor_on),
                # annotated by selectors.queues (_with_document_count)
                documents=case.document_count,  # type: ignore[attr-defined]
                online=channels(case.channel) if case.channel == ApplicationChannel.ONLINE else "",
            )
        )
    return shown


# The rows' markup, written here rather than by a {% for %} in the template: 25 rows of seven
# cells through the template engine cost about a millisecond a page, a third of the bare layout
# (docs/performance.md). Written as f-strings, every value escaped by `escape_text`: through
# `format_html` (a `str.format` and a `conditional_escape` per cell) the clerks' rows took half a
# millisecond (issue 18); tests/parking_badges/test_queue_rows.py compares them with it.


def row_start(overdue: bool) -> str:
    """A row's opening tag, marked on an overdue row."""
    return '<tr class="table-danger">' if overdue else "<tr>"


def row_link(url: str, text, *, overdue: bool) -> str:
    """A row's link to its page, emphasised on an overdue row."""
    emphasis = ' class="link-body-emphasis"' if overdue else ""
    return f'<a href="{_e(url)}"{emphasis}>{_e(text)}</a>'


def _days(row: ShownCase) -> str:
    return f"<strong>{_e(row.days)}</strong>" if row.overdue else _e(row.days)


def clerk_rows_html(shown: list[ShownCase]) -> SafeString:
    """The clerks' queue's rows (queue.html)."""
    rows = []
    for row in shown:
        info = (
            f' <strong class="text-danger-emphasis">{_e(row.info_note)}</strong>'
            if row.info_note
            else ""
        )
        online = (
            '<br><span class="badge text-bg-info" data-testid="came-online">'
            f"{_e(row.online)}</span>"
            if row.online
            else ""
        )
        rows.append(
            f'{row_start(row.overdue)}<th scope="row">'
            f"{row_link(row.url, row.case, overdue=row.overdue)}</th><td>{_days(row)}</td>"
            f"<td>{_e(row.status)}{info}</td><td><bdi>{_e(row.name)}</bdi></td>"
            f'<td class="ltr">{_e(row.national_id)}</td>'
            f'<td class="text-nowrap">{_e(row.received)}{online}</td>'
            f'<td class="text-nowrap">{_e(row.due)}</td><td>{_e(row.documents)}</td></tr>'
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value above is escaped


def doctor_rows_html(shown: list[ShownCase]) -> SafeString:
    """The doctor's queue's rows (doctor_queue.html)."""
    return mark_safe(  # noqa: S308 - every value below is escaped
        "".join(
            f'{row_start(row.overdue)}<th scope="row">'
            f"{row_link(row.url, row.case, overdue=row.overdue)}</th><td>{_days(row)}</td>"
            f"<td><bdi>{_e(row.name)}</bdi></td><td>{_e(row.ground)}</td>"
            f'<td class="text-nowrap">{_e(row.sent)}</td>'
            f'<td class="text-nowrap">{_e(row.due)}</td><td>{_e(row.documents)}</td></tr>'
            for row in shown
        )
    )
