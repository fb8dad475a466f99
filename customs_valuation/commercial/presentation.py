"""What people read of part 2.2: notification texts for the agent (CUS-56), the notices as Hebrew
documents (CUS-80, CUS-83), the case history's wording. Texts are codes and parameters,
rendered in the reader's language."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..declarations.choices import NotificationKind
from .choices import AuditAction, CreditNoteStatus, Method, NoticeKind, RequestItem


def notification_text(notice) -> str | None:
    """The text of a part 2.2 notification, or None when it is not one."""
    params = notice.params or {}
    entry = notice.entry.number if notice.entry_id else ""
    if notice.kind == NotificationKind.DOCUMENTS_REQUESTED and "request" in params:
        items = ", ".join(
            f"({code})" for code in params.get("items", []) if code in RequestItem.values
        )
        return _("Entry %(entry)s: documents asked for %(items)s, due %(due)s.") % {
            "entry": entry,
            "items": items,
            "due": params.get("due_on", ""),
        }
    if notice.kind == NotificationKind.VALUATION_NOTICE and "notice" in params:
        kind = params.get("notice_kind")
        label = NoticeKind(kind).label if kind in NoticeKind.values else kind
        method = params.get("method")
        if method in Method.values:
            return _("Entry %(entry)s: %(notice)s — %(method)s.") % {
                "entry": entry,
                "notice": label,
                "method": Method(method).label,
            }
        return _("Entry %(entry)s: %(notice)s.") % {"entry": entry, "notice": label}
    if notice.kind == NotificationKind.VALUATION_NOTICE and "credit_note" in params:
        status = params.get("status")
        label = CreditNoteStatus(status).label if status in CreditNoteStatus.values else status
        return _("Credit note %(number)s: %(status)s.") % {
            "number": params["credit_note"],
            "status": label,
        }
    return None


def action_label(action: str) -> str:
    return str(AuditAction(action).label) if action in AuditAction.values else action


def short_date(value) -> str:
    return date_format(value, "d/m/Y") if value else ""
