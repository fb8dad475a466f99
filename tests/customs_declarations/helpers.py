"""Building part 2.3's records through the services, as the agents and valuers would."""

from datetime import date
from decimal import Decimal
from itertools import count

from customs_valuation.declarations.choices import DeclarationForm, EntryKind
from customs_valuation.declarations.services import declarations as declaration_services
from customs_valuation.declarations.services import entries as entry_services
from customs_valuation.declarations.services import suppliers as supplier_services

_numbers = count(1)

DECLARATION_DATA = {
    "currency": "EUR",
    "incoterm": "FOB",
    "payment_terms": "30 days after the bill of lading",
    "related_parties": False,
    "relationship_details": "",
    "signatory_name": "Dana Levi, CEO",
    "signed_on": date(2026, 1, 5),
}


def supplier(world, name="Bright Lamps Co", country="CN", agent=None, **fields):
    agent = agent or world.agent
    user = world.agent_user if agent == world.agent else world.other_agent_user
    data = {"name": name, "country": country, "address": "1 Road", "city": "Shenzhen"}
    data |= {"postcode": "518057"} | fields
    return supplier_services.supplier_enter(
        actor=user, agent=agent, data=data, confirm_duplicate=True
    )


def declaration(world, the_supplier, *, form=DeclarationForm.ANNUAL, entry_number="", **data):
    made, _warnings = declaration_services.declaration_enter(
        actor=world.agent_user,
        agent=world.agent,
        importer=world.importer,
        supplier_number=the_supplier.pk,
        form=form,
        data=DECLARATION_DATA | data,
        entry_number=entry_number,
    )
    return made


def file_entry(world, the_supplier, *, kind=EntryKind.REGULAR, usd="500.00", **extra):
    value = Decimal(usd)
    return entry_services.entry_file(
        actor=world.agent_user,
        agent=world.agent,
        importer=extra.pop("importer", world.importer),
        supplier_number=extra.pop("supplier_number", the_supplier.pk),
        customs_house=world.haifa,
        number=extra.pop("number", f"E{next(_numbers):08d}"),
        kind=kind,
        goods_value=value,
        currency="USD",
        usd_value=value,
        **extra,
    )
