"""Demo cases in every state, made through the services so each carries its decisions and
audit trail. Idempotent: a case whose demo marker (chassis number or goods description) exists
is left alone. Needs the demo users of `load_demo`."""

import json
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from taxportal.demo import demo_user
from taxportal.models import User
from taxportal.roles import Role

from . import services
from .commercial import demo as commercial_demo
from .declarations import demo as declarations_demo
from .models import (
    AppealOutcome,
    CaseKind,
    DocumentKind,
    ExtraSource,
    OptionalExtra,
    ReleaseForm,
    ValuationCase,
    VehiclePrice,
)
from .reference import FIXTURES

EXTRA_PEOPLE = [
    # username, first, last, national id, role
    ("importer_yael", "Yael", "Ben-David", "868250804", Role.CITIZEN),
    ("importer_moshe", "Moshe", "Shapiro", "153993548", Role.CITIZEN),
    ("appeal_member2", "Hila", "Rosen", None, Role.APPEAL_COMMITTEE_MEMBER),
    ("appeal_legal", "Adv. Gil", "Naor", None, Role.APPEAL_COMMITTEE_MEMBER),
]
# Nobody registered online with this identity number: notices go to this address by post.
POSTAL_IMPORTER: dict[str, Any] = {
    "importer_national_id": "034587121",
    "importer_name": "Avi Mizrahi",
    "importer_address": "רחוב הרצל 12, באר שבע 8410001",
}
VEHICLE_DOCS = [
    DocumentKind.INVOICE, DocumentKind.IDENTITY, DocumentKind.FREIGHT_BILL,
    DocumentKind.DELIVERY_ORDER, DocumentKind.VEHICLE_LICENCE, DocumentKind.FORM_21,
    DocumentKind.FORM_139,
]  # fmt: skip


def _amounts() -> dict:
    """The demo's invoice amounts and costs, as Decimals (fixtures/customs_valuation/)."""
    text = (FIXTURES / "demo_amounts.json").read_text(encoding="utf-8")
    return json.loads(text, object_hook=_decimals)


def _decimals(mapping: dict) -> dict:
    return {
        key: Decimal(value) if isinstance(value, str) and key != "_comment" else value
        for key, value in mapping.items()
    }


def _person(username, first, last, national_id, role) -> User:
    return demo_user(
        username=username, role=role, first_name=first, last_name=last, national_id=national_id
    )


def _price(make, model) -> VehiclePrice:
    price = VehiclePrice.objects.filter(make=make, model=model).order_by("-year").first()
    assert price is not None  # the reference tables are loaded first
    return price


def _vehicle(officer, importer, chassis, *, docs=VEHICLE_DOCS, **fields) -> ValuationCase:
    """A vehicle case for a registered importer, or (importer None) for the identity number in
    `fields`."""
    today = timezone.localdate()
    case = services.case_open(
        actor=officer,
        importer=importer,
        kind=CaseKind.VEHICLE,
        valuation_date=today - timedelta(days=3),
        chassis_number=chassis,
        **fields,
    )
    for kind in docs:
        services.document_add(actor=officer, case=case, kind=kind, note="התקבל בדלפק בית המכס")
    return case


@transaction.atomic
def load(stdout=None) -> None:
    declarations_demo.load(stdout)  # part 2.3
    commercial_demo.load(stdout)  # part 2.2, on part 2.3's agents and entries
    if ValuationCase.objects.filter(chassis_number__startswith="DEMO").exists():
        if stdout is not None:
            stdout.write("Customs valuation demo cases: already loaded.")
        return
    officer = User.objects.get(username="customs_officer")
    supervisor = User.objects.get(username="import_supervisor")
    citizen = User.objects.get(username="citizen")
    member = User.objects.get(username="appeal_member")
    yael, moshe, member2, legal = (_person(*p) for p in EXTRA_PEOPLE)
    committee = [member, member2, legal]
    today = timezone.localdate()
    corolla = _price("Toyota", "Corolla")
    tucson = _price("Hyundai", "Tucson")
    mustang = _price("Ford", "Mustang")
    model3 = _price("Tesla", "Model 3")
    amounts = _amounts()
    invoices = amounts["vehicle_invoices"]
    usa = {"freight_origin": "north_america", **amounts["vehicle_import_costs"]}

    def vehicle_fields(price, case, road_months_ago, **extra):
        return {
            "make": price.make, "model": price.model, "version": price.version,
            "manufacture_year": price.year, "price_list_entry": price,
            "category": price.category, "invoice_value": invoices[case],
            "first_road_date": today - timedelta(days=30 * road_months_ago), **usa, **extra,
        }  # fmt: skip

    # 1. Open: the README walkthrough (an invoice far below the price list).
    walk = _vehicle(
        officer, citizen, "DEMO1HGCM82633A004352",
        **vehicle_fields(corolla, "walkthrough", 30, engine_volume=1798),
    )  # fmt: skip
    services.extra_add(
        actor=officer, case=walk, extra=OptionalExtra.objects.get(code="sunroof"),
        source=ExtraSource.MANUFACTURER,
    )  # fmt: skip

    # 2. Open with a reasonable invoice.
    # (CUS-6: the invoice without the taxes itemised on it, and those taxes apart.)
    _vehicle(
        officer, yael, "DEMO2KMHJ381ABU12345",
        **vehicle_fields(tucson, "reasonable", 12, export_taxes=amounts["reasonable_export_taxes"]),
    )  # fmt: skip

    # 3. At the appraiser: a model not in the price list (CUS-14).
    odd = _vehicle(
        officer, moshe, "DEMO3ZFF79ALA1234567", make="Alfa Romeo", model="4C Spider",
        manufacture_year=2016, invoice_value=invoices["unlisted"], **usa,
    )  # fmt: skip
    services.case_send_to_appraiser(
        actor=officer, case=odd, reasons="הדגם אינו מופיע במחירון הרכב; נדרשת קביעת שמאי מטעם המכס."
    )

    # 4. Notice of intent, guarantee lodged (release under protest), awaiting the answer.
    intent = _vehicle(
        officer, citizen, "DEMO4TSLA3SR2021001", **vehicle_fields(model3, "intent", 20)
    )
    services.case_notice_of_intent(
        actor=officer, case=intent,
        reasons="מחיר החשבונית נמוך בהרבה מערך המחירון בניכוי עלויות היבוא, "
        "ולא הוצגה ראיה לתשלום במחיר זה.",
    )  # fmt: skip
    services.release_record(
        actor=officer, case=intent, form=ReleaseForm.BANK_GUARANTEE,
        reference="Bank Leumi guarantee 77-1234", lodged_on=today,
    )  # fmt: skip

    # 5. Answered: awaiting the supervisor.
    answered = _vehicle(
        officer, yael, "DEMO5FORDMUSTANG0005", **vehicle_fields(mustang, "answered", 40)
    )
    services.case_notice_of_intent(
        actor=officer, case=answered, reasons='מחיר החשבונית נמוך בהרבה ממחירי רכבים דומים בארה"ב.'
    )
    services.case_answer_notice(
        actor=yael, case=answered,
        text="הרכב נרכש במכירה פומבית לאחר נזקי ברד; קבלת המכירה מצורפת.",
    )  # fmt: skip

    # 6. Accepted.
    accepted = _vehicle(
        officer, moshe, "DEMO6KMHJ381ABU99999", **vehicle_fields(tucson, "accepted", 6)
    )
    services.case_accept_declared_value(
        actor=officer, case=accepted, reasons="החשבונית סבירה; הוצג אישור העברת תשלום."
    )

    # 7. Value set after the answer, guarantee about to lapse (the queue warns).
    disq = _vehicle(
        officer, citizen, "DEMO7TOYOTACOROLLA07", **vehicle_fields(corolla, "disqualified", 14)
    )
    services.case_notice_of_intent(actor=officer, case=disq, reasons="מחיר החשבונית אינו סביר.")
    services.release_record(
        actor=officer, case=disq, form=ReleaseForm.BANK_GUARANTEE,
        reference="Discount Bank 55-9876", lodged_on=today - timedelta(days=80),
    )  # fmt: skip
    services.case_answer_notice(actor=citizen, case=disq, text="המוכר הוא קרוב משפחה.")
    services.case_supervisor_decide(
        actor=supervisor, case=disq, convinced=False,
        reasons="מכירה בין קרובים אינה מעידה על מחיר השוק; לא הוצגה הוכחת תשלום.",
    )  # fmt: skip

    # 8. Appealed and forwarded to the committee.
    appealed = _vehicle(
        officer, yael, "DEMO8TSLA3SR2021008", **vehicle_fields(model3, "appealed", 24)
    )
    services.case_notice_of_intent(actor=officer, case=appealed, reasons="מחיר החשבונית אינו סביר.")
    services.case_answer_notice(
        actor=yael, case=appealed, text="הרכב עבר קילומטראז' גבוה והסוללה הוחלפה."
    )
    services.case_supervisor_decide(
        actor=supervisor, case=appealed, convinced=False, reasons="התשובה לא שכנעה."
    )
    appeal = services.appeal_file(
        actor=yael, case=appealed, grounds="הסוללה הוחלפה והרכב עבר קילומטראז' גבוה."
    )
    services.appeal_forward(
        actor=supervisor, appeal=appeal, opinion="הקילומטראז' מתועד; יש מקום לשקול הפחתה."
    )

    # 9. Appeal allowed in part: the deposit settled to the tax difference the decision keeps.
    decided = _vehicle(
        officer, moshe, "DEMO9FORDMUSTANG0009", **vehicle_fields(mustang, "appeal_decided", 50)
    )
    services.case_notice_of_intent(actor=officer, case=decided, reasons="מחיר החשבונית אינו סביר.")
    services.release_record(
        actor=officer, case=decided, form=ReleaseForm.DEPOSIT,
        reference="Customs receipt 2026-4411", lodged_on=today - timedelta(days=20),
    )  # fmt: skip
    services.case_answer_notice(actor=moshe, case=decided, text="לרכב היסטוריית תאונה מתועדת.")
    services.case_supervisor_decide(
        actor=supervisor, case=decided, convinced=False, reasons="הממונה לא שוכנע."
    )
    appeal = services.appeal_file(actor=moshe, case=decided, grounds="לרכב היסטוריית תאונה.")
    services.appeal_forward(actor=supervisor, appeal=appeal, opinion='דו"ח התאונה אמין.')
    services.appeal_decide(
        actor=member, appeal=appeal, outcome=AppealOutcome.VALUE_CHANGED,
        value=amounts["appeal_decided_value"], reasons="דו\"ח התאונה מצדיק ערך נמוך יותר.",
        members=committee, legal_adviser=legal,
    )  # fmt: skip

    # 10. Closed: no appeal in time, the guarantee forfeited.
    closed = _vehicle(
        officer, citizen, "DEMO10TOYOTACOROLLA1", **vehicle_fields(corolla, "closed", 8)
    )
    services.case_notice_of_intent(actor=officer, case=closed, reasons="מחיר החשבונית אינו סביר.")
    services.release_record(
        actor=officer, case=closed, form=ReleaseForm.BANK_GUARANTEE,
        reference="Hapoalim 12-3456", lodged_on=today - timedelta(days=40),
    )  # fmt: skip
    # No answer came in the 30 days (CUS-10): only then may the supervisor decide.
    ValuationCase.objects.filter(pk=closed.pk).update(answer_due=today - timedelta(days=40))
    services.case_supervisor_decide(
        actor=supervisor, case=closed, convinced=False, reasons="לא התקבלה תשובה."
    )
    ValuationCase.objects.filter(pk=closed.pk).update(appeal_due=today - timedelta(days=1))
    services.case_finalise(case_id=closed.pk, today=today)

    # 11. Accepted after the answer: the guarantee returned with a settlement notice (CUS-17).
    convinced = _vehicle(
        officer, yael, "DEMO11KMHJ381ABU1111", **vehicle_fields(tucson, "convinced", 18)
    )
    services.case_notice_of_intent(
        actor=officer, case=convinced, reasons="מחיר החשבונית אינו סביר."
    )
    services.release_record(
        actor=officer, case=convinced, form=ReleaseForm.BANK_GUARANTEE,
        reference="Mizrahi-Tefahot 31-7788", lodged_on=today,
    )  # fmt: skip
    services.case_answer_notice(
        actor=yael, case=convinced, text="מצורף אישור העברה בנקאית על מלוא מחיר החשבונית."
    )
    services.case_supervisor_decide(
        actor=supervisor, case=convinced, convinced=True, reasons="אישור ההעברה משכנע."
    )

    # 12. An importer who has not registered online (CUS-4, CUS-12): the notice goes by post.
    posted = _vehicle(
        officer, None, "DEMO12TOYOTACOROLLA2", **vehicle_fields(corolla, "posted", 16),
        **POSTAL_IMPORTER,
    )  # fmt: skip
    services.case_notice_of_intent(actor=officer, case=posted, reasons="מחיר החשבונית אינו סביר.")

    # Goods: open, awaiting the supervisor's approval of depreciation, and a value set.
    goods: dict[str, Any] = {"kind": CaseKind.GOODS, "valuation_date": today - timedelta(days=2)}
    services.case_open(
        actor=officer, importer=citizen, goods_description="DEMO מכונת אספרסו",
        tariff_item="8516.71", **amounts["goods"]["espresso"], **goods,
    )  # fmt: skip
    used = services.case_open(
        actor=officer, importer=yael, goods_description="DEMO אופני כביש משומשים",
        tariff_item="8712.00", **amounts["goods"]["used_bike"], **goods,
    )  # fmt: skip
    services.case_accept_declared_value(
        actor=officer, case=used, reasons="שנתיים של שימוש הוכחו ברישומי תחרויות."
    )
    cheap = services.case_open(
        actor=officer, importer=moshe, goods_description="DEMO תיק מעצבים",
        tariff_item="4202.21", **amounts["goods"]["designer_bag"], **goods,
    )  # fmt: skip
    services.case_decide_value(
        actor=officer, case=cheap, reasons='מחיר החשבונית נמוך בהרבה מהמחיר בחו"ל.'
    )
    # Goods for the importer who has not registered: the decision went by post and its delivery
    # is recorded; the 30 days to appeal run from that day (CUS-23).
    watch = services.case_open(
        actor=officer, goods_description="DEMO שעון יד יוקרתי", tariff_item="9101.11",
        **POSTAL_IMPORTER, **amounts["goods"]["watch"], **goods,
    )  # fmt: skip
    posted_decision = services.case_decide_value(
        actor=officer, case=watch, reasons='מחיר החשבונית נמוך בהרבה מהמחיר בחו"ל.'
    )
    services.decision_record_delivery(actor=officer, decision=posted_decision, delivered_on=today)
    if stdout is not None:
        stdout.write(
            f"Customs valuation demo cases: {ValuationCase.objects.count()} "
            f"(walkthrough case {walk.reference} for 'citizen')."
        )
