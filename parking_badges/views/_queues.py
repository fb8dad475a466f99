"""The queues' rows as the pages show them: every text of a row prepared once in Python (labels
translated once a page, links from one reversed pattern), so that a page costs the same few
milliseconds whatever it shows (taxportal.queues)."""

from dataclasses import dataclass

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
