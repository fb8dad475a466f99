"""Demo data of part 2.2, made through the services, for the README's three walk-throughs:
a case resolved by the transaction value after documents (DEMO-C-2001), one by identical goods
with two candidates (DEMO-C-2002), one sent to the chief valuer against a guarantee
(DEMO-C-2003). Each is left where the valuer (or the chief valuer) takes it to its notice.
Idempotent. Runs after part 2.3's demo (its agent, importers, suppliers and declarations) and
needs the demo users customs_agent, customs_valuer, customs_chief, customs_director."""

from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from taxportal.models import User

from ..declarations.choices import EntryKind
from ..declarations.models import CustomsAgent, CustomsHouse, CustomsHouseStaff, Importer, Supplier
from ..declarations.services import entries as entry_services
from .choices import (
    CheckResult,
    Ground,
    ImporterOption,
    Method,
    SecurityKind,
    Trigger,
)
from .models import AcceptedValue, CommercialCase
from .services import cases as case_services
from .services import decisions as decision_services
from .services import documents as document_services
from .services import special as special_services

RATE = Decimal("3.6500")
ITEM = "7323.93"  # stainless-steel kitchen articles
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# The value history of 7323.93 from Hong Kong (NIS a unit), days before today: the two within 90
# days are the candidates of DEMO-C-2002; the others are older and only in the history.
HISTORY = [
    (20, "44.80", "Guangdong Steel Homeware"),
    (45, "42.60", "Ningbo Kitchen Co"),
    (120, "35.00", "Foshan Steelware Factory"),
    (150, "40.50", "Foshan Steelware Factory"),
    (200, "38.00", "Ningbo Kitchen Co"),
    (260, "47.10", "Guangdong Steel Homeware"),
]


def _pdf(name: str) -> ContentFile:
    return ContentFile(PDF, name=name)


def _people():
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=["customs_agent", "customs_valuer", "customs_chief", "customs_director"]
        )
    }
    haifa = CustomsHouse.objects.get(code="haifa")
    CustomsHouseStaff.objects.get_or_create(
        user=users["customs_chief"],
        customs_house=haifa,
        defaults={"started_on": timezone.localdate() - timedelta(days=365)},
    )
    return users, haifa


@transaction.atomic
def load(stdout=None) -> None:
    if CommercialCase.objects.filter(entry__number="DEMO-C-2001").exists():
        if stdout is not None:
            stdout.write("Commercial valuation demo: already loaded.")
        return
    users, haifa = _people()
    agent_user, valuer = users["customs_agent"], users["customs_valuer"]
    galil = CustomsAgent.objects.get(licence_number="2101")
    ziv = Importer.objects.get(number="510000003")
    kinneret = Importer.objects.get(number="510000011")
    kowloon = (
        Supplier.objects.filter(name="Kowloon Homeware Trading Ltd", merged_into__isnull=True)
        .order_by("pk")
        .first()
    )
    assert kowloon is not None  # the declarations demo made the supplier first
    today = timezone.localdate()
    for days, value, maker in HISTORY:
        AcceptedValue.objects.create(
            tariff_item=ITEM,
            country_id="HK",
            imported_on=today - timedelta(days=days),
            unit_value=Decimal(value),
            manufacturer=maker,
            quantity=1200,
            method=Method.TRANSACTION,
            entry_number=f"DEMO-H-{days}",
        )

    def file(importer, number, usd):
        filing = entry_services.entry_file(
            actor=agent_user,
            agent=galil,
            importer=importer,
            supplier_number=kowloon.pk,
            customs_house=haifa,
            number=number,
            kind=EntryKind.REGULAR,
            goods_value=Decimal(usd),
            currency="USD",
            usd_value=Decimal(usd),
            thorough_examination=True,
        )
        return filing.entry

    def open_case(entry, quantity, value, **facts):
        case = case_services.case_open(
            actor=valuer, entry=entry, exchange_rate=RATE, country_of_export="HK"
        )
        case_services.item_add(
            actor=valuer,
            case=case,
            tariff_item=ITEM,
            description="Stainless-steel pots",
            quantity=quantity,
            value=Decimal(value),
        )
        return case_services.case_facts_record(
            actor=valuer,
            case=case,
            incoterm_place="Hong Kong",
            transport_mode="sea",
            manufacturer="Foshan Steelware Factory",
            supplier_is_manufacturer=False,
            **facts,
        )

    # 1. The transaction value after documents: a buying agent's commission on the invoice; the
    # agent has answered the request; FOB, so the carriage must be added.
    first = open_case(file(ziv, "DEMO-C-2001", "24000.00"), 2000, "24000.00", incoterm="FOB")
    case_services.trigger_set(
        actor=valuer,
        case=first,
        code=Trigger.COMMISSIONS,
        marked=True,
        note="The invoice shows 2% to a buying agent in Shenzhen.",
    )
    request = document_services.documents_request(
        actor=valuer,
        case=first,
        items=[
            ("d", "The agency agreement with the buying agent"),
            ("g8", "Its invoices for the commission"),
            ("b", ""),
        ],
        note="For the commission on the invoice.",
    )
    for item in request.items.all():
        document_services.document_upload(
            actor=agent_user,
            agent=galil,
            item=item,
            upload=_pdf(f"{item.code}.pdf"),
            answer="Attached." if item.code != "b" else "The 2026 catalogue.",
        )
    case_services.verification_record(
        actor=valuer,
        case=first,
        step="63a",
        result=CheckResult.CONFIRMED,
        note="Paid in full by two transfers.",
    )

    # 2. Identical goods: a value 25% under the median; the importer could not explain it.
    second = open_case(file(kinneret, "DEMO-C-2002", "7500.00"), 1000, "7500.00", incoterm="CIF")
    case_services.ground_record(
        actor=valuer,
        case=second,
        code=Ground.DOUBT,
        reason="27.38 NIS a unit against a median of 41.55 over 12 months.",
        asked="Explain the price (request of last week).",
        answered="A clearance of last year's model; no documents.",
    )

    # 3. Not convinced: the importer chose (c), a bank guarantee; the file is with the chief
    # valuer, and the guarantee lapses in 10 days.
    third = open_case(file(ziv, "DEMO-C-2003", "16000.00"), 1000, "16000.00", incoterm="CIF")
    decision_services.case_not_satisfied(
        actor=valuer,
        case=third,
        reasons="The importer pays the brand owner a licence fee per unit sold in Israel; the "
        "agreement was not produced.",
        provisional_value=Decimal("64000.00"),
        taxes_declared=Decimal("9800.00"),
        taxes_provisional=Decimal("12150.00"),
    )
    decision_services.case_choose(
        actor=agent_user, agent=galil, case=third, option=ImporterOption.SECURITY
    )
    decision_services.case_security_record(
        actor=valuer,
        case=third,
        kind=SecurityKind.BANK_GUARANTEE,
        amount=Decimal("2350.00"),
        reference="Bank Hapoalim 77-1029",
        expires_on=today + timedelta(days=10),
    )
    special_services.consultation_ask(
        actor=valuer,
        case=third,
        question="Is a per-unit licence fee to the brand owner a "
        "royalty under section 133(a)(6) when the supplier is not related to it?",
    )
    if stdout is not None:
        stdout.write("Commercial valuation demo: three cases (DEMO-C-2001 to DEMO-C-2003).")
