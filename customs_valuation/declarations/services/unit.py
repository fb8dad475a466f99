"""The valuation unit's control (CUS-52 to CUS-55): cancel and merge suppliers, and send back to
the valuer a mismatch they missed."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taxportal.models import User
from taxportal.texts import said

from .. import rules, selectors
from ..choices import ActorKind, AuditAction, BlockEnd, CorrectionCause, NotificationKind
from ..choices import DeclarationStatus as D
from ..models import Block, CustomsHouseStaff, Entry, ImporterDeclaration, Supplier, ValuerTask
from ..models.blocks import ACTIVE
from . import blocks
from .common import NotAllowed, audit, notify, require_staff
from .status import set_status


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason.")})
    return reason


def _list_entries(supplier_ids, cause: CorrectionCause) -> int:
    """Entries naming the suppliers, not archived, listed for an entry correction."""
    return Entry.objects.filter(supplier_id__in=supplier_ids, archived_at__isnull=True).update(
        correction_cause=cause
    )


@transaction.atomic
def supplier_cancel(*, actor: User, supplier: Supplier, reason: str) -> Supplier:
    """CUS-53: every declaration naming it gets 9 ("supplier cancelled"); its entries are listed
    for correction; every customs agent is notified."""
    require_staff(actor, unit=True)
    reason = _reason(reason)
    locked = Supplier.objects.select_for_update().get(pk=supplier.pk)
    if locked.cancelled_at or locked.merged_into_id:
        raise NotAllowed(_("This supplier was already cancelled or merged."))
    locked.cancelled_at = timezone.now()
    locked.save(update_fields=["cancelled_at"])
    audit(actor=actor, action=AuditAction.SUPPLIER_CANCELLED, target=locked, reason=reason)
    cancelled = said(gettext_noop("Supplier cancelled: %(reason)s"), reason=reason)
    for declaration in (
        ImporterDeclaration.objects.select_for_update()
        .filter(supplier=locked, closed_at__isnull=True)
        .exclude(status__in=rules.FINAL)
    ):
        declaration.supplier = locked
        set_status(
            declaration, new=D.CANCELLED, actor_kind=ActorKind.UNIT, actor=actor, reason=cancelled
        )
    blocks.blocks_end(
        list(Block.objects.select_for_update().filter(ACTIVE, supplier=locked)),
        ended_by=BlockEnd.SUPPLIER_CANCELLED,
    )
    listed = _list_entries([locked.pk], CorrectionCause.SUPPLIER_CANCELLED)
    notify(
        selectors.all_agents(),
        kind=NotificationKind.SUPPLIER_CANCELLED,
        supplier=locked,
        reason=reason,
        params={"supplier": locked.pk, "entries_to_correct": listed},
    )
    return locked


@transaction.atomic
def suppliers_merge(
    *, actor: User, survivor: Supplier, merged: list[Supplier], reason: str
) -> Supplier:
    """CUS-54: the merged numbers become aliases of the survivor (which keeps its status); their
    declarations and blocks move to it; their entries are listed for correction; every customs
    agent is notified of the change of number."""
    require_staff(actor, unit=True)
    reason = _reason(reason)
    ids = sorted({s.pk for s in merged} - {survivor.pk})
    if not ids:
        raise ValidationError({"merged": _("Choose the suppliers to merge into the survivor.")})
    locked = {
        s.pk: s for s in Supplier.objects.select_for_update().filter(pk__in=[survivor.pk, *ids])
    }
    if (
        any(s.cancelled_at or s.merged_into_id for s in locked.values())
        or len(locked) != len(ids) + 1
    ):
        raise ValidationError({"merged": _("Only suppliers not cancelled or merged are merged.")})
    keep = locked[survivor.pk]
    Supplier.objects.filter(pk__in=ids).update(merged_into=keep)
    moved = ImporterDeclaration.objects.filter(supplier_id__in=ids).update(supplier=keep)
    for block in Block.objects.select_for_update().filter(ACTIVE, supplier_id__in=ids):
        clash = Block.objects.filter(
            ACTIVE,
            kind=block.kind,
            supplier=keep,
            # Stub gap: Django reads `=None` as IS NULL.
            importer_id=block.importer_id,  # type: ignore[misc]
        ).exists()
        if block.importer_id is None or clash:
            blocks.blocks_end([block], ended_by=BlockEnd.SUPPLIER_MERGED)
        else:
            block.supplier = keep
            block.save(update_fields=["supplier"])
    listed = _list_entries(ids, CorrectionCause.SUPPLIER_MERGED)
    for pk in ids:
        audit(
            actor=actor,
            action=AuditAction.SUPPLIER_MERGED,
            target=locked[pk],
            reason=reason,
            survivor=keep.pk,
            declarations_moved=moved,
            entries_to_correct=listed,
        )
    notify(
        selectors.all_agents(),
        kind=NotificationKind.SUPPLIER_MERGED,
        supplier=keep,
        reason=reason,
        params={"merged": ids, "survivor": keep.pk},
    )
    return keep


@transaction.atomic
def return_to_valuer(
    *, actor: User, declaration: ImporterDeclaration, reason: str, entry: Entry | None = None
) -> ValuerTask:
    """CUS-55: to the valuer who set the declaration's last status, or to the customs house's
    queue when that valuer no longer works there."""
    require_staff(actor, unit=True)
    reason = _reason(reason)
    valuer, house = declaration.last_valuer, declaration.checked_at
    still_there = (
        valuer is not None
        and house is not None
        and any(
            post.active_on(timezone.localdate())
            for post in CustomsHouseStaff.objects.filter(user=valuer, customs_house=house)
        )
    )
    task = ValuerTask.objects.create(
        declaration=declaration,
        entry=entry,
        assigned_to=valuer if still_there else None,
        customs_house=house,
        reason=reason,
        created_by=actor,
    )
    audit(
        actor=actor,
        action=AuditAction.RETURNED_TO_VALUER,
        target=declaration,
        reason=reason,
        valuer=task.assigned_to_id,
        house=house.pk if house else None,
        entry=entry.number if entry else None,
    )
    return task


@transaction.atomic
def valuer_task_done(*, actor: User, task: ValuerTask) -> ValuerTask:
    require_staff(actor)
    locked = ValuerTask.objects.select_for_update().get(pk=task.pk)
    if locked.done_at is None:
        locked.done_at = timezone.now()
        locked.save(update_fields=["done_at"])
        audit(actor=actor, action=AuditAction.TASK_DONE, target=locked.declaration)
    return locked
