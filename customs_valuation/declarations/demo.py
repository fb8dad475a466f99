"""Demo data of part 2.3, made through the services: agents and their importers, suppliers,
declarations in every status, a pair blocked for an overdue correction, a wrong supplier, a
merged supplier. Dates in the past are reached by moving a declaration's dates back and letting
the daily jobs do the rest. Idempotent: nothing is added once the demo agent has declarations.
Needs the demo users of `load_demo` (customs_agent, customs_valuer, valuation_unit)."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from taxportal.demo import demo_user
from taxportal.models import User
from taxportal.roles import Role

from .choices import DeclarationForm, EntryKind
from .choices import DeclarationStatus as D
from .choices import SupplierStatus as S
from .models import (
    AgentAuthorisation,
    CustomsAgent,
    CustomsHouse,
    CustomsHouseStaff,
    Importer,
    ImporterDeclaration,
)
from .services import declarations as declaration_services
from .services import entries as entry_services
from .services import status as status_services
from .services import suppliers as supplier_services
from .services import unit as unit_services
from .services.daily import run_daily

SINCE = date(2024, 1, 1)
IMPORTERS = [
    ("510000003", "זיו תאורה בע״מ / Ziv Lighting Ltd"),
    ("510000011", "כנרת כלי בית בע״מ / Kinneret Home Goods Ltd"),
    ("510000029", "ערבה כלי עבודה בע״מ / Arava Tools Ltd"),
    ("510000037", "גליל אופנה בע״מ / Galil Fashion Ltd"),
]
SUPPLIERS = [
    # name, country, city, postcode, dealer number
    ("Shenzhen Bright Lamps Co., Ltd.", "CN", "Shenzhen", "518057", "91440300-MA5F"),
    ("Kowloon Homeware Trading Ltd", "HK", "Kowloon", "", "HK-2231987"),
    ("Taichung Precision Tools Corp.", "TW", "Taichung", "", "TW53412"),
    ("Werkzeug Müller GmbH", "DE", "Stuttgart", "70173", "DE811234567"),
    ("Milano Tessuti S.p.A.", "IT", "Milano", "20121", "IT01234560157"),
    ("Pacific Outdoor Inc.", "US", "Portland", "97201", "93-1234567"),
    ("Guangzhou Kitchen Works", "CN", "Guangzhou", "510000", ""),
    ("Ningbo Fasteners Co", "CN", "Ningbo", "315000", "NB-778812"),
]
DATA = {
    "currency": "USD",
    "incoterm": "FOB",
    "payment_terms": "30 days from the bill of lading",
    "related_parties": False,
    "relationship_details": "",
    "signatory_name": "Director / מנהל",
}


def _people():
    agent_user = User.objects.get(username="customs_agent")
    valuer = User.objects.get(username="customs_valuer")
    unit = User.objects.get(username="valuation_unit")
    negev_user = demo_user(
        username="agent_negev", role=Role.CUSTOMS_AGENT, first_name="Rina", last_name="Mor"
    )
    ashdod = demo_user(
        username="valuer_ashdod", role=Role.CUSTOMS_HOUSE_VALUER, first_name="Eyal", last_name="Tal"
    )
    galil, _ = CustomsAgent.objects.get_or_create(
        licence_number="2101", defaults={"name": "גליל עמילות מכס / Galil Customs Brokers"}
    )
    negev, _ = CustomsAgent.objects.get_or_create(
        licence_number="2102", defaults={"name": "נגב שילוח / Negev Forwarding"}
    )
    galil.users.add(agent_user)
    negev.users.add(negev_user)
    houses = {h.code: h for h in CustomsHouse.objects.all()}
    for user, house in [(valuer, "haifa"), (ashdod, "ashdod")]:
        CustomsHouseStaff.objects.get_or_create(
            user=user, customs_house=houses[house], defaults={"started_on": SINCE}
        )
    importers = []
    for number, name in IMPORTERS:
        importer, _ = Importer.objects.get_or_create(number=number, defaults={"name": name})
        importers.append(importer)
    for importer in importers[:3]:
        AgentAuthorisation.objects.get_or_create(
            agent=galil, importer=importer, defaults={"valid_from": SINCE}
        )
    AgentAuthorisation.objects.get_or_create(
        agent=negev, importer=importers[3], defaults={"valid_from": SINCE}
    )
    return agent_user, valuer, unit, galil, negev, negev_user, houses["haifa"], importers


def _backdate(declaration, *, entered: date | None = None, day_zero: date | None = None):
    """Move a declaration's dates into the past (the demo cannot wait 21 days or 12 months)."""
    fields: dict[str, Any] = {}
    if entered is not None:
        fields |= {"entered_on": entered, "valid_until": entered + relativedelta(months=12)}
    if day_zero is not None:
        fields |= {"count_started_on": day_zero, "blocked_from": day_zero + timedelta(days=22)}
    ImporterDeclaration.objects.filter(pk=declaration.pk).update(**fields)


@transaction.atomic
def load(stdout=None) -> None:
    agent_user, valuer, unit, galil, negev, negev_user, haifa, importers = _people()
    if galil.declarations.exists():
        if stdout is not None:
            stdout.write("Importer declarations demo: already loaded.")
        return
    today = timezone.localdate()
    suppliers = [
        supplier_services.supplier_enter(
            actor=agent_user,
            agent=galil,
            data={"name": n, "country": c, "address": "1 Harbour Road", "city": city}
            | {"postcode": post, "dealer_number": dealer},
            confirm_duplicate=True,
        )
        for n, c, city, post, dealer in SUPPLIERS
    ]
    for supplier in suppliers[1:7]:
        supplier_services.supplier_set_status(
            actor=valuer, supplier=supplier, status=S.CORRECT, reason="Checked against invoice."
        )

    def declare(importer, supplier, **data):
        made, _warnings = declaration_services.declaration_enter(
            actor=agent_user,
            agent=galil,
            importer=importer,
            supplier_number=supplier.pk,
            form=DeclarationForm.ANNUAL,
            data=DATA | {"signed_on": today - timedelta(days=3)} | data,
        )
        return made

    def check(declaration, *codes, reason="See the attached invoice."):
        status_services.declaration_check(
            actor=valuer,
            declaration=declaration,
            findings=[(code, reason) for code in codes],
            house=haifa,
        )

    def file(importer, supplier, number, usd="2500.00", kind=EntryKind.REGULAR):
        return entry_services.entry_file(
            actor=agent_user, agent=galil, importer=importer, supplier_number=supplier.pk,
            customs_house=haifa, number=number, kind=kind, goods_value=Decimal(usd),
            currency="USD", usd_value=Decimal(usd), thorough_examination=True,
        )  # fmt: skip

    ziv, kinneret, arava, galil_fashion = importers
    # 1: not yet handled (its supplier too).
    declare(ziv, suppliers[0])
    # 2: approved, with an entry carrying the original; 4: the agent sees 2.
    approved = declare(ziv, suppliers[1])
    file(ziv, suppliers[1], "DEMO-E-1001")
    check(approved)
    check(declare(kinneret, suppliers[1]), D.PRICE_SUSPECTED, reason="Price 40% below market.")
    # 3: a typing error corrected by the agent; 5: a typing error waiting.
    corrected = declare(kinneret, suppliers[2])
    check(corrected, D.TYPING_ERROR, reason="Incoterm is CIF on the signed original.")
    declaration_services.declaration_correct(
        actor=agent_user, agent=galil, declaration=corrected, data={"incoterm": "CIF"}
    )
    check(declare(arava, suppliers[2]), D.TYPING_ERROR, reason="Currency is TWD on the invoice.")
    # 6: a mismatch with an entry waiting for its correction; 7 and 8.
    mismatch = declare(arava, suppliers[3])
    file(arava, suppliers[3], "DEMO-E-1002")
    check(mismatch, D.INVOICE_MISMATCH, reason="The supplier's address differs on the invoice.")
    check(declare(ziv, suppliers[3]), D.NOT_SIGNED, reason="Not signed by the importer.")
    check(declare(kinneret, suppliers[4]), D.ORIGINAL_MISSING, reason="Original not submitted.")
    # 9: cancelled by the valuation unit; 10 and 11.
    status_services.declaration_cancel(
        actor=unit, declaration=declare(arava, suppliers[4]), reason="Filed for a dormant importer."
    )
    check(declare(ziv, suppliers[5]), D.MISCELLANEOUS, reason="Please add the agent's phone.")
    misc = declare(kinneret, suppliers[5])
    check(misc, D.MISCELLANEOUS, reason="Payment terms unclear.")
    declaration_services.declaration_correct(
        actor=agent_user, agent=galil, declaration=misc, data={"payment_terms": "60 days net"}
    )
    # 12: entered 13 months ago, never approved; the daily job expires it.
    _backdate(declare(arava, suppliers[5]), entered=today - relativedelta(months=13))
    # The blocked pair: a typing error sent 30 days ago, never corrected.
    overdue = declare(arava, suppliers[6])
    check(overdue, D.TYPING_ERROR, reason="The supplier's name is misspelt on the declaration.")
    _backdate(overdue, day_zero=today - timedelta(days=30))
    run_daily(today)
    # A wrong supplier (9) blocks every importer.
    supplier_services.supplier_set_status(
        actor=valuer, supplier=suppliers[7], status=S.WRONG, reason="No such firm at the address."
    )
    # A supplier entered twice by another agent, merged into the first.
    twice = supplier_services.supplier_enter(
        actor=negev_user,
        agent=negev,
        data={"name": "SHENZHEN BRIGHT LAMPS CO LTD", "country": "CN", "address": "88 Keyuan Rd"}
        | {"city": "Shenzhen", "postcode": "518057", "dealer_number": ""},
        confirm_duplicate=True,
    )
    unit_services.suppliers_merge(
        actor=unit, survivor=suppliers[0], merged=[twice], reason="Entered twice."
    )
    if stdout is not None:
        stdout.write(
            f"Importer declarations demo: {ImporterDeclaration.objects.count()} declarations, "
            f"{len(suppliers) + 1} suppliers (one merged), a blocked pair."
        )
