"""Reads of part 2.3. Every agent read is scoped to the agent's own importers and declarations:
another agent's id answers exactly as a missing one (404)."""

from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from taxportal.models import User

from . import rules
from .models import (
    AgentAuthorisation,
    CustomsAgent,
    CustomsHouseStaff,
    Importer,
    ImporterDeclaration,
    Supplier,
)

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
