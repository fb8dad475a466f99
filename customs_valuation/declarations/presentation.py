"""What an agent or a person reads about a block, a notification or a declaration: the texts
rendered in the reader's language, for the pages and the API alike."""

from datetime import timedelta

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from . import rules
from .choices import BlockKind, DeclarationStatus, NotificationKind, SupplierStatus
from .models import AgentNotification, Block, ImporterDeclaration


def block_lifted_by(block: Block) -> str:
    """CUS-51: what ends the block (never a person lifting it)."""
    if block.kind == BlockKind.NO_DECLARATION:
        return _("Entering an annual declaration (form 138) for the importer and supplier.")
    if block.kind == BlockKind.CORRECTION_OVERDUE:
        assert block.declaration is not None  # such a block names its declaration
        if block.declaration.count_started_on is None:  # approved since: as written then
            return str(block.cause)
        return _(
            "Approval of declaration %(n)s (status 2); if it is cancelled (9) or expires (12), "
            "a new declaration."
        ) % {"n": block.declaration_id}
    return _("The valuer changing supplier %(n)s's status from 9 (wrong).") % {
        "n": block.supplier_id
    }


def block_cause(block: Block) -> str:
    """The cause in the reader's language (the row keeps the text written when it started)."""
    if block.kind == BlockKind.NO_DECLARATION:
        assert block.importer is not None  # such a block names its importer
        return _("Importer %(importer)s has no valid declaration for supplier %(supplier)s.") % {
            "importer": block.importer.number,
            "supplier": block.supplier_id,
        }
    if block.kind == BlockKind.CORRECTION_OVERDUE:
        assert block.declaration is not None  # such a block names its declaration
        if block.declaration.count_started_on is None:  # approved since: as written then
            return str(block.cause)
        return _(
            "Declaration %(number)s was not corrected and approved within the days allowed "
            "(day 0: %(day0)s)."
        ) % {"number": block.declaration_id, "day0": block.declaration.count_started_on}
    return _("Supplier %(supplier)s has status 9, wrong.") % {"supplier": block.supplier_id}


def block_answer(block: Block) -> dict:
    return {
        "id": block.pk,
        "kind": block.kind,
        "kind_text": block.get_kind_display(),
        "importer": block.importer.number if block.importer is not None else None,
        "supplier": block.supplier_id,
        "declaration": block.declaration_id,
        "since": localtime(block.started_at).isoformat(),
        "cause": block_cause(block),
        "lifted_by": block_lifted_by(block),
        "ended_at": localtime(block.ended_at).isoformat() if block.ended_at else None,
        "ended_by": block.get_ended_by_display() if block.ended_by else "",
    }


def _status_text(model, code) -> str:
    return f"{code} {model(code).label}" if code in model.values else str(code)


def notification_text(notice: AgentNotification) -> str:
    params = notice.params or {}
    kind = notice.kind
    if kind in {NotificationKind.DOCUMENTS_REQUESTED, NotificationKind.VALUATION_NOTICE}:
        from ..commercial.presentation import notification_text as commercial_text  # part 2.2

        text = commercial_text(notice)
        if text is not None:
            return text
    if kind == NotificationKind.DECLARATION_STATUS:
        return _("Declaration %(n)s: status %(status)s.") % {
            "n": notice.declaration_id,
            "status": _status_text(DeclarationStatus, params.get("status")),
        }
    if kind == NotificationKind.SUPPLIER_STATUS:
        return _("Supplier %(n)s: status %(status)s.") % {
            "n": notice.supplier_id,
            "status": _status_text(SupplierStatus, params.get("status")),
        }
    if kind in {NotificationKind.BLOCK_STARTED, NotificationKind.BLOCK_ENDED}:
        block = notice.block
        assert block is not None  # a block's notices name it
        template = (
            _("Blocked from %(since)s: %(kind)s, supplier %(supplier)s. Lifted by: %(lift)s")
            if kind == NotificationKind.BLOCK_STARTED
            else _("Block ended: %(kind)s, supplier %(supplier)s.")
        )
        return template % {
            "since": date_format(localtime(block.started_at), "d/m/Y H:i"),
            "kind": block.get_kind_display(),
            "supplier": block.supplier_id,
            "lift": block_lifted_by(block),
        }
    if kind == NotificationKind.SUPPLIER_CANCELLED:
        return _("Supplier %(n)s was cancelled; its declarations are cancelled (9).") % {
            "n": params.get("supplier")
        }
    if kind == NotificationKind.SUPPLIER_MERGED:
        return _("Supplier numbers %(old)s were merged into %(new)s: use %(new)s.") % {
            "old": ", ".join(str(n) for n in params.get("merged", [])),
            "new": params.get("survivor"),
        }
    if kind == NotificationKind.NEW_DECLARATION_NEEDED:
        return _(
            "Declaration %(n)s does not match the supplier invoice: ask the importer for a new "
            "signed declaration and enter it as a new declaration."
        ) % {"n": notice.declaration_id}
    return str(NotificationKind(kind).label)


def agent_view(declaration: ImporterDeclaration) -> dict:
    """CUS-45: what the agent sees of a declaration's status (4 as 2; 4's reason hidden) and, while
    the 21 days run, the last day to have it approved."""
    shown = declaration.agent_status
    approve_by, at = None, declaration.agent_status_at
    if shown in rules.COUNTING and declaration.blocked_from:
        approve_by = declaration.blocked_from - timedelta(days=1)
    return {
        "status": shown,
        "status_text": DeclarationStatus(shown).label,
        "status_at": localtime(at) if at else None,
        "reason": str(declaration.agent_reason),
        "approve_by": approve_by,
    }


def status_badge(code: int) -> str:
    """The badge of a status code, as `_status.html` colours it (for a queue's rows, where an
    include per row cost more than the rest of the row)."""
    if code in (DeclarationStatus.APPROVED, DeclarationStatus.EXPIRED):
        return "text-bg-success"
    if code == DeclarationStatus.CANCELLED:
        return "text-bg-danger"
    if code in (
        DeclarationStatus.NOT_HANDLED,
        DeclarationStatus.CORRECTION_AWAITING,
        DeclarationStatus.MISC_CORRECTION_AWAITING,
    ):
        return "text-bg-secondary"
    return "text-bg-warning"
