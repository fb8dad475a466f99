"""Valuation cases for tests, made through the services like real ones."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from customs_valuation import services
from customs_valuation.models import CaseKind, DocumentKind, VehiclePrice


def vehicle_case(*, officer, importer, invoice="20000", road_months=24, **fields):
    """A Toyota Corolla from the demo price list, shipped from North America."""
    price = VehiclePrice.objects.get(make="Toyota", model="Corolla", year=2022)
    today = timezone.localdate()
    defaults = {
        "make": price.make,
        "model": price.model,
        "manufacture_year": price.year,
        "price_list_entry": price,
        "category": price.category,
        "invoice_value": Decimal(invoice),
        "first_road_date": today - timedelta(days=31 * road_months),
        "freight_origin": "north_america",
        "chassis_number": "JTDBR32E720012345",
    }
    return services.case_open(
        actor=officer,
        importer=importer,
        kind=CaseKind.VEHICLE,
        valuation_date=today,
        **{**defaults, **fields},
    )


def goods_case(*, officer, importer, **fields):
    defaults = {
        "goods_description": "Espresso machine",
        "invoice_value": Decimal("2400"),
        "freight": Decimal("300"),
        "price_abroad": Decimal("2500"),
    }
    return services.case_open(
        actor=officer,
        importer=importer,
        kind=CaseKind.GOODS,
        valuation_date=timezone.localdate(),
        **{**defaults, **fields},
    )


def all_documents(case, actor):
    for kind in DocumentKind:
        services.document_add(actor=actor, case=case, kind=kind, note="paper")
