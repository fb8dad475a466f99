"""Building part 2.2's cases through the services, on entries filed through part 2.3's."""

from decimal import Decimal

from customs_valuation.commercial.services import cases as case_services
from tests.customs_declarations import helpers as declaration_helpers

RATE = Decimal("3.7000")


def entry(world, *, usd="10000.00", supplier=None, **extra):
    """An entry filed by agent A for its importer, with a valid annual declaration."""
    supplier = supplier or declaration_helpers.supplier(world)
    declaration_helpers.declaration(world, supplier)
    filing = declaration_helpers.file_entry(world, supplier, usd=usd, **extra)
    assert filing.entry is not None, filing.blocks
    return filing.entry


def open_case(
    world,
    the_entry=None,
    *,
    items=(("8516.40", "Hair dryers", 1000, "10000.00"),),
    rate=RATE,
    country="CN",
    **facts,
):
    the_entry = the_entry or entry(world)
    case = case_services.case_open(
        actor=world.valuer, entry=the_entry, exchange_rate=rate, country_of_export=country
    )
    for tariff_item, description, quantity, value in items:
        case_services.item_add(
            actor=world.valuer,
            case=case,
            tariff_item=tariff_item,
            description=description,
            quantity=quantity,
            value=Decimal(value),
        )
    if facts:
        case = case_services.case_facts_record(actor=world.valuer, case=case, **facts)
    case.refresh_from_db()
    return case
