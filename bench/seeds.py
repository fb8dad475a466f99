"""What `bench.pages` puts in each queue: `world()` the users (one of each role, logged in) and
the reference data, `grow(start, stop)` the items numbered start to stop of every queue, written
in bulk. Item n of every queue is the same kind of thing whatever the size, so 10,000 items are
the 100 items a hundred times over, spread over the same dates and statuses."""

import functools
from datetime import date, timedelta

from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from taxportal.roles import Role

BATCH = 2000
FIRST = ["דנה", "יוסי", "רחל", "משה", "נועה", "אבי", "מיכל", "דוד", "Dana", "Lior"]
LAST = ["כהן", "לוי", "מזרחי", "פרץ", "ביטון", "דהן", "אברהם", "פרידמן", "Cohen", "Levi"]
ROLES = [
    Role.LICENSING_CLERK,
    Role.DEPARTMENT_DOCTOR,
    Role.IMPORTER_CLERK,
    Role.CUSTOMS_OFFICER,
    Role.APPEAL_COMMITTEE_MEMBER,
    Role.THIRD_PARTY_SUBMITTER,
    Role.AUTHORITY_FINANCE_CLERK,
]
MONTHS = 120  # the statements of one pair of parties: ten years of months
_users: dict[str, object] = {}


def queues(queue) -> list:
    """The queues measured, as `bench.pages.Queue`s."""
    from customs_valuation import selectors as customs
    from garnishment.models import MonthlyStatement, Report, ReportLine
    from parking_badges.choices import OPEN_APPLICATION_STATUSES, ApplicationStatus
    from parking_badges.models import BadgeApplication, ImporterVehicleFile, RefundRequest

    return [
        queue(
            "badges: clerks",
            Role.LICENSING_CLERK,
            "/badges/queue/",
            'href="/badges/applications/',
            lambda: BadgeApplication.objects.filter(status__in=OPEN_APPLICATION_STATUSES).count(),
        ),
        queue(
            "badges: doctor",
            Role.DEPARTMENT_DOCTOR,
            "/badges/doctor-queue/",
            'href="/badges/doctor-queue/',
            lambda: BadgeApplication.objects.filter(status=ApplicationStatus.WITH_DOCTOR).count(),
        ),
        queue(
            "badges: refunds",
            Role.LICENSING_CLERK,
            "/badges/fees/",
            'href="/badges/fees/refunds/',
            lambda: RefundRequest.objects.filter(status__in=["open", "approved"]).count(),
        ),
        queue(
            "badges: importer files",
            Role.IMPORTER_CLERK,
            "/badges/importer/",
            'href="/badges/importer/',
            lambda: ImporterVehicleFile.objects.exclude(status="closed").count(),
        ),
        queue(
            "customs: officers",
            Role.CUSTOMS_OFFICER,
            "/customs/queue/",
            'href="/customs/cases/',
            lambda: customs.queue_rows().count(),
        ),
        queue(
            "customs: appeals",
            Role.APPEAL_COMMITTEE_MEMBER,
            "/customs/appeals/",
            "/do/appeal_decision/",
            lambda: customs.appeals_for_committee().count(),
        ),
        queue(
            "garnishment: reports",
            Role.THIRD_PARTY_SUBMITTER,
            "/garnishment/reports/",
            'href="/garnishment/reports/',
            lambda: Report.objects.filter(third_party__name="Bench bank 0").count(),
        ),
        queue(
            "garnishment: lines",
            Role.THIRD_PARTY_SUBMITTER,
            "/garnishment/reports/{lines_report}/",
            'class="line-accepted"',
            lambda: ReportLine.objects.filter(report__original_name="lines.csv").count(),
        ),
        queue(
            "garnishment: authority",
            Role.AUTHORITY_FINANCE_CLERK,
            "/garnishment/authority-home/",
            'href="/garnishment/statements/',
            lambda: MonthlyStatement.objects.filter(authority__code="BENCH0").count(),
        ),
        queue(
            "garnishment: statements",
            Role.THIRD_PARTY_SUBMITTER,
            "/garnishment/statements/",
            'href="/garnishment/statements/',
            lambda: MonthlyStatement.objects.filter(third_party__name="Bench bank 0").count(),
        ),
    ]


def world() -> dict[str, str]:
    """A user of each role, logged in: {role: session key}."""
    from taxportal.models import User

    sessions = {}
    for role in ROLES:
        user = User.objects.create(username=f"bench-{role}", first_name="Bench", last_name=role)
        user.groups.add(Group.objects.get(name=str(role)))
        _users[role] = user
        client = Client()
        client.force_login(user)
        sessions[role] = client.cookies["sessionid"].value
    return sessions


def grow(start: int, stop: int) -> None:
    if start == 0:
        _reference()
    for first in range(start, stop, BATCH):
        last = min(first + BATCH, stop)
        _badge_applications(first, last)
        _valuation_cases(first, last)
        _garnishment(first, last)


def paths() -> dict[str, str]:
    """What the queues' paths name: the report whose lines are listed."""
    from garnishment.models import Report

    return {"lines_report": Report.objects.get(original_name="lines.csv").pk}


def _reference() -> None:
    from customs_valuation import reference
    from garnishment import reference as garnishment_reference
    from garnishment.models import AuthorityMembership, SubmitterMembership

    reference.load()
    garnishment_reference.load()
    SubmitterMembership.objects.create(
        user=_users[Role.THIRD_PARTY_SUBMITTER], third_party=_third_party(0)
    )
    AuthorityMembership.objects.create(
        user=_users[Role.AUTHORITY_FINANCE_CLERK], authority=_authority(0)
    )


@functools.cache
def _third_party(k: int):
    from garnishment.models import ThirdParty

    found, _ = ThirdParty.objects.get_or_create(
        name=f"Bench bank {k}",
        defaults={
            "company_number": f"{500_000_000 + k}", "status": ThirdParty.Status.PUBLISHED,
            "security_officer_name": "Officer", "security_officer_national_id": "302466339",
            "security_officer_email": "ciso@bank.example", "security_officer_phone": "03-5555555",
            "form1_signer_name": "Signer", "form1_signer_national_id": "629923129",
            "form1_signer_role": "CEO", "form1_signed_on": "2016-01-01",
            "published_on": "2016-02-01",
        },
    )  # fmt: skip
    return found


@functools.cache
def _authority(k: int):
    from garnishment.models import ServingAuthority

    found, _ = ServingAuthority.objects.get_or_create(
        code=f"BENCH{k}", defaults={"name": f"Bench city {k}", "kind": "local"}
    )
    return found


def _name(n: int) -> tuple[str, str]:
    return FIRST[n % len(FIRST)], LAST[(n // len(FIRST)) % len(LAST)]


def _badge_applications(start: int, stop: int) -> None:
    """Item n: a holder with an open application (received, or waiting for more information)
    and another with the department doctor, each with two medical documents; the material
    arrived 0 to 179 days ago, so about half are past their 90 days."""
    from parking_badges.choices import ApplicationKind, ApplicationStatus, EligibilityGround
    from parking_badges.models import BadgeApplication, DisabledPerson, MedicalDocument

    today = timezone.localdate()
    people = DisabledPerson.objects.bulk_create(
        DisabledPerson(
            national_id=f"{100_000_000 + n}",
            first_name=_name(n)[0],
            last_name=_name(n)[1],
            street="הרצל 1",
            city="חולון",
        )
        for n in range(start, stop)
    )
    applications = []
    for n, person in zip(range(start, stop), people, strict=True):
        received = today - timedelta(days=n % 180)
        waiting_info = n % 3 == 2
        applications.append(
            BadgeApplication(
                person=person,
                kind=ApplicationKind.APPEAL if n % 10 == 9 else ApplicationKind.NEW,
                ground=EligibilityGround.LEGS,
                material_received_on=received,
                status=ApplicationStatus.INFO_REQUESTED
                if waiting_info
                else ApplicationStatus.RECEIVED,
                info_due_on=today + timedelta(days=n % 20 - 10) if waiting_info else None,
            )
        )
        applications.append(
            BadgeApplication(
                person=person,
                ground=EligibilityGround.WHEELCHAIR,
                material_received_on=received,
                status=ApplicationStatus.WITH_DOCTOR,
                sent_to_doctor_on=received + timedelta(days=1),
            )
        )
    applications = BadgeApplication.objects.bulk_create(applications)
    _refunds_and_importer_files(start, stop, people)
    MedicalDocument.objects.bulk_create(
        MedicalDocument(
            application=application,
            file=f"parking_badges/medical/bench-{application.pk}-{k}.pdf",
            original_name=f"report-{k}.pdf",
        )
        for application in applications
        for k in range(2)
    )


def _valuation_cases(start: int, stop: int) -> None:
    """Item n: a valuation case in one of the eight open statuses in turn, with its deadline
    0 to 59 days ahead or behind; every 50th with a guarantee lapsing within the warning days
    and every 40th with a notice still to post; and a vehicle case under appeal, forwarded to
    the committee."""
    from decimal import Decimal

    from customs_valuation.choices import (
        CaseKind,
        CaseStatus,
        DecisionKind,
        NoticeDelivery,
        ReleaseForm,
    )
    from customs_valuation.models import (
        Appeal,
        Decision,
        ProtestRelease,
        ValuationCase,
        VehiclePrice,
    )
    from customs_valuation.models.cases import OPEN_CASE_STATUSES

    today = timezone.localdate()
    officer = _users[Role.CUSTOMS_OFFICER]
    price = VehiclePrice.objects.order_by("pk").first()
    cases = []
    for n in range(start, stop):
        status = OPEN_CASE_STATUSES[n % len(OPEN_CASE_STATUSES)]
        due = today + timedelta(days=n % 120 - 60)
        first, last = _name(n)
        common = {
            "kind": CaseKind.VEHICLE,
            "officer": officer,
            "importer_national_id": f"{200_000_000 + n}",
            "importer_name": f"{first} {last}",
            "valuation_date": today,
            "make": price.make,
            "model": price.model,
            "manufacture_year": price.year,
            "price_list_entry": price,
            "chassis_number": f"WVW{n:014d}",
            "invoice_value": Decimal(10000 + n % 5000),
            "freight_origin": "europe",
        }
        cases.append(
            ValuationCase(
                status=status,
                answer_due=due if status == CaseStatus.NOTICE_OF_INTENT else None,
                appeal_due=due if status == CaseStatus.VALUE_SET else None,
                court_due=due if status == CaseStatus.APPEAL_DECIDED else None,
                determined_value=Decimal(40000),
                **common,
            )
        )
        cases.append(ValuationCase(status=CaseStatus.APPEALED, **common))
    cases = ValuationCase.objects.bulk_create(cases, batch_size=1000)
    member = _users[Role.APPEAL_COMMITTEE_MEMBER]
    now = timezone.now()
    Appeal.objects.bulk_create(
        Appeal(
            case=case, grounds="Too high.", filed_by=member, supervisor_opinion="Forward.",
            forwarded_at=now - timedelta(days=(case.pk % 30)),
        )
        for case in cases[1::2]
    )  # fmt: skip
    ProtestRelease.objects.bulk_create(
        ProtestRelease(
            case=case, form=ReleaseForm.BANK_GUARANTEE, amount=Decimal(5000), reference="G",
            lodged_on=today - timedelta(days=80), expires_on=today + timedelta(days=5),
            recorded_by=officer,
        )
        for n, case in zip(range(start, stop), cases[0::2], strict=True)
        if n % 50 == 0
    )  # fmt: skip
    Decision.objects.bulk_create(
        Decision(
            case=case, kind=DecisionKind.VALUE_SET, decided_by=officer, reasons="Cheap.",
            value=Decimal(40000), delivery=NoticeDelivery.POST,
        )
        for n, case in zip(range(start, stop), cases[0::2], strict=True)
        if n % 40 == 1
    )  # fmt: skip


def _garnishment(start: int, stop: int) -> None:
    """Item n: a report of the first bank (month n, a file of its own), line n of one large
    report, and two monthly statements: the first city's with bank n // 120 and the first
    bank's with city 1 + n // 120, for month n % 120."""
    from decimal import Decimal

    from garnishment.models import MonthlyStatement, Report, ReportLine

    user = _users[Role.THIRD_PARTY_SUBMITTER]
    bank, city = _third_party(0), _authority(0)
    first = date(2016, 1, 1)

    def month(n: int):
        return date(first.year + (n % MONTHS) // 12, 1 + n % 12, 1)

    common = {
        "third_party": bank, "submitted_by": user, "channel": Report.Channel.UPLOAD,
        "file_format": "csv", "processing": Report.Processing.DONE, "line_count": 1,
        "accepted_count": 1, "billed_total": Decimal("19.00"),
    }  # fmt: skip
    Report.objects.bulk_create(
        Report(period=month(n), original_name=f"report-{n}.csv", content_hash=f"r{n}", **common)
        for n in range(start, stop)
    )
    lines_report = Report.objects.filter(original_name="lines.csv").first()
    if lines_report is None:
        lines_report = Report.objects.create(
            period=date(2026, 5, 1), original_name="lines.csv", content_hash="lines", **common
        )
    ReportLine.objects.bulk_create(
        ReportLine(
            report=lines_report, line_number=n + 2, status=ReportLine.Status.ACCEPTED,
            authority=city, order_number=f"A-{n}", debtor_id_kind="id", debtor_id="302466339",
            debtor_name="Moshe Cohen", received_on=date(2026, 5, 3), fee_code="assets_found",
            fee_billed=Decimal("19.00"), fee_reason="billed", due_on=date(2026, 7, 1),
        )
        for n in range(start, stop)
    )  # fmt: skip
    amounts = {
        "assets_found_count": 1, "assets_found_amount": Decimal("19.00"), "no_assets_count": 0,
        "no_assets_amount": Decimal(0), "withheld_count": 0, "withheld_amount": Decimal(0),
    }  # fmt: skip
    MonthlyStatement.objects.bulk_create(
        [
            MonthlyStatement(
                authority=city, third_party=_third_party(n // MONTHS), period=month(n),
                due_on=month(n) + timedelta(days=60), **amounts,
            )
            for n in range(start, stop)
        ]
        + [
            MonthlyStatement(
                authority=_authority(1 + n // MONTHS), third_party=bank, period=month(n),
                due_on=month(n) + timedelta(days=60), **amounts,
            )
            for n in range(start, stop)
        ]
    )  # fmt: skip


def _refunds_and_importer_files(start: int, stop: int, people: list) -> None:
    """Item n: a refund request of holder n (waiting for a decision, or approved and not yet
    paid), due 0 to 89 days ahead or behind; and an importer's open file for a new vehicle,
    to be closed 0 to 47 hours ahead or behind."""
    from parking_badges.models import ImporterVehicleFile, RefundRequest, Vehicle

    today, now = timezone.localdate(), timezone.now()
    vehicles = Vehicle.objects.bulk_create(
        Vehicle(
            number=f"{30_000_000 + n}",
            vehicle_type="private_car",
            tariff_code="01",
            registered_on=today,
        )
        for n in range(start, stop)
    )
    new_vehicles = Vehicle.objects.bulk_create(
        Vehicle(
            number=f"{40_000_000 + n}",
            vehicle_type="private_car",
            tariff_code="01",
            registered_on=today,
        )
        for n in range(start, stop)
    )
    rows = zip(range(start, stop), people, vehicles, new_vehicles, strict=True)
    refunds, files = [], []
    for n, person, vehicle, new_vehicle in rows:
        refunds.append(
            RefundRequest(
                person=person, vehicle=vehicle, kind="owner", owner_relation="self",
                disabled_national_id=person.national_id, owner_national_id=person.national_id,
                requested_on=today - timedelta(days=n % 180),
                due_on=today + timedelta(days=n % 180 - 90),
                approving_body="department_doctor", approval_date=date(2025, 7, 2),
                ownership_date=date(2022, 1, 1), status="approved" if n % 4 == 3 else "open",
            )
        )  # fmt: skip
        files.append(
            ImporterVehicleFile(
                vehicle=new_vehicle, buyer_national_id=person.national_id,
                buyer_name=f"{person.first_name} {person.last_name}", importer_name="Importer",
                entitlement_source="national_insurance", opened_at=now - timedelta(hours=n % 48),
                close_by=now + timedelta(hours=48 - n % 96),
                status="released" if n % 3 == 2 else "with_customs",
            )
        )  # fmt: skip
    RefundRequest.objects.bulk_create(refunds)
    ImporterVehicleFile.objects.bulk_create(files)
