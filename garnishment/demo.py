"""Demo data: two third parties, three authorities, CPI values, reports in every state,
statements and a payment. Idempotent: what exists is left as it is."""

import json
from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile

from taxportal.models import User
from taxportal.money import to_decimal

from . import services
from .models import (
    AuthorityMembership,
    CpiValue,
    Payment,
    RegulationsPublication,
    Report,
    ServiceArrangement,
    ServingAuthority,
    SubmitterMembership,
    ThirdParty,
)

DEMO_DIR = settings.BASE_DIR / "fixtures" / "garnishment"
# (third party's company number, report file, month)
DEMO_REPORTS = [
    ("520000472", "bank-2026-09.csv", date(2026, 9, 1)),
    ("520000472", "bank-2026-10.csv", date(2026, 10, 1)),
    ("513000000", "cards-2026-10.csv", date(2026, 10, 1)),
]


def load(stdout=None) -> None:
    data = json.loads((DEMO_DIR / "demo.json").read_text(encoding="utf-8"))
    for entry in data["cpi"]:
        CpiValue.objects.get_or_create(
            year=entry["year"],
            defaults={
                "december_index": entry["index"],
                "base_period": "ערכי הדגמה",
                "source": "ערכי הדגמה: יש להזין את המדד שפרסמה הלשכה המרכזית לסטטיסטיקה",
                # The November index, published mid-December, before the change day (GAR-12).
                "published_on": date(entry["year"], 12, 15),
            },
        )
    if not RegulationsPublication.objects.exists():
        services.regulations_publication_record(
            published_on=date.fromisoformat(data["regulations"]["published_on"]),
            source=data["regulations"]["source"],
            actor=None,
        )
    third_parties = {tp["company_number"]: _third_party(tp) for tp in data["third_parties"]}
    authorities = {a["code"]: _authority(a) for a in data["authorities"]}
    for entry in data["arrangements"]:
        ServiceArrangement.objects.get_or_create(
            authority=authorities[entry["authority"]],
            third_party=third_parties[entry["third_party"]],
            defaults={
                "notice_on": date.fromisoformat(entry["notice_on"]),
                "payment_term_days": entry["payment_term_days"],
                "notes": entry.get("notes", ""),
            },
        )
    submitter = User.objects.get(username="bank_submitter")
    for company_number, filename, period in DEMO_REPORTS:
        content = (DEMO_DIR / "demo_reports" / filename).read_bytes()
        services.report_submit(
            third_party=third_parties[company_number],
            period=period,
            binary=ContentFile(content),
            original_name=filename,
            file_format="csv",
            channel=Report.Channel.UPLOAD,
            actor=submitter,
        )
    for month in (9, 10):
        services.statements_produce(period=date(2026, month, 1))
    if not Payment.objects.exists():
        services.payment_record(
            authority=authorities["TLV"],
            third_party=third_parties["520000472"],
            period=date(2026, 9, 1),
            amount=to_decimal(data["payment"]["amount"]),
            paid_on=date(2026, 10, 20),
            reference=data["payment"]["reference"],
            actor=User.objects.get(username="authority_finance"),
        )
    if stdout is not None:
        stdout.write(
            f"Garnishment demo: {len(third_parties)} third parties, {len(authorities)} "
            f"authorities, {Report.objects.count()} reports."
        )


def _third_party(entry: dict) -> ThirdParty:
    fields = {
        k: v
        for k, v in entry.items()
        if k not in {"company_number", "submitter", "replaced_officer"} and not k.startswith("_")
    }
    third_party = ThirdParty.objects.filter(company_number=entry["company_number"]).first()
    if third_party is None:
        third_party = ThirdParty(
            company_number=entry["company_number"],
            status=ThirdParty.Status.PUBLISHED,
            **{k: v for k, v in fields.items() if k != "published_on"},
        )
        third_party.form1_file.save("form1-demo.pdf", ContentFile(b"%PDF-1.4 demo"), save=False)
        third_party.save()
        services.third_party_publish(
            third_party=third_party,
            published_on=date.fromisoformat(entry["published_on"]),
            actor=None,
            reason="demo data",
        )
        if entry.get("replaced_officer"):  # waits for the director's review (GAR-3)
            services.third_party_request_recognition(
                third_party=third_party, details=entry["replaced_officer"], actor=None
            )
        third_party.refresh_from_db()
    if entry.get("submitter"):
        SubmitterMembership.objects.get_or_create(
            user=User.objects.get(username=entry["submitter"]),
            defaults={"third_party": third_party},
        )
    return third_party


def _authority(entry: dict) -> ServingAuthority:
    authority = ServingAuthority.objects.filter(code=entry["code"]).first()
    if authority is None:
        authority = services.serving_authority_save(
            authority=ServingAuthority(code=entry["code"], name=entry["name"], kind=entry["kind"]),
            actor=None,
        )
        override = entry.get("commencement_override")
        if override:  # commencement other than the derived one, with its reason (GAR-17)
            authority = services.serving_authority_override_commencement(
                authority=authority,
                commencement_on=date.fromisoformat(override["on"]),
                reason=override["reason"],
                actor=None,
            )
    if entry.get("clerk"):
        AuthorityMembership.objects.get_or_create(
            user=User.objects.get(username=entry["clerk"]), defaults={"authority": authority}
        )
    return authority
