"""Suppliers: entered by agents into the one shared database (CUS-36, CUS-37), changed only by
those CUS-38 allows, their codes set through the transition table under a row lock (CUS-26)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from taxportal.models import User
from taxportal.texts import Said, said

from .. import rules, selectors
from ..choices import ActorKind, AuditAction, BlockEnd, BlockKind, NotificationKind
from ..choices import SupplierStatus as S
from ..models import Country, CustomsAgent, Entry, Supplier, SupplierStatusChange
from ..models.blocks import ACTIVE
from . import blocks
from .common import NotAllowed, audit, notify, require_staff, staff_kind

SUPPLIER_FIELDS = ("name", "country", "address", "city", "postcode", "dealer_number")
MESSAGES = {
    "postcode_required": gettext_lazy(
        "Give the postcode; NONE is only for countries without postcodes (Hong Kong, Taiwan)."
    ),
    "dealer_number_format": gettext_lazy(
        "The dealer number has Latin letters, digits and hyphens only, up to 20 characters."
    ),
}


class DuplicateSupplier(ValidationError):
    """CUS-36: a supplier with identical data exists; the agent confirms to get a new number."""

    def __init__(self, duplicates: list[Supplier]):
        self.duplicates = duplicates
        numbers = ", ".join(str(s.pk) for s in duplicates)
        super().__init__(
            {
                "confirm_duplicate": _(
                    "A supplier with identical data exists (number %(numbers)s). Take it from the "
                    "database, or confirm to enter a new supplier number."
                )
                % {"numbers": numbers}
            }
        )


def _clean(data: dict) -> dict:
    """CUS-37: the fields' rules; one message per bad field."""
    errors: dict[str, Any] = {}
    cleaned: dict[str, Any] = {}
    for name in ("name", "address", "city"):
        cleaned[name] = " ".join(str(data.get(name) or "").split())
        if not cleaned[name]:
            errors[name] = _("This field is required.")
    country = data.get("country")
    code = country.pk if isinstance(country, Country) else str(country or "").strip().upper()
    country = Country.objects.filter(pk=code).first()
    if country is None:
        errors["country"] = _("Choose the supplier's country.")
    else:
        cleaned["country"] = country
        try:
            cleaned["postcode"] = rules.clean_postcode(data.get("postcode"), country.has_postcodes)
        except rules.Refused as error:
            errors["postcode"] = MESSAGES[error.message]
    try:
        cleaned["dealer_number"] = rules.clean_dealer_number(data.get("dealer_number"))
    except rules.Refused as error:
        errors["dealer_number"] = MESSAGES[error.message]
    if errors:
        raise ValidationError(errors)
    return cleaned


def _record_status(supplier, *, new: int, actor_kind: str, actor: User | None, reason: str | Said):
    previous = supplier.status
    if not rules.may_set_supplier_status(actor_kind, previous, new):
        raise NotAllowed(
            _("Supplier status %(new)s cannot be set by %(who)s while it is %(old)s.")
            % {"new": new, "who": ActorKind(actor_kind).label, "old": previous}
        )
    supplier.status, supplier.status_reason = new, reason
    supplier.status_set_at = timezone.now()
    supplier.save(update_fields=["status", "status_reason", "status_set_at"])
    SupplierStatusChange.objects.create(
        supplier=supplier,
        from_status=previous,
        to_status=new,
        actor_kind=actor_kind,
        actor=actor,
        reason=reason,
    )
    audit(
        actor=actor,
        action=AuditAction.SUPPLIER_STATUS,
        target=supplier,
        reason=reason,
        status_from=previous,
        status_to=new,
        by=actor_kind,
    )
    if new == S.WRONG:
        blocks.block_start(
            kind=BlockKind.WRONG_SUPPLIER,
            supplier=supplier,
            cause=blocks.wrong_supplier_cause(supplier),
        )
    elif previous == S.WRONG:
        active = supplier.blocks.select_for_update().filter(ACTIVE, kind=BlockKind.WRONG_SUPPLIER)
        blocks.blocks_end(list(active), ended_by=BlockEnd.SUPPLIER_STATUS_CHANGED)
    if actor_kind != ActorKind.SYSTEM:
        notify(
            selectors.agents_of_supplier(supplier.pk),
            kind=NotificationKind.SUPPLIER_STATUS,
            supplier=supplier,
            reason=reason,
            params={"status": new},
        )


@transaction.atomic
def supplier_enter(
    *, actor: User, agent: CustomsAgent, data: dict, confirm_duplicate: bool = False
) -> Supplier:
    """CUS-36: a new supplier number, status 1; identical data are warned, not refused."""
    cleaned = _clean(data)
    duplicates = selectors.supplier_duplicates(
        country=cleaned["country"].pk, name=cleaned["name"], dealer_number=cleaned["dealer_number"]
    )
    if duplicates and not confirm_duplicate:
        raise DuplicateSupplier(duplicates)
    supplier = Supplier.objects.create(
        **cleaned, normalised_name=rules.normalise_name(cleaned["name"]), entered_by=agent
    )
    SupplierStatusChange.objects.create(
        supplier=supplier, from_status=None, to_status=S.NOT_HANDLED, actor_kind=ActorKind.SYSTEM
    )
    audit(
        actor=actor,
        action=AuditAction.SUPPLIER_ENTERED,
        target=supplier,
        agent=agent.pk,
        duplicates_confirmed=[s.pk for s in duplicates],
    )
    return supplier


def may_change_supplier(user: User, supplier: Supplier) -> bool:
    """CUS-38: the agent who first entered it, a valuer of a customs house examining an entry
    naming it, the valuation unit."""
    kind = staff_kind(user)
    if kind == ActorKind.UNIT:
        return True
    if kind == ActorKind.VALUER:
        houses = selectors.valuer_houses(user)
        return Entry.objects.filter(
            supplier=supplier, customs_house__in=houses, archived_at__isnull=True
        ).exists()
    agent = selectors.agent_of(user)
    return agent is not None and supplier.entered_by_id == agent.pk


@transaction.atomic
def supplier_change(*, actor: User, supplier: Supplier, data: dict, reason: str = "") -> Supplier:
    """Change supplier data. An agent's change moves the code as CUS-50 says; a valuer's change
    leaves the code to the valuer."""
    locked = Supplier.objects.select_for_update().get(pk=supplier.pk)
    if locked.cancelled_at or locked.merged_into_id:
        raise NotAllowed(_("A cancelled or merged supplier cannot be changed."))
    if not may_change_supplier(actor, locked):
        raise NotAllowed(
            _(
                "Only the agent who entered this supplier, the examining customs house and the "
                "valuation unit may change it; enter a new supplier instead."
            )
        )
    merged = {name: data.get(name, getattr(locked, name)) for name in SUPPLIER_FIELDS}
    cleaned = _clean(merged)
    changes = {
        name: {"from": str(getattr(locked, name)), "to": str(value)}
        for name, value in cleaned.items()
        if getattr(locked, name) != value
    }
    if not changes:
        return locked
    for name, value in cleaned.items():
        setattr(locked, name, value)
    locked.normalised_name = rules.normalise_name(locked.name)
    locked.save()
    audit(actor=actor, action=AuditAction.SUPPLIER_CHANGED, target=locked, reason=reason, **changes)
    if staff_kind(actor) is None:  # the agent who entered it
        new = rules.supplier_status_after_agent_change(locked.status)
        if new != locked.status:
            _record_status(
                locked,
                new=new,
                actor_kind=ActorKind.SYSTEM,
                actor=None,
                reason=said(gettext_noop("Corrected by the agent; awaiting the valuer.")),
            )
    return locked


@transaction.atomic
def supplier_set_status(*, actor: User, supplier: Supplier, status: int, reason: str) -> Supplier:
    """CUS-26: a valuer or valuation-unit staff sets 2, 9, 10 or 12, with a reason for 9, 10
    and 12 (CUS-42)."""
    kind = require_staff(actor)
    reason = (reason or "").strip()
    if status in rules.SUPPLIER_REASON_REQUIRED and not reason:
        raise ValidationError({"reason": _("Give the reason for this status.")})
    locked = Supplier.objects.select_for_update().get(pk=supplier.pk)
    if locked.cancelled_at or locked.merged_into_id:
        raise NotAllowed(_("A cancelled or merged supplier keeps its last status."))
    try:
        _record_status(locked, new=int(status), actor_kind=kind, actor=actor, reason=reason)
    except NotAllowed as error:
        raise ValidationError({"status": error.messages}) from None
    return locked
