"""Declaration codes (CUS-27) through the transition table, under a row lock: the valuer's check
with its findings (CUS-28(a), CUS-41, CUS-42), cancellation by the valuation unit (9), expiry
(12, CUS-49), and what follows each code: the 21-day count, blocks, the agent's view (CUS-45)
and notifications (CUS-56)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taxportal.models import User
from taxportal.texts import Said

from .. import rules, selectors
from ..choices import ActorKind, AuditAction, BlockEnd, BlockKind, CorrectionCause, NotificationKind
from ..choices import DeclarationForm as F
from ..choices import DeclarationStatus as D
from ..models import (
    CustomsHouse,
    DeclarationFinding,
    DeclarationStatusChange,
    Entry,
    ImporterDeclaration,
    Supplier,
)
from . import blocks
from .common import NotAllowed, audit, notify, policy_on, require_staff, start_of, today

SUPPLIER_FIRST = {
    "supplier_unchecked": gettext_lazy(
        "Check the supplier first: while its status is 1, 3 or 11 only code 8 may be set."
    ),
    "supplier_wrong": gettext_lazy(
        "The supplier is wrong (9): set the one of 5 to 8 that tells the agent what to fix."
    ),
}


def lock(declaration: ImporterDeclaration) -> ImporterDeclaration:
    locked = ImporterDeclaration.objects.select_for_update().get(pk=declaration.pk)
    if locked.closed_at is not None:
        raise NotAllowed(_("This declaration was replaced by a new one."))
    return locked


def set_status(
    declaration: ImporterDeclaration,
    *,
    new: int,
    actor_kind: str,
    actor: User | None,
    reason: str | Said,
    house: CustomsHouse | None = None,
) -> None:
    """Apply one code to a locked declaration, and everything that follows from it."""
    previous, now, day = declaration.status, timezone.now(), today()
    if not rules.may_set_declaration_status(actor_kind, previous, new):
        raise NotAllowed(
            _("Declaration status %(new)s cannot be set by %(who)s while it is %(old)s.")
            % {"new": new, "who": ActorKind(actor_kind).label, "old": previous}
        )
    declaration.status, declaration.status_reason, declaration.status_set_at = new, reason, now
    if actor_kind in rules.STAFF:
        declaration.last_valuer = actor
        declaration.checked_at = house or declaration.checked_at
    # CUS-28(b): day 0 is the first 3, 5, 6, 7 or 8 of this handling; 2 ends the handling.
    if new == D.APPROVED or new in rules.FINAL:
        declaration.count_started_on = declaration.blocked_from = None
    elif declaration.count_started_on is None and new in rules.COUNTING:
        declaration.count_started_on = day
        days = policy_on(day).correction_days
        declaration.blocked_from = rules.blocked_from(day, days)
    # CUS-45: the agent sees 4 as 2, dated when 4 was set; 4 -> 2 sends nothing.
    sent = None
    if not (previous == D.PRICE_SUSPECTED and new == D.APPROVED):
        sent = rules.status_shown_to_agent(new)
        declaration.agent_status, declaration.agent_status_at = sent, now
        declaration.agent_reason = "" if new == D.PRICE_SUSPECTED else reason
    declaration.save()
    DeclarationStatusChange.objects.create(
        declaration=declaration,
        from_status=previous,
        to_status=new,
        sent_to_agent=sent,
        actor_kind=actor_kind,
        actor=actor,
        reason=reason,
    )
    audit(
        actor=actor,
        action=AuditAction.DECLARATION_STATUS,
        target=declaration,
        reason=reason,
        status_from=previous,
        status_to=new,
        by=actor_kind,
    )
    if sent is not None and (actor_kind != ActorKind.SYSTEM or new == D.EXPIRED):
        notify(
            [declaration.agent_id],
            kind=NotificationKind.DECLARATION_STATUS,
            declaration=declaration,
            reason=declaration.agent_reason,
            params={"status": sent},
        )
    _consequences(declaration, new)


def _consequences(declaration: ImporterDeclaration, new: int) -> None:
    if new == D.APPROVED:
        blocks.end_declaration_blocks(declaration, ended_by=BlockEnd.DECLARATION_APPROVED)
    elif new in rules.FINAL:
        ended_by = (
            BlockEnd.DECLARATION_CANCELLED if new == D.CANCELLED else BlockEnd.DECLARATION_EXPIRED
        )
        blocks.end_declaration_blocks(declaration, ended_by=ended_by)
        supplier = declaration.supplier
        if (
            declaration.form == F.ANNUAL
            and supplier.cancelled_at is None
            and not selectors.pair_has_valid_annual(declaration.importer_id, supplier.pk)
        ):
            blocks.block_start(
                kind=BlockKind.NO_DECLARATION,
                importer=declaration.importer,
                supplier=supplier,
                declaration=declaration,
                cause=blocks.no_declaration_cause(declaration.importer, supplier),
            )
    elif new == D.INVOICE_MISMATCH:
        # CUS-44: entries filed with this declaration's data wait for an entry correction.
        Entry.objects.filter(declaration=declaration, released_at__isnull=True).update(
            correction_cause=CorrectionCause.NEW_DECLARATION
        )
        notify(
            [declaration.agent_id],
            kind=NotificationKind.NEW_DECLARATION_NEEDED,
            declaration=declaration,
        )


def _clean_findings(findings, supplier_status: int, chamber: bool) -> list[tuple[int, str]]:
    cleaned, errors = [], []
    for code, reason in findings:
        code, reason = int(code), (reason or "").strip()
        if code not in rules.PROBLEMS:
            errors.append(_("Code %(code)s is not a problem a valuer records.") % {"code": code})
        elif not reason:
            errors.append(_("Give the reason for code %(code)s.") % {"code": code})
        elif supplier_status in rules.SUPPLIER_UNCHECKED and code != D.ORIGINAL_MISSING:
            errors.append(str(SUPPLIER_FIRST["supplier_unchecked"]))
        elif code == D.NOT_SIGNED and chamber:
            errors.append(_("Entries produced at the Chamber of Commerce need no signature (7)."))
        cleaned.append((code, reason))
    codes = [code for code, _reason in cleaned]
    if len(set(codes)) != len(codes):
        errors.append(_("Record each problem once."))
    if D.ORIGINAL_MISSING in codes and len(codes) > 1:
        errors.append(
            _("While the original is missing (8) the content is not checked: record only 8.")
        )
    if errors:
        raise ValidationError({"findings": list(dict.fromkeys(str(e) for e in errors))})
    return cleaned


@transaction.atomic
def declaration_check(
    *,
    actor: User,
    declaration: ImporterDeclaration,
    findings: list[tuple[int, str]],
    reason: str = "",
    house: CustomsHouse | None = None,
    original_received: bool = False,
) -> ImporterDeclaration:
    """The valuer's check: every problem found is recorded with its reason; the first by the
    priority 8, 7, 6, 5, 4, 10 is sent; none found approves (2). Findings not listed again are
    resolved."""
    kind = require_staff(actor)
    locked = lock(declaration)
    supplier = Supplier.objects.select_for_update().get(pk=locked.supplier_id)
    locked.supplier = supplier
    cleaned = _clean_findings(findings, supplier.status, locked.agent.is_chamber_of_commerce)
    new = rules.first_problem(code for code, _reason in cleaned) or D.APPROVED
    refused = rules.supplier_first_refusal(new, supplier.status)
    if refused:
        raise ValidationError({"findings": SUPPLIER_FIRST[refused]})
    if not rules.may_set_declaration_status(kind, locked.status, new):
        raise ValidationError(
            {
                "findings": _("Code %(new)s cannot be set while the declaration is %(old)s.")
                % {"new": new, "old": locked.status}
            }
        )
    now = timezone.now()
    reasons = dict(cleaned)
    open_findings = {f.code: f for f in locked.findings.filter(resolved_at__isnull=True)}
    for code, finding in open_findings.items():
        if code not in reasons:
            finding.resolved_at = now
            finding.save(update_fields=["resolved_at"])
        elif finding.reason != reasons[code]:
            finding.reason = reasons[code]
            finding.save(update_fields=["reason"])
    for code, text in cleaned:
        if code not in open_findings:
            open_findings[code] = DeclarationFinding.objects.create(
                declaration=locked, code=code, reason=text, recorded_by=actor
            )
    if new in reasons:
        open_findings[new].sent_at = now
        open_findings[new].save(update_fields=["sent_at"])
        reason = reasons[new]
    if original_received and locked.original_received_at is None:
        locked.original_received_at = now
        audit(actor=actor, action=AuditAction.ORIGINAL_RECEIVED, target=locked)
    set_status(
        locked,
        new=new,
        actor_kind=kind,
        actor=actor,
        reason=(reason or "").strip(),
        house=house or selectors.first_house(actor),
    )
    return locked


@transaction.atomic
def declaration_cancel(*, actor: User, declaration: ImporterDeclaration, reason: str):
    """Code 9, valuation-unit staff only, with a reason; final (CUS-27, CUS-52)."""
    require_staff(actor, unit=True)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for this status.")})
    locked = lock(declaration)
    set_status(locked, new=D.CANCELLED, actor_kind=ActorKind.UNIT, actor=actor, reason=reason)
    return locked


def expiry_reason(entered_on: date) -> str:
    return _("Expired: 12 months since %(date)s without approval.") % {
        "date": date_format(entered_on, "d/m/Y")
    }


def declarations_expire(day: date | None = None) -> int:
    """Daily (CUS-49): 12 on every declaration not at 2 or 9 whose 12 months have ended."""
    day = day or today()
    count = 0
    for pk in selectors.declarations_to_expire(day):
        with transaction.atomic():
            locked = ImporterDeclaration.objects.select_for_update().get(pk=pk)
            if locked.status in {D.APPROVED, *rules.FINAL} or locked.valid_until > day:
                continue
            set_status(
                locked,
                new=D.EXPIRED,
                actor_kind=ActorKind.SYSTEM,
                actor=None,
                reason=expiry_reason(locked.entered_on),
            )
            count += 1
    return count


def corrections_block_overdue(day: date | None = None) -> int:
    """Daily at 00:00 (CUS-28(b)): block the pairs whose correction is overdue. Filing checks the
    same rule at the moment of filing, so this only writes the rows on time."""
    day = day or today()
    count = 0
    for declaration in selectors.declarations_overdue(day):
        assert declaration.blocked_from is not None  # selected by blocked_from__lte
        with transaction.atomic():
            blocks.block_start(
                kind=BlockKind.CORRECTION_OVERDUE,
                importer=declaration.importer,
                supplier=declaration.supplier,
                declaration=declaration,
                cause=blocks.overdue_cause(declaration),
                started_at=start_of(declaration.blocked_from),
            )
            count += 1
    return count


@transaction.atomic
def documents_request(*, actor: User, declaration: ImporterDeclaration, reason: str) -> None:
    """CUS-56: the valuer asks the agent for documents (an invoice, a scan); the agent answers by
    uploading them."""
    require_staff(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say which documents are needed.")})
    locked = lock(declaration)
    audit(actor=actor, action=AuditAction.DOCUMENTS_REQUESTED, target=locked, reason=reason)
    notify(
        [locked.agent_id],
        kind=NotificationKind.DOCUMENTS_REQUESTED,
        declaration=locked,
        reason=reason,
    )
