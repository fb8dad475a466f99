"""What an agent reads: only its own declarations, entries and notifications, the blocks of the
importers it files for; another agent's ids answer 404 exactly as missing ones do (CUS-39)."""

from django.db.models import Q, QuerySet
from django.http import Http404

from ..models import (
    AgentNotification,
    Block,
    CustomsAgent,
    Entry,
    ImporterDeclaration,
)
from ..models.blocks import ACTIVE
from .records import importers_of

# --- What an agent reads -------------------------------------------------------------------------


def declarations_of_agent(
    agent: CustomsAgent | None, *, importer: str = "", status: str = ""
) -> QuerySet[ImporterDeclaration]:
    """CUS-39: the declarations the agent entered (the replaced ones included, for history)."""
    if agent is None:
        return ImporterDeclaration.objects.none()
    found = ImporterDeclaration.objects.filter(agent=agent).select_related("importer", "supplier")
    if importer:
        found = found.filter(importer__number=importer)
    if str(status).isdigit():
        found = found.filter(agent_status=int(status))
    return found.order_by("-entered_at", "-pk")


def declaration_for_agent(
    agent: CustomsAgent | None, number, importer_number: str = ""
) -> ImporterDeclaration:
    """CUS-39: one the agent entered, or one whose number it gives together with its importer
    (an importer it files for); anything else answers 404, as a missing number does."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        raise Http404 from None
    declaration = (
        ImporterDeclaration.objects.select_related("importer", "supplier", "replaced_by")
        .filter(pk=number)
        .first()
    )
    if declaration is None or agent is None:
        raise Http404
    if declaration.agent_id == agent.pk:
        return declaration
    given = str(importer_number or "").strip()
    if (
        given
        and declaration.importer.number == given
        and importers_of(agent).filter(pk=declaration.importer_id).exists()
    ):
        return declaration
    raise Http404


def entry_for_agent(agent: CustomsAgent | None, number: str) -> Entry:
    entry = (
        Entry.objects.select_related("importer", "supplier", "customs_house")
        .filter(agent=agent, number=str(number))
        .first()
        if agent
        else None
    )
    if entry is None:
        raise Http404
    return entry


def blocks_for_agent(agent: CustomsAgent | None, *, active_only: bool = False) -> QuerySet[Block]:
    """CUS-51: blocks of the importers the agent files for, and of the suppliers it declared."""
    if agent is None:
        return Block.objects.none()
    importers = importers_of(agent).values("pk")
    suppliers = ImporterDeclaration.objects.filter(agent=agent).values("supplier")
    found = Block.objects.filter(
        Q(importer__in=importers) | Q(importer__isnull=True, supplier__in=suppliers)
    )
    if active_only:
        found = found.filter(ACTIVE)
    return found.select_related("importer", "declaration").order_by("-started_at", "-pk")


def notifications_of(agent: CustomsAgent | None, *, unread: bool = False):
    if agent is None:
        return AgentNotification.objects.none()
    found = AgentNotification.objects.filter(agent=agent).select_related("block")
    if unread:
        found = found.filter(read_at__isnull=True)
    return found.order_by("-sent_at", "-pk")
