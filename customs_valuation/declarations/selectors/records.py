"""Reads shared by every role: agents and their importers, suppliers, a pair's declarations,
the declarations the daily jobs work on."""

from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from taxportal.models import User

from .. import rules
from ..choices import BlockKind, DeclarationForm, DeclarationStatus
from ..models import (
    AgentAuthorisation,
    Block,
    CustomsAgent,
    CustomsHouse,
    CustomsHouseStaff,
    Importer,
    ImporterDeclaration,
    Supplier,
)
from ..models.blocks import ACTIVE

# --- Agents and their importers ---------------------------------------------------------------


def agent_of(user: User | AnonymousUser) -> CustomsAgent | None:
    """The agent a user acts for, or None when the user is not linked to one."""
    if not user.is_authenticated:
        return None
    if "_customs_agent" not in user.__dict__:
        user.__dict__["_customs_agent"] = user.customs_agents.order_by("pk").first()
    return user.__dict__["_customs_agent"]


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
    if supplier.merged_into is not None:
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


def _posts(user: User, day: date | None) -> QuerySet:
    day = day or timezone.localdate()
    return CustomsHouseStaff.objects.filter(user=user, started_on__lte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )


def valuer_houses(user: User, day: date | None = None) -> list[int]:
    return list(_posts(user, day).values_list("customs_house_id", flat=True))


def valuer_house_ids(user: User, day: date | None = None) -> QuerySet:
    """The same houses as a subquery: a page that only filters by them reads them inside its
    own queries, not in one more."""
    return _posts(user, day).order_by().values("customs_house_id")


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
