"""Entries (the minimal entry record): filing, checked against the blocks at that moment
(CUS-28, CUS-32, CUS-34, CUS-51) with a constant number of indexed queries; the physical
original (CUS-33); entry corrections and defects (CUS-44, CUS-53, CUS-54); release; the
archive (CUS-48)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import partial
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taxportal.models import User
from taxportal.texts import Said

from .. import rules, selectors
from ..choices import ActorKind, AuditAction, BlockKind, CorrectionCause, DefectCode, EntryKind
from ..choices import DeclarationStatus as D
from ..models import (
    Block,
    CustomsAgent,
    CustomsHouse,
    Entry,
    EntryCorrection,
    EntryDefect,
    Importer,
    ImporterDeclaration,
)
from . import blocks
from .common import NotAllowed, audit, policy_on, require_staff, start_of, today


@dataclass
class Filing:
    """The answer to a filing: the entry, or the blocks that refused it; and warnings."""

    entry: Entry | None
    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return self.entry is None


def _check_values(data: dict) -> None:
    errors = {}
    if data["kind"] not in EntryKind.values:
        errors["kind"] = _("Choose the entry's kind.")
    currency = str(data.get("currency") or "").upper()
    if len(currency) != 3 or not currency.isalpha() or not currency.isascii():
        errors["currency"] = _("A currency is three capital letters (ISO 4217).")
    if currency == "USD" and data["usd_value"] != data["goods_value"]:
        errors["usd_value"] = _("For an entry in dollars the dollar value is the goods value.")
    if Entry.objects.filter(number=data["number"]).exists():
        errors["number"] = _("An entry with this number was already filed.")
    if errors:
        raise ValidationError(errors)


def _pair_blocks(importer, supplier, causes, active: list[Block]) -> list[Block]:
    """The block row of each cause: the active one, or written now (a filing ends nothing and
    lifts nothing; it only records what is already the case)."""
    found = []
    for cause in causes:
        row = next((b for b in active if b.kind == cause.kind), None)
        if row is None:
            declaration = (
                ImporterDeclaration.objects.get(pk=cause.declaration) if cause.declaration else None
            )
            cause_texts: dict[str, Callable[[], Said]] = {
                BlockKind.NO_DECLARATION: lambda: blocks.no_declaration_cause(importer, supplier),
                # the cause of this kind names its declaration
                BlockKind.CORRECTION_OVERDUE: partial(
                    blocks.overdue_cause, cast(ImporterDeclaration, declaration)
                ),
                BlockKind.WRONG_SUPPLIER: lambda: blocks.wrong_supplier_cause(supplier),
            }
            cause_text = cause_texts[cause.kind]()
            row = blocks.block_start(
                kind=cause.kind,
                supplier=supplier,
                importer=None if cause.kind == BlockKind.WRONG_SUPPLIER else importer,
                declaration=declaration,
                cause=cause_text,
                started_at=start_of(cause.since) if cause.since else None,
            )
        if row not in found:
            found.append(row)
    return found


@transaction.atomic
def entry_file(
    *,
    actor: User,
    agent: CustomsAgent,
    importer: Importer,
    supplier_number,
    customs_house: CustomsHouse,
    number: str,
    kind: str,
    goods_value: Decimal,
    currency: str,
    usd_value: Decimal,
    thorough_examination: bool = False,
    declaration_number: int | None = None,
    credit_notes: list[str] | tuple = (),
) -> Filing:
    """File an entry for the pair, or refuse it naming each block, since when, what lifts it.
    Entries filed before a block started are never touched by it."""
    day = today()
    number = str(number).strip()
    _check_values(
        {"kind": kind, "currency": currency, "usd_value": usd_value}
        | {"goods_value": goods_value, "number": number}
    )
    supplier, alias = selectors.supplier_by_number(supplier_number)
    if supplier.cancelled_at is not None:
        raise ValidationError({"supplier_number": _("This supplier was cancelled.")})
    warnings = []
    if alias is not None:
        warnings.append(
            _("Supplier %(old)s was merged into %(new)s.") % {"old": alias.pk, "new": supplier.pk}
        )
    policy = policy_on(day)
    declarations = list(selectors.open_pair_declarations(importer.pk, supplier.pk))
    active = list(Block.objects.filter(blocks.active_blocks_q(importer.pk, supplier.pk)))
    causes = rules.block_causes(
        kind=kind,
        supplier_status=supplier.status,
        declarations=[
            rules.PairDeclaration(d.pk, d.form, d.status, d.valid_until, d.count_started_on)
            for d in declarations
        ],
        today=day,
        correction_days=policy.correction_days,
    )
    if causes:
        refused_by = _pair_blocks(importer, supplier, causes, active)
        audit(
            actor=actor,
            action=AuditAction.ENTRY_REFUSED,
            target=importer,
            entry=number,
            supplier=supplier.pk,
            blocks=[b.pk for b in refused_by],
        )
        return Filing(entry=None, blocks=refused_by, warnings=warnings)
    if credit_notes:
        # CUS-70 (part 2.2): a credit note the entry cites is approved before filing.
        from ...commercial.services.credit_notes import credit_notes_check

        credit_notes_check(importer=importer, supplier=supplier, numbers=credit_notes)
    cited = None
    if not rules.is_exempt(kind):
        valid = [
            d
            for d in declarations
            if d.form == "138" and rules.is_valid(d.status, d.valid_until, day)
        ]
        cited = max(valid, key=lambda d: (d.entered_at, d.pk))
        if declaration_number not in (None, ""):
            cited = next((d for d in valid if str(d.pk) == str(declaration_number)), None)
            if cited is None:
                raise ValidationError(
                    {"declaration_number": _("Give a valid annual declaration of this pair.")}
                )
    entry = Entry.objects.create(
        number=number,
        importer=importer,
        agent=agent,
        supplier=supplier,
        supplier_number_given=alias.pk if alias else supplier.pk,
        customs_house=customs_house,
        kind=kind,
        goods_value=goods_value,
        currency=currency.upper(),
        usd_value=usd_value,
        thorough_examination=thorough_examination,
        declaration=cited,
        filed_by=actor,
    )
    if cited is not None and usd_value > policy.original_threshold_usd:
        # CUS-33: locked, so two entries filed at once cannot both be the first.
        locked = ImporterDeclaration.objects.select_for_update().get(pk=cited.pk)
        if rules.original_required(
            kind, usd_value, policy.original_threshold_usd, locked.original_entry_id is not None
        ):
            locked.original_entry = entry
            locked.save(update_fields=["original_entry"])
            entry.original_required = True
            entry.save(update_fields=["original_required"])
            warnings.append(_("Attach the signed physical original to this entry."))
    audit(
        actor=actor,
        action=AuditAction.ENTRY_FILED,
        target=entry,
        importer=importer.number,
        supplier=supplier.pk,
        declaration=cited.pk if cited else None,
        original_required=entry.original_required,
    )
    return Filing(entry=entry, warnings=warnings)


def _lock_entry(entry: Entry) -> Entry:
    return Entry.objects.select_for_update().get(pk=entry.pk)


@transaction.atomic
def entry_defect(*, actor: User, entry: Entry, code: str, reason: str) -> EntryDefect:
    """CUS-44: defect 84 or 86 to the agent for using a wrong supplier."""
    require_staff(actor)
    if code not in DefectCode.values:
        raise ValidationError({"code": _("Choose defect 84 or 86.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason.")})
    locked = _lock_entry(entry)
    defect = EntryDefect.objects.create(entry=locked, code=code, reason=reason, recorded_by=actor)
    audit(actor=actor, action=AuditAction.ENTRY_DEFECT, target=locked, reason=reason, code=code)
    _clear_if_corrected(locked)
    return defect


def _clear_if_corrected(entry: Entry) -> None:
    """The listing for a correction ends with the correction (and, for CUS-44, a defect)."""
    if not entry.correction_cause or not entry.corrections.filter(cause=entry.correction_cause):
        return
    if entry.correction_cause == CorrectionCause.NEW_DECLARATION and not entry.defects.exists():
        return
    entry.correction_cause = ""
    entry.save(update_fields=["correction_cause"])


@transaction.atomic
def entry_correct(
    *,
    actor: User,
    entry: Entry,
    supplier_number,
    reason: str,
    declaration_number: int | None = None,
) -> EntryCorrection:
    """An entry correction: to the replacement declaration (CUS-44, valuer) or to the surviving
    or newly entered supplier (CUS-53, CUS-54, valuation unit)."""
    kind = require_staff(actor)
    locked = _lock_entry(entry)
    if not locked.correction_cause:
        raise ValidationError(_("This entry is not listed for a correction."))
    if locked.correction_cause != CorrectionCause.NEW_DECLARATION and kind != ActorKind.UNIT:
        raise NotAllowed(_("After a cancel or merge the valuation unit corrects the entry."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason.")})
    supplier, _alias = selectors.supplier_by_number(supplier_number)
    if supplier.cancelled_at is not None:
        raise ValidationError({"supplier_number": _("This supplier was cancelled.")})
    declaration = None
    if declaration_number not in (None, ""):
        declaration = (
            selectors.open_pair_declarations(locked.importer_id, supplier.pk)
            .filter(pk=declaration_number)
            .first()
        )
        if declaration is None:
            raise ValidationError(
                {"declaration_number": _("Give an open declaration of the importer and supplier.")}
            )
    correction = EntryCorrection.objects.create(
        entry=locked,
        cause=locked.correction_cause,
        from_supplier_id=locked.supplier_id,
        to_supplier=supplier,
        to_declaration=declaration,
        reason=reason,
        corrected_by=actor,
    )
    locked.supplier = supplier
    locked.declaration = declaration or locked.declaration
    locked.save(update_fields=["supplier", "declaration"])
    audit(
        actor=actor,
        action=AuditAction.ENTRY_CORRECTED,
        target=locked,
        reason=reason,
        supplier_from=correction.from_supplier_id,
        supplier_to=supplier.pk,
        declaration=declaration.pk if declaration else None,
    )
    _clear_if_corrected(locked)
    return correction


@transaction.atomic
def entry_release(*, actor: User, entry: Entry) -> Entry:
    """CUS-44: refused while an entry filed with a mismatched declaration lacks the entry
    correction or a defect 84/86."""
    require_staff(actor)
    locked = _lock_entry(entry)
    if locked.released_at is not None:
        return locked
    if locked.correction_cause == CorrectionCause.NEW_DECLARATION:
        raise ValidationError(
            _("Release waits for the entry correction and a defect 84 or 86 (CUS-44).")
        )
    from ...commercial.services.release import release_hold_reason  # part 2.2, CUS-80

    hold = release_hold_reason(locked)
    if hold:
        raise ValidationError(hold)
    locked.released_at = timezone.now()
    locked.save(update_fields=["released_at"])
    audit(actor=actor, action=AuditAction.ENTRY_RELEASED, target=locked)
    return locked


def archivable(entry: Entry) -> bool:
    """CUS-48: the entry carrying the physical original, once its declaration is 2 or 12."""
    return (
        entry.original_required
        and entry.archived_at is None
        and entry.originals.filter(status__in=[D.APPROVED, D.EXPIRED]).exists()
    )


@transaction.atomic
def entry_archive(*, actor: User, entry: Entry) -> Entry:
    require_staff(actor)
    locked = _lock_entry(entry)
    if not archivable(locked):
        raise ValidationError(
            _("The entry goes to the archive once its declaration is approved (2) or expired (12).")
        )
    locked.archived_at = timezone.now()
    locked.save(update_fields=["archived_at"])
    audit(actor=actor, action=AuditAction.ENTRY_ARCHIVED, target=locked)
    return locked


def entries_mark_archive_ready(day: date | None = None) -> int:
    """Daily: list in the queue the entries whose original may now go to the archive."""
    day = day or today()
    ready = ImporterDeclaration.objects.filter(
        status__in=[D.APPROVED, D.EXPIRED], original_entry__isnull=False
    ).values("original_entry")
    return Entry.objects.filter(
        pk__in=ready, archived_at__isnull=True, archive_ready_on__isnull=True
    ).update(archive_ready_on=day)
