"""Reads of part 2.3. Every agent read is scoped to the agent's own importers and declarations:
another agent's id answers exactly as a missing one (404)."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from taxportal.models import User

from . import rules
from .choices import BlockKind, DeclarationForm, DeclarationStatus
from .models import (
    AgentAuthorisation,
    AgentNotification,
    Block,
    CustomsAgent,
    CustomsHouse,
    CustomsHouseStaff,
    Entry,
    Importer,
    ImporterDeclaration,
    Supplier,
)
from .models.blocks import ACTIVE

# --- Agents and their importers ---------------------------------------------------------------


def agent_of(user: User) -> CustomsAgent | None:
    """The agent a user acts for, or None when the user is not linked to one."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_customs_agent"):
        user._customs_agent = user.customs_agents.order_by("pk").first()
    return user._customs_agent


def _authorised_on(day: date) -> Q:
    return Q(valid_from__lte=day) & (Q(valid_until__isnull=True) | Q(valid_until__gt=day))


def importers_of(agent: CustomsAgent | None, day: date | None = None) -> QuerySet[Importer]:
    if agent is None:
        return Importer.objects.none()
    day = day or timezone.localdate()
    ids = AgentAuthorisation.objects.filter(_authorised_on(day), agent=agent).values("importer")
    return Importer.objects.filter(pk__in=ids).order_by("name", "pk")


def importer_for_agent(agent: CustomsAgent | None, number: str) -> Importer:
    """The importer by its number if the agent is authorised for it today; else 404."""
    importer = importers_of(agent).filter(number=str(number).strip()).first()
    if importer is None:
        raise Http404
    return importer


def agents_of_importer(importer_id: int) -> set[int]:
    day = timezone.localdate()
    return set(
        AgentAuthorisation.objects.filter(_authorised_on(day), importer_id=importer_id).values_list(
            "agent_id", flat=True
        )
    )


def agents_of_supplier(supplier_id: int) -> set[int]:
    """The agents concerned by a supplier: who entered it and who declared with it."""
    agents = set(
        ImporterDeclaration.objects.filter(supplier_id=supplier_id).values_list(
            "agent_id", flat=True
        )
    )
    entered = Supplier.objects.filter(pk=supplier_id).values_list("entered_by_id", flat=True)
    agents.update(a for a in entered if a is not None)
    return agents


def all_agents() -> list[int]:
    return list(CustomsAgent.objects.values_list("pk", flat=True))


# --- Suppliers -----------------------------------------------------------------------------


def supplier_by_number(number) -> tuple[Supplier, Supplier | None]:
    """CUS-54: (the supplier the number resolves to, the merged alias given or None); 404 for
    a number that does not exist."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        raise Http404 from None
    supplier = Supplier.objects.select_related("merged_into", "country").filter(pk=number).first()
    if supplier is None:
        raise Http404
    if supplier.merged_into_id is not None:
        return supplier.merged_into, supplier
    return supplier, None


def supplier_duplicates(
    *, country: str, name: str, dealer_number: str, exclude: int | None = None
) -> list[Supplier]:
    """CUS-36: same country and same name (case, spaces, punctuation ignored), or same country
    and same foreign dealer number."""
    match = Q(normalised_name=rules.normalise_name(name))
    if dealer_number:
        match |= Q(dealer_number=dealer_number)
    found = Supplier.objects.filter(match, country_id=country, merged_into__isnull=True)
    if exclude is not None:
        found = found.exclude(pk=exclude)
    return list(found.order_by("pk")[:20])


def suppliers_search(query: str = "", country: str = "") -> QuerySet[Supplier]:
    found = Supplier.objects.select_related("country", "merged_into")
    query = (query or "").strip()
    if query.isdigit():
        found = found.filter(pk=int(query))
    elif query:
        found = found.filter(normalised_name__contains=rules.normalise_name(query))
    if country:
        found = found.filter(country_id=country.upper())
    return found.order_by("pk")


def valuer_houses(user: User, day: date | None = None) -> list[int]:
    day = day or timezone.localdate()
    posts = CustomsHouseStaff.objects.filter(user=user, started_on__lte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )
    return list(posts.values_list("customs_house_id", flat=True))


def first_house(user: User) -> CustomsHouse | None:
    houses = valuer_houses(user)
    return CustomsHouse.objects.filter(pk__in=houses).order_by("pk").first() if houses else None


# --- Declarations ------------------------------------------------------------------------------


def open_pair_declarations(importer_id: int, supplier_id: int) -> QuerySet[ImporterDeclaration]:
    """The pair's declarations not final and not replaced (indexed: cusdecl_decl_open_pair)."""
    return ImporterDeclaration.objects.filter(
        importer_id=importer_id, supplier_id=supplier_id, closed_at__isnull=True
    ).exclude(status__in=rules.FINAL)


def pair_has_valid_annual(importer_id: int, supplier_id: int, day: date | None = None) -> bool:
    day = day or timezone.localdate()
    return (
        open_pair_declarations(importer_id, supplier_id)
        .filter(form=DeclarationForm.ANNUAL, valid_until__gt=day)
        .exists()
    )


def valid_annual(importer_id: int, supplier_id: int, day: date | None = None):
    day = day or timezone.localdate()
    return (
        open_pair_declarations(importer_id, supplier_id)
        .filter(form=DeclarationForm.ANNUAL, valid_until__gt=day)
        .order_by("-entered_at", "-pk")
        .first()
    )


def declarations_to_expire(day: date) -> list[int]:
    """CUS-49: ids of declarations not at 2, 9 or 12 whose validity ended (indexed)."""
    return list(
        ImporterDeclaration.objects.filter(closed_at__isnull=True, valid_until__lte=day)
        .exclude(status__in=[DeclarationStatus.APPROVED, *rules.FINAL])
        .values_list("pk", flat=True)
    )


def declarations_overdue(day: date) -> QuerySet[ImporterDeclaration]:
    """CUS-28(b): valid declarations in 3, 5, 6, 7 or 8 blocked from today or earlier, whose
    pair has no active correction-overdue block row yet."""
    has_block = Block.objects.filter(
        ACTIVE,
        kind=BlockKind.CORRECTION_OVERDUE,
        importer=OuterRef("importer"),
        supplier=OuterRef("supplier"),
    )
    return (
        ImporterDeclaration.objects.filter(
            closed_at__isnull=True,
            blocked_from__lte=day,
            valid_until__gt=day,
            status__in=rules.COUNTING,
        )
        .exclude(Exists(has_block))
        .select_related("importer", "supplier")
    )


def awaiting_daily_check() -> QuerySet[ImporterDeclaration]:
    """CUS-47: declarations at 3 or 11, oldest correction first."""
    return ImporterDeclaration.objects.filter(
        status__in=rules.DAILY_CHECK, closed_at__isnull=True
    ).order_by("status_set_at", "pk")


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


# --- What customs staff read -------------------------------------------------------------------

QUEUE_DEFAULT = sorted(rules.AWAITING_VALUER | {DeclarationStatus.PRICE_SUSPECTED})


def queue_rows(
    *,
    importer: str = "",
    supplier: int | None = None,
    agent: str = "",
    statuses: list[int] | None = None,
    older_than: int | None = None,
    day: date | None = None,
) -> QuerySet[ImporterDeclaration]:
    """The valuer's queue: overdue first (blocked pairs), then the oldest day 0, then the oldest
    entered; one query for a page, whatever its size."""
    day = day or timezone.localdate()
    found = ImporterDeclaration.objects.filter(
        closed_at__isnull=True, status__in=statuses or QUEUE_DEFAULT
    )
    if importer:
        found = found.filter(
            Q(importer__number=importer.strip()) | Q(importer__name__icontains=importer.strip())
        )
    if supplier:
        found = found.filter(supplier_id=supplier)
    if agent:
        found = found.filter(
            Q(agent__licence_number=agent.strip()) | Q(agent__name__icontains=agent.strip())
        )
    if older_than is not None:
        found = found.filter(entered_on__lte=day - timedelta(days=older_than))
    overdue = Q(blocked_from__lte=day, status__in=rules.COUNTING)
    return (
        found.annotate(
            overdue=Case(When(overdue, then=Value(0)), default=Value(1)),
            expiring=Case(
                When(
                    Q(status=DeclarationStatus.PRICE_SUSPECTED)
                    & Q(valid_until__lte=day + relativedelta(months=1)),
                    then=Value(True),
                ),
                default=Value(False),
            ),
        )
        .select_related("importer", "supplier", "agent")
        .order_by("overdue", F("blocked_from").asc(nulls_last=True), "entered_at", "pk")
    )


def daily_check_for(houses: list[int], day: date | None = None):
    """CUS-47: today's 06:00 lists for the valuer's customs houses (flagged first)."""
    from .models import DailyCheckItem

    return (
        DailyCheckItem.objects.filter(
            check_list__on_date=day or timezone.localdate(),
            check_list__customs_house__in=houses,
        )
        .select_related("declaration__importer", "declaration__supplier", "check_list")
        .order_by("-flagged", "pk")
    )


def tasks_for(user: User, houses: list[int]):
    """CUS-55: tasks returned to this valuer, and those of their houses with nobody assigned."""
    from .models import ValuerTask

    return (
        ValuerTask.objects.filter(done_at__isnull=True)
        .filter(Q(assigned_to=user) | Q(assigned_to__isnull=True, customs_house__in=houses))
        .select_related("declaration", "entry")
        .order_by("created_at")
    )


def entries_for_staff(*, archive_ready: bool = False, to_correct: bool = False):
    found = Entry.objects.select_related("importer", "supplier", "customs_house")
    if archive_ready:
        found = found.filter(archived_at__isnull=True, archive_ready_on__isnull=False)
    if to_correct:
        found = found.exclude(correction_cause="")
    return found.order_by("filed_at", "pk")


def declaration_for_staff(number) -> ImporterDeclaration:
    declaration = (
        ImporterDeclaration.objects.select_related(
            "importer", "supplier__country", "agent", "entry", "replaced_by", "original_entry"
        )
        .filter(pk=number)
        .first()
    )
    if declaration is None:
        raise Http404
    return declaration


def declaration_page(declaration: ImporterDeclaration) -> dict:
    """Everything the staff page shows of one declaration, a fixed number of queries."""
    return {
        "findings": list(declaration.findings.select_related("recorded_by")),
        "changes": list(declaration.status_changes.select_related("actor")),
        "documents": list(declaration.documents.all()),
        "entries": list(declaration.entries.select_related("customs_house")[:20]),
        "blocks": list(declaration.blocks.select_related("importer")),
        "supplier_changes": list(declaration.supplier.status_changes.select_related("actor")),
    }


def suppliers_for_unit(query: str = "", status: str = ""):
    found = suppliers_search(query)
    if str(status).isdigit():
        found = found.filter(status=int(status))
    return found.select_related("entered_by")
