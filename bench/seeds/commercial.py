"""The commercial valuers' queue items: importer declarations (forms 138) waiting for the valuer,
and entries filed at the valuer's customs house, half of them with an open valuation case."""

import functools
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from taxportal.roles import Role

from .common import _name, _users

HOUSE = "haifa"


@functools.cache
def _parties():
    """The agent, the importer and the customs house every item shares; the valuer works there."""
    from customs_valuation.declarations.models import (
        CustomsAgent,
        CustomsHouse,
        CustomsHouseStaff,
        Importer,
    )

    house = CustomsHouse.objects.get(code=HOUSE)
    agent, _ = CustomsAgent.objects.get_or_create(licence_number="9001", name="Bench agent")
    importer, _ = Importer.objects.get_or_create(number="510000003", name="Bench importer Ltd")
    CustomsHouseStaff.objects.get_or_create(
        user=_users[Role.CUSTOMS_HOUSE_VALUER],
        customs_house=house,
        defaults={"started_on": timezone.localdate() - timedelta(days=3650)},
    )
    return house, agent, importer


def _commercial(start: int, stop: int) -> None:
    """Item n: supplier n with a declaration in one of the statuses the valuer's queue shows in
    turn (every third counting its days, blocked 0 to 29 days ago or ahead), entered 0 to 179
    days ago; entry n filed at the valuer's house, every other one with an open case in one of
    the five open statuses in turn, every fifth case with a document request due 0 to 29 days
    ahead or behind and every other one with a bank guarantee lapsing in five days."""
    from customs_valuation.commercial.choices import CaseStatus, SecurityKind
    from customs_valuation.commercial.models import CaseSecurity, CommercialCase, DocumentRequest
    from customs_valuation.declarations import rules
    from customs_valuation.declarations.choices import DeclarationStatus, EntryKind
    from customs_valuation.declarations.models import Entry, ImporterDeclaration, Supplier

    house, agent, importer = _parties()
    agent_user = _users[Role.CUSTOMS_AGENT]
    valuer = _users[Role.CUSTOMS_HOUSE_VALUER]
    today, now = timezone.localdate(), timezone.now()
    statuses = [
        DeclarationStatus.NOT_HANDLED,
        DeclarationStatus.CORRECTION_AWAITING,
        DeclarationStatus.PRICE_SUSPECTED,
        DeclarationStatus.MISC_CORRECTION_AWAITING,
        DeclarationStatus.APPROVED,
    ]
    suppliers = Supplier.objects.bulk_create(
        Supplier(
            name=f"{_name(n)[0]} Lamps {n}", normalised_name=rules.normalise_name(f"Lamps {n}"),
            country_id="CN", address="1 Road", city="Shenzhen", postcode="518057",
            entered_by=agent,
        )
        for n in range(start, stop)
    )  # fmt: skip
    declarations = []
    for n, supplier in zip(range(start, stop), suppliers, strict=True):
        entered = today - timedelta(days=n % 180)
        counting = n % 3 == 0 and statuses[n % 5] != DeclarationStatus.APPROVED
        declarations.append(
            ImporterDeclaration(
                form="138", importer=importer, supplier=supplier, agent=agent,
                entered_by=agent_user, entered_on=entered,
                valid_until=entered + timedelta(days=365),
                currency="EUR", incoterm="FOB", payment_terms="30 days", signatory_name="Dana Levi",
                signed_on=entered, status=statuses[n % 5],
                count_started_on=entered if counting else None,
                blocked_from=today + timedelta(days=n % 60 - 30) if counting else None,
            )
        )  # fmt: skip
    ImporterDeclaration.objects.bulk_create(declarations)
    entries = Entry.objects.bulk_create(
        Entry(
            number=f"B{n:09d}", importer=importer, agent=agent, supplier=supplier,
            supplier_number_given=supplier.pk, customs_house=house, kind=EntryKind.REGULAR,
            goods_value=Decimal(1000 + n % 500), currency="USD", usd_value=Decimal(1000 + n % 500),
            thorough_examination=n % 4 == 1, filed_by=agent_user,
        )
        for n, supplier in zip(range(start, stop), suppliers, strict=True)
    )  # fmt: skip
    open_statuses = [
        CaseStatus.OPEN, CaseStatus.NOT_CONVINCED, CaseStatus.UNDER_CHECK,
        CaseStatus.CHIEF_VALUER, CaseStatus.METHODS,
    ]  # fmt: skip
    cases = CommercialCase.objects.bulk_create(
        CommercialCase(
            entry=entry, customs_house=house, status=open_statuses[(n // 2) % 5], valuer=valuer,
            currency="USD", exchange_rate=Decimal("3.7"), declared_value=entry.goods_value,
            country_of_export_id="CN",
        )
        for n, entry in zip(range(start, stop), entries, strict=True)
        if n % 2 == 0
    )  # fmt: skip
    numbered = list(zip(range(start, stop, 2), cases, strict=True))  # start is even
    DocumentRequest.objects.bulk_create(
        DocumentRequest(
            case=case, requested_by=valuer, requested_on=today - timedelta(days=10),
            due_on=today + timedelta(days=n % 60 - 30),
        )
        for n, case in numbered
        if n % 10 == 0
    )  # fmt: skip
    CaseSecurity.objects.bulk_create(
        CaseSecurity(
            case=case, kind=SecurityKind.BANK_GUARANTEE, amount=Decimal(5000), reference="G",
            expires_on=today + timedelta(days=5), recorded_by=valuer, recorded_at=now,
        )
        for n, case in numbered
        if n % 4 == 0
    )  # fmt: skip
