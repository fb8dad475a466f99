"""The queues' rows as the pages show them: every text of a row prepared once in Python (labels
translated once a page, links from one reversed pattern), so that a page costs the same few
milliseconds whatever it shows (taxportal.queues)."""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

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
# (docs/performance.md). Every value is escaped by format_html.


def row_class(overdue: bool) -> SafeString:
    return SafeString(' class="table-danger"' if overdue else "")


def row_link(url: str, text, *, overdue: bool) -> SafeString:
    """A row's link to its page, emphasised on an overdue row."""
    if overdue:
        return format_html('<a href="{}" class="link-body-emphasis">{}</a>', url, text)
    return format_html('<a href="{}">{}</a>', url, text)


def _days(row: ShownCase) -> SafeString:
    return format_html("<strong>{}</strong>" if row.overdue else "{}", row.days)


def clerk_rows_html(shown: list[ShownCase]) -> SafeString:
    """The clerks' queue's rows (queue.html)."""
    return format_html_join(
        "",
        '<tr{}><th scope="row">{}</th><td>{}</td><td>{}{}</td><td><bdi>{}</bdi></td>'
        '<td class="ltr">{}</td><td class="text-nowrap">{}{}</td><td class="text-nowrap">{}</td>'
        "<td>{}</td></tr>",
        (
            (
                row_class(row.overdue),
                row_link(row.url, row.case, overdue=row.overdue),
                _days(row),
                row.status,
                format_html(' <strong class="text-danger-emphasis">{}</strong>', row.info_note)
                if row.info_note
                else "",
                row.name,
                row.national_id,
                row.received,
                format_html(
                    '<br><span class="badge text-bg-info" data-testid="came-online">{}</span>',
                    row.online,
                )
                if row.online
                else "",
                row.due,
                row.documents,
            )
            for row in shown
        ),
    )


def doctor_rows_html(shown: list[ShownCase]) -> SafeString:
    """The doctor's queue's rows (doctor_queue.html)."""
    return format_html_join(
        "",
        '<tr{}><th scope="row">{}</th><td>{}</td><td><bdi>{}</bdi></td><td>{}</td>'
        '<td class="text-nowrap">{}</td><td class="text-nowrap">{}</td><td>{}</td></tr>',
        (
            (
                row_class(row.overdue),
                row_link(row.url, row.case, overdue=row.overdue),
                _days(row),
                row.name,
                row.ground,
                row.sent,
                row.due,
                row.documents,
            )
            for row in shown
        ),
    )
