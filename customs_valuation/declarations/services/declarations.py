"""Declarations entered and corrected by the agent (CUS-31 to CUS-35, CUS-39, CUS-43, CUS-46,
CUS-50): the logical data, the uploaded scans and the delivery of the signed original."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taxportal.models import User
from taxportal.texts import said

from .. import rules, selectors
from ..choices import ActorKind, AuditAction, BlockEnd, BlockKind, DocumentKind
from ..choices import DeclarationForm as F
from ..choices import DeclarationStatus as D
from ..models import (
    CustomsAgent,
    DeclarationDocument,
    DeclarationStatusChange,
    Entry,
    Importer,
    ImporterDeclaration,
)
from ..models.blocks import ACTIVE
from . import blocks
from .common import NotAllowed, audit, policy_on, today
from .status import lock, set_status

DATA_FIELDS = (
    "currency", "incoterm", "payment_terms", "related_parties", "relationship_details",
    "exclusive_distributor", "royalties_payable", "proceeds_to_supplier", "restrictions_on_use",
    "conditions_on_price", "signatory_name", "signed_on",
)  # fmt: skip
UPLOAD_LIMIT = 10 * 1024 * 1024
SIGNATURES = (b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


def _apply_data(declaration: ImporterDeclaration, data: dict) -> dict:
    """Set the logical data and validate them; returns what changed."""
    changes = {}
    for name in DATA_FIELDS:
        if name in data and getattr(declaration, name) != data[name]:
            changes[name] = {"from": getattr(declaration, name), "to": data[name]}
            setattr(declaration, name, data[name])
    declaration.currency = (declaration.currency or "").upper()
    errors = {}
    try:
        declaration.full_clean(exclude=["entered_by", "agent", "importer", "supplier", "entry"])
    except ValidationError as error:
        errors.update(error.message_dict)
    if declaration.signed_on and declaration.signed_on > today():
        errors["signed_on"] = [_("The signature date cannot be in the future.")]
    if declaration.related_parties and not declaration.relationship_details.strip():
        errors["relationship_details"] = [_("Describe the relationship.")]
    if errors:
        raise ValidationError(errors)
    return changes


def _usable_supplier(number):
    supplier, alias = selectors.supplier_by_number(number)
    if supplier.cancelled_at is not None:
        raise ValidationError({"supplier_number": _("This supplier was cancelled.")})
    if supplier.status in rules.SUPPLIER_UNUSABLE:
        raise ValidationError(
            {
                "supplier_number": _("Supplier %(n)s is wrong (9): it cannot be named.")
                % {"n": supplier.pk}
            }
        )
    warnings = []
    if alias is not None:
        warnings.append(
            _("Supplier %(old)s was merged into %(new)s; the declaration names %(new)s.")
            % {"old": alias.pk, "new": supplier.pk}
        )
    return supplier, warnings


@transaction.atomic
def declaration_enter(
    *,
    actor: User,
    agent: CustomsAgent,
    importer: Importer,
    supplier_number,
    form: str,
    data: dict,
    entry_number: str = "",
) -> tuple[ImporterDeclaration, list[str]]:
    """A new declaration at 1 (CUS-27); an annual one lifts the pair's no-declaration block
    (CUS-32). A second valid annual one is accepted with a warning naming the first (CUS-31)."""
    supplier, warnings = _usable_supplier(supplier_number)
    day = today()
    declaration = ImporterDeclaration(
        form=form,
        importer=importer,
        supplier=supplier,
        agent=agent,
        entered_by=actor,
        entered_on=day,
        valid_until=rules.valid_until(day, policy_on(day).validity_months),
    )
    current = selectors.valid_annual(importer.pk, supplier.pk, day)
    if form == F.ENTRY:
        # CUS-35: for one entry of the pair, on terms other than the valid annual declaration's.
        if current is None:
            raise ValidationError(
                {"form": _("Form 138א needs a valid annual declaration (form 138) for the pair.")}
            )
        entry = Entry.objects.filter(
            number=(entry_number or "").strip(),
            importer=importer,
            supplier=supplier,
            agent=agent,
            entry_declaration__isnull=True,
        ).first()
        if entry is None:
            raise ValidationError(
                {"entry_number": _("Give the number of an entry you filed for this pair.")}
            )
        declaration.entry = entry
    elif current is not None:
        warnings.append(
            _("Declaration %(n)s for this pair is valid until %(until)s.")
            % {"n": current.pk, "until": current.valid_until}
        )
    _apply_data(declaration, data)
    declaration.agent_status_at = timezone.now()
    declaration.save()
    DeclarationStatusChange.objects.create(
        declaration=declaration, to_status=D.NOT_HANDLED, actor_kind=ActorKind.SYSTEM
    )
    audit(
        actor=actor,
        action=AuditAction.DECLARATION_ENTERED,
        target=declaration,
        form=form,
        importer=importer.number,
        supplier=supplier.pk,
        agent=agent.pk,
    )
    if form == F.ANNUAL:
        blocks.end_pair_blocks(
            importer_id=importer.pk,
            supplier_id=supplier.pk,
            kind=BlockKind.NO_DECLARATION,
            ended_by=BlockEnd.DECLARATION_ENTERED,
        )
    return declaration, warnings


def _own(agent: CustomsAgent, declaration: ImporterDeclaration) -> None:
    if declaration.agent_id != agent.pk:
        raise NotAllowed(_("Only the agent who entered the declaration may do this."))


CORRECTION_REFUSALS = {
    "enter_new_declaration": lambda: _(
        "The physical declaration does not match the invoice (6): enter a new declaration."
    ),
    "deliver_original": lambda: _(
        "The declaration awaits a signed original (7 or 8): record its delivery first."
    ),
    "final": lambda: _("A cancelled or expired declaration cannot be corrected."),
}


@transaction.atomic
def declaration_correct(
    *, actor: User, agent: CustomsAgent, declaration: ImporterDeclaration, data: dict
) -> ImporterDeclaration:
    """CUS-43, CUS-50: data corrected in place; the importer and supplier cannot change (enter
    a new declaration); the code follows the agent's action."""
    _own(agent, declaration)
    locked = lock(declaration)
    for name in ("importer", "supplier_number", "supplier", "form"):
        if name in data:
            raise ValidationError(
                {name: _("The importer, supplier and form cannot change: enter a new declaration.")}
            )
    try:
        new = rules.declaration_status_after_agent_correction(locked.status)
    except rules.Refused as refused:
        raise ValidationError(CORRECTION_REFUSALS[refused.message]()) from None
    changes = _apply_data(locked, data)
    if not changes:
        return locked
    locked.save()
    audit(actor=actor, action=AuditAction.DECLARATION_CORRECTED, target=locked, **changes)
    if new != locked.status:
        set_status(
            locked,
            new=new,
            actor_kind=ActorKind.SYSTEM,
            actor=None,
            reason=said(gettext_noop("Corrected by the agent; awaiting the valuer.")),
        )
    return locked


@transaction.atomic
def declaration_replace(
    *, actor: User, agent: CustomsAgent, declaration: ImporterDeclaration, data: dict
) -> ImporterDeclaration:
    """CUS-50 at 6: a new logical declaration starting at 3, inheriting the 21-day count, the
    entry of the original and any overdue block; the old one is closed, its scans cancelled."""
    _own(agent, declaration)
    old = lock(declaration)
    if old.status != D.INVOICE_MISMATCH:
        raise ValidationError(_("Only a declaration at 6 is replaced by a new one."))
    new = ImporterDeclaration(
        form=old.form,
        importer_id=old.importer_id,
        supplier_id=old.supplier_id,
        agent=agent,
        entered_by=actor,
        entered_on=today(),
        valid_until=rules.valid_until(today(), policy_on(today()).validity_months),
        entry=None,
        replaces=old,
        status=D.CORRECTION_AWAITING,
        status_set_at=timezone.now(),
        agent_status=D.CORRECTION_AWAITING,
        agent_status_at=timezone.now(),
        count_started_on=old.count_started_on,
        blocked_from=old.blocked_from,
        original_entry_id=old.original_entry_id,
        checked_at_id=old.checked_at_id,
        last_valuer_id=old.last_valuer_id,
        **{name: getattr(old, name) for name in DATA_FIELDS},
    )
    _apply_data(new, data)
    now = timezone.now()
    old.closed_at = now
    entry = old.entry
    old.entry = None
    old.save(update_fields=["closed_at", "entry"])
    new.entry = entry
    new.save()
    DeclarationStatusChange.objects.create(
        declaration=new,
        to_status=D.CORRECTION_AWAITING,
        sent_to_agent=D.CORRECTION_AWAITING,
        actor_kind=ActorKind.SYSTEM,
        reason=said(gettext_noop("Replaces declaration %(n)s."), n=old.pk),
    )
    old.documents.filter(kind=DocumentKind.SIGNED_ORIGINAL, cancelled_at__isnull=True).update(
        cancelled_at=now
    )
    old.findings.filter(resolved_at__isnull=True).update(resolved_at=now)
    old.blocks.filter(ACTIVE).update(declaration=new)
    audit(actor=actor, action=AuditAction.DECLARATION_REPLACED, target=old, replaced_by=new.pk)
    audit(actor=actor, action=AuditAction.DECLARATION_ENTERED, target=new, replaces=old.pk)
    return new


def _check_upload(upload) -> None:
    if upload is None:
        raise ValidationError({"file": _("Choose a file.")})
    if upload.size > UPLOAD_LIMIT:
        raise ValidationError({"file": _("The file is larger than 10 MB.")})
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in SIGNATURES):
        raise ValidationError({"file": _("Upload a PDF, JPEG or PNG scan.")})


@transaction.atomic
def document_upload(
    *, actor: User, agent: CustomsAgent, declaration: ImporterDeclaration, kind: str, upload
) -> DeclarationDocument:
    """CUS-40: a scan of the signed original, the invoice, or a document asked for."""
    _own(agent, declaration)
    locked = lock(declaration)
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Choose what the document is.")})
    _check_upload(upload)
    document = DeclarationDocument.objects.create(
        declaration=locked, kind=kind, file=upload, uploaded_by=actor
    )
    audit(
        actor=actor,
        action=AuditAction.DOCUMENT_UPLOADED,
        target=locked,
        kind=kind,
        file=document.file.name,
    )
    return document


@transaction.atomic
def original_delivered(
    *, actor: User, agent: CustomsAgent, declaration: ImporterDeclaration
) -> ImporterDeclaration:
    """CUS-46, CUS-50: the agent records that the signed original was delivered; at 7 or 8 the
    declaration returns to the valuer at 3."""
    _own(agent, declaration)
    locked = lock(declaration)
    if locked.status in rules.FINAL:
        raise ValidationError(CORRECTION_REFUSALS["final"]())
    locked.original_delivered_at = timezone.now()
    locked.save(update_fields=["original_delivered_at"])
    audit(actor=actor, action=AuditAction.ORIGINAL_DELIVERED, target=locked)
    if locked.status in {D.NOT_SIGNED, D.ORIGINAL_MISSING}:
        set_status(
            locked,
            new=D.CORRECTION_AWAITING,
            actor_kind=ActorKind.SYSTEM,
            actor=None,
            reason=said(gettext_noop("Signed original delivered; awaiting the valuer.")),
        )
    return locked
