"""Blocks start and end here, and only as a consequence of a status change or a filing
(CUS-51): there is no service to lift one by hand."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from taxportal.texts import Said, label, said

from .. import selectors
from ..choices import AuditAction, BlockEnd, BlockKind, NotificationKind
from ..models import Block, Importer, ImporterDeclaration, Supplier
from ..models.blocks import ACTIVE
from .common import audit, notify


def _agents_for(block: Block) -> set[int]:
    if block.importer_id is not None:
        return selectors.agents_of_importer(block.importer_id)
    return selectors.agents_of_supplier(block.supplier_id)


def block_start(
    *,
    kind: BlockKind,
    supplier: Supplier,
    importer: Importer | None = None,
    declaration: ImporterDeclaration | None = None,
    cause: str | Said,
    started_at: datetime | None = None,
) -> Block:
    """Write the block row (or return the one already active for the same kind and pair)."""
    active = Block.objects.filter(ACTIVE, kind=kind, supplier=supplier, importer=importer).first()
    if active is not None:
        return active
    try:
        with transaction.atomic():
            block = Block.objects.create(
                kind=kind,
                supplier=supplier,
                importer=importer,
                declaration=declaration,
                cause=cause,
                started_at=started_at or timezone.now(),
            )
    except IntegrityError:  # a colleague's filing wrote it a moment ago
        return Block.objects.get(ACTIVE, kind=kind, supplier=supplier, importer=importer)
    audit(
        actor=None,
        action=AuditAction.BLOCK_STARTED,
        target=block,
        reason=cause,
        kind=kind,
        importer=importer.pk if importer else None,
        supplier=supplier.pk,
        declaration=declaration.pk if declaration else None,
        since=block.started_at,
    )
    notify(_agents_for(block), kind=NotificationKind.BLOCK_STARTED, block=block, reason=cause)
    return block


def blocks_end(blocks, *, ended_by: BlockEnd, at: datetime | None = None) -> list[Block]:
    """End the given active blocks because their cause ended (`ended_by` says how)."""
    ended = []
    at = at or timezone.now()
    for block in blocks:
        if block.ended_at is not None:
            continue
        block.ended_at, block.ended_by = at, ended_by
        block.save(update_fields=["ended_at", "ended_by"])
        audit(
            actor=None,
            action=AuditAction.BLOCK_ENDED,
            target=block,
            reason=label(BlockEnd(ended_by).label),
            kind=block.kind,
            ended_by=ended_by,
        )
        notify(_agents_for(block), kind=NotificationKind.BLOCK_ENDED, block=block)
        ended.append(block)
    return ended


def end_pair_blocks(*, importer_id: int, supplier_id: int, kind: BlockKind, ended_by: BlockEnd):
    active = Block.objects.select_for_update().filter(
        ACTIVE, kind=kind, importer_id=importer_id, supplier_id=supplier_id
    )
    return blocks_end(list(active), ended_by=ended_by)


def end_declaration_blocks(declaration: ImporterDeclaration, *, ended_by: BlockEnd):
    """A correction-overdue block ends with its declaration's 2, 9 or 12."""
    active = Block.objects.select_for_update().filter(
        ACTIVE, kind=BlockKind.CORRECTION_OVERDUE, declaration=declaration
    )
    return blocks_end(list(active), ended_by=ended_by)


def no_declaration_cause(importer: Importer, supplier: Supplier) -> Said:
    return said(
        gettext_noop("Importer %(importer)s has no valid declaration for supplier %(supplier)s."),
        importer=importer.number,
        supplier=supplier.pk,
    )


def overdue_cause(declaration: ImporterDeclaration) -> Said:
    return said(
        gettext_noop(
            "Declaration %(number)s was not corrected and approved within the days allowed "
            "(day 0: %(day0)s)."
        ),
        number=declaration.pk,
        day0=declaration.count_started_on,
    )


def wrong_supplier_cause(supplier: Supplier) -> Said:
    return said(gettext_noop("Supplier %(supplier)s has status 9, wrong."), supplier=supplier.pk)


def active_blocks_q(importer_id: int, supplier_id: int) -> Q:
    """The blocks that concern a pair: its own, and its supplier's (every importer)."""
    return (
        ACTIVE
        & Q(supplier_id=supplier_id)
        & (Q(importer_id=importer_id) | Q(importer__isnull=True))
    )
